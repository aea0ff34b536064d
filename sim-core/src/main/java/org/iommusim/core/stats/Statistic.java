package org.iommusim.core.stats;

import org.iommusim.core.results.StatValue;

/**
 * One declared statistic: a stable hierarchical name (dot-separated), a unit and a
 * description, and the ability to reset (at the end of warm-up) and to render an immutable
 * {@link StatValue}.
 */
public interface Statistic {
    String name();

    String unit();

    String description();

    StatKind kind();

    /** Forgets everything observed so far; the clock's current time starts a new window. */
    void reset();

    /** An immutable picture of the statistic now. */
    StatValue snapshot();
}

package org.iommusim.core.findings;

import java.util.Map;

/**
 * One thing a run's results say: its {@link #kind()} ({@code difference}, {@code crossover},
 * {@code knee}, {@code warning}), the plain sentence a reader sees, and the structured fields
 * {@code findings.json} carries (in a fixed order, numbers as doubles, NaN for none).
 */
public sealed interface Finding permits Difference, Crossover, Knee, ResourceWarning {
    String kind();

    String sentence();

    /** The fields behind the sentence, in a fixed order (values are strings, numbers or null). */
    Map<String, Object> fields();
}

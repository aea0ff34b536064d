package org.iommusim.core.results;

import java.util.Objects;
import org.iommusim.core.stats.StatKind;
import org.iommusim.core.stats.Statistic;

/**
 * The identity of a statistic without its values: name, kind, unit and description. Results
 * files carry one per statistic (the {@code statistics} catalogue of {@code stats.json}) so a
 * reader can rebuild every {@link StatValue}; the text listing and the statistics reference
 * take their descriptions from it. Holds no observations.
 */
public record StatInfo(String name, StatKind kind, String unit, String description) {
    public StatInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(description, "description");
    }

    public static StatInfo of(StatValue v) {
        return new StatInfo(v.name(), v.kind(), v.unit(), v.description());
    }

    public static StatInfo of(Statistic s) {
        return new StatInfo(s.name(), s.kind(), s.unit(), s.description());
    }
}

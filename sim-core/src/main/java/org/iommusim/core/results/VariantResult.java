package org.iommusim.core.results;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The results of one variant of a scenario: its name, the configuration overrides that define
 * it (in the order given; a sweep adds its swept parameters here), the summary of every scalar
 * key across replications (in the order the keys first appear, see {@link Snapshot#scalars()})
 * and the replications themselves, ordered by index, and the {@link RunWarning}s its run raised
 * (empty for most). Immutable; maps keep their order. The summary is a compact
 * {@link SummaryTable}; equality compares the cheap components first and the hash code looks
 * at the name and overrides only (equal variants
 * still have equal hashes), so a map keyed by variants does not hash every summary.
 */
public record VariantResult(String name, Map<String, String> overrides, Map<String, StatSummary> summary,
        List<Replication> replications, List<RunWarning> warnings) {
    /** A variant without warnings. */
    public VariantResult(String name, Map<String, String> overrides, Map<String, StatSummary> summary,
                         List<Replication> replications) {
        this(name, overrides, summary, replications, List.of());
    }

    public VariantResult {
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
        Objects.requireNonNull(name, "name");
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(overrides, "overrides")));
        summary = SummaryTable.copyOf(Objects.requireNonNull(summary, "summary"));
        replications = List.copyOf(Objects.requireNonNull(replications, "replications"));
        Set<Integer> seen = new HashSet<>();
        for (Replication r : replications) {
            if (!seen.add(r.index())) {
                throw new IllegalArgumentException("variant '" + name + "' has replication " + r.index() + " twice");
            }
        }
    }

    /** Value equality, cheapest components first (a summary can have 150,000 entries). */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof VariantResult v && name.equals(v.name) && overrides.equals(v.overrides)
                && warnings.equals(v.warnings) && replications.equals(v.replications) && summary.equals(v.summary);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + overrides.hashCode();
    }
}

package org.iommusim.scenarios.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iommusim.core.experiment.PrecisionRule;
import org.iommusim.core.experiment.Summaries;
import org.iommusim.core.results.Replication;
import org.iommusim.core.results.Snapshot;
import org.iommusim.core.results.StatSummary;
import org.iommusim.core.results.StatValue;
import org.iommusim.core.stats.StatKind;
import org.iommusim.scenarios.schema.Scenario;

/**
 * How long one variant ran, for the manifest: the replications that finished, the warm-up each
 * used (chosen per replication with {@code warmup: auto}), and with {@code precision} on whether
 * the target was met, else the headline statistic furthest from it and its relative 95 % CI
 * half-width. The watched statistics are the primary values of the headline ({@code run.*})
 * statistics other than time series; {@link PrecisionRule} decides how many replications to add.
 */
public record RunLength(String variant, int replications, List<Long> warmupsPs, Double precision,
                        Integer cap, String unmet, Double unmetHalfWidth) {
    public RunLength {
        warmupsPs = List.copyOf(warmupsPs);
    }

    /** How many replications the variant should have in all, given {@code done} finished into {@code snapshots}. */
    static int next(Scenario s, Snapshot[] snapshots, int done) {
        if (s.precision() <= 0) {
            return done;
        }
        List<Replication> reps = replications(s, snapshots, done);
        if (reps.size() < done) {
            return done; // cancelled: add nothing
        }
        return new PrecisionRule(s.precision(), s.replicationCap()).next(done, watched(reps));
    }

    static RunLength of(String variant, Scenario s, Snapshot[] snapshots, long[] warmups) {
        List<Replication> reps = replications(s, snapshots, snapshots.length);
        List<Long> used = new ArrayList<>();
        for (Replication r : reps) {
            used.add(warmups[r.index()]);
        }
        if (s.precision() <= 0) {
            return new RunLength(variant, reps.size(), used, null, null, null, null);
        }
        Map.Entry<String, Double> worst = reps.size() < 2 ? Map.entry("(fewer than two replications)", Double.NaN)
                : new PrecisionRule(s.precision(), s.replicationCap()).worst(watched(reps));
        return new RunLength(variant, reps.size(), used, s.precision(), s.replicationCap(),
                worst == null ? null : worst.getKey(), worst == null ? null : worst.getValue());
    }

    /** Whether the precision target was met (true when precision is off). */
    public boolean precise() {
        return unmet == null;
    }

    private static List<Replication> replications(Scenario s, Snapshot[] snapshots, int upTo) {
        List<Replication> reps = new ArrayList<>();
        for (int k = 0; k < Math.min(upTo, snapshots.length); k++) {
            if (snapshots[k] != null) {
                reps.add(new Replication(k, s.seed(), snapshots[k]));
            }
        }
        return reps;
    }

    /** The summaries of the headline statistics' primary values (time series excluded). */
    static Map<String, StatSummary> watched(List<Replication> reps) {
        Map<String, StatSummary> all = Summaries.of(reps);
        Map<String, StatSummary> out = new LinkedHashMap<>();
        for (StatValue v : reps.get(0).snapshot().values()) {
            if (v.name().startsWith(ResultFiles.HEADLINE_PREFIX) && v.kind() != StatKind.TIME_SERIES
                    && all.containsKey(v.name())) {
                out.put(v.name(), all.get(v.name()));
            }
        }
        return out;
    }
}

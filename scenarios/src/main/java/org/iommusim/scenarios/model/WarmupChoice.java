package org.iommusim.scenarios.model;

import org.iommusim.core.experiment.Mser;
import org.iommusim.core.results.Snapshot;
import org.iommusim.core.results.StatValue;
import org.iommusim.core.stats.StatKind;

/**
 * {@code warmup: auto}: the warm-up of one replication chosen from that replication's own output.
 * The replication is first run as a pilot with no warm-up for {@code duration}, sampling its time
 * series (the IOTLB hit ratio and the walk rate per period) from time 0; {@link Mser} (MSER-5)
 * gives each series' truncation point, and the warm-up is the latest of them: the end of the
 * last deleted sampling period. A series with a NaN sample (a period without IOTLB lookups) or
 * fewer than ten samples is not used; when none is usable the warm-up is 0. The measured run
 * then repeats the same replication (same seed and substream, so the same trajectory) with that
 * warm-up, so its statistics are exactly those of the pilot's data after the truncation point,
 * plus {@code duration} more.
 */
final class WarmupChoice {
    private WarmupChoice() {
    }

    /** The warm-up (ps) for a pilot run's snapshot. */
    static long of(Snapshot pilot) {
        long warmup = 0;
        for (StatValue v : pilot.values()) {
            if (v.kind() != StatKind.TIME_SERIES || !v.hasSeries()) {
                continue;
            }
            double[] xs = v.seriesValues();
            if (xs.length < 2 * Mser.BATCH || java.util.Arrays.stream(xs).anyMatch(Double::isNaN)) {
                continue;
            }
            int d = Mser.truncation(xs);
            if (d > 0) {
                warmup = Math.max(warmup, v.seriesTimes()[d - 1]);
            }
        }
        return warmup;
    }
}

package org.iommusim.core.stats;

import java.util.Arrays;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.PackedHistogram;

/**
 * One walk over a histogram's buckets that gives what a {@link LatencyHistogram} snapshot
 * reports: the mean, the values at given percentiles and a copy of the counts. Each is bit for
 * bit what HdrHistogram computes ({@link AbstractHistogram#getMean},
 * {@link AbstractHistogram#getValueAtPercentile}, {@link PackedHistogram#copy}), which would walk
 * the counts once each: the mean and the percentiles from bucket 0 up, the copy over the whole
 * counts array. Reading a packed histogram's count costs a search of its index, so with
 * thousands of per-device histograms those walks were most of a replication's time. This walk
 * reads only the buckets from the minimum to the maximum (buckets outside hold nothing, and an
 * empty bucket changes neither a sum nor a running count), once each, and builds the copy from
 * the non-empty ones.
 */
final class HistogramWalk {
    /** The mean, as {@link AbstractHistogram#getMean} (0 when empty). */
    final double mean;
    /** The value at each percentile asked for, as {@link AbstractHistogram#getValueAtPercentile}. */
    final long[] percentiles;
    private final long[] values;
    private final long[] counts;
    private final int buckets;

    private HistogramWalk(double mean, long[] percentiles, long[] values, long[] counts, int buckets) {
        this.mean = mean;
        this.percentiles = percentiles;
        this.values = values;
        this.counts = counts;
        this.buckets = buckets;
    }

    /**
     * Walks {@code h} once; {@code percentiles} ascending, each above 0 and at most 100 (at 0
     * HdrHistogram answers the first bucket's lowest equivalent value, this walk its highest).
     */
    static HistogramWalk of(AbstractHistogram h, double[] percentiles) {
        int n = percentiles.length;
        long total = h.getTotalCount();
        long[] need = new long[n];
        for (int i = 0; i < n; i++) { // getValueAtPercentile's count target
            double p = Math.min(Math.max(Math.nextAfter(percentiles[i], Double.NEGATIVE_INFINITY), 0.0D), 100.0D);
            need[i] = Math.max((long) Math.ceil((p * total) / 100.0D), 1);
        }
        long[] out = new long[n];
        long[] values = new long[16];
        long[] counts = new long[16];
        int buckets = 0;
        int next = 0;
        long seen = 0;
        double sum = 0;
        if (total > 0) {
            long last = h.getMaxValue();
            for (long v = h.lowestEquivalentValue(h.getMinValue()); seen < total && v <= last;
                 v = h.nextNonEquivalentValue(v)) {
                long count = h.getCountAtValue(v);
                if (count == 0) {
                    continue;
                }
                long top = h.highestEquivalentValue(v); // what HdrHistogram's iterators report
                sum += h.medianEquivalentValue(top) * (double) count; // getMean's sum, in its order
                seen += count;
                while (next < n && seen >= need[next]) {
                    out[next++] = top;
                }
                if (buckets == values.length) {
                    values = Arrays.copyOf(values, buckets * 2);
                    counts = Arrays.copyOf(counts, buckets * 2);
                }
                values[buckets] = v;
                counts[buckets++] = count;
            }
            if (seen != total) {
                throw new IllegalStateException("histogram walk found " + seen + " of " + total + " values");
            }
        }
        return new HistogramWalk(total == 0 ? 0.0 : sum * 1.0 / total, out, values, counts, buckets);
    }

    /**
     * A packed copy of the walked histogram {@code h}: the same settings, timestamps, counts,
     * total, minimum and maximum as {@code h.copy()}, made from the non-empty buckets only.
     */
    PackedHistogram copy(AbstractHistogram h) {
        PackedHistogram c = new PackedHistogram(h);
        for (int i = 0; i < buckets; i++) {
            c.recordValueWithCount(values[i], counts[i]);
        }
        return c;
    }
}

package org.iommusim.core.stats;

import java.util.Arrays;
import org.HdrHistogram.AbstractHistogram;
import org.iommusim.core.results.HistogramBuckets;

/**
 * One walk over a histogram's {@link BucketCounts} that gives what a {@link LatencyHistogram}
 * reports: the mean, the values at given percentiles, and the non-empty buckets for the
 * snapshot. Each figure is bit for bit what HdrHistogram computes from the same counts at 3
 * significant digits ({@link AbstractHistogram#getMean}, {@link AbstractHistogram#getValueAtPercentile},
 * {@code getMinValue}, {@code getMaxValue}): HdrHistogram's iterators report each bucket as its
 * highest equivalent value, the mean sums each bucket's median equivalent value times its count
 * in ascending order, and the extremes are the first bucket's lowest and the last bucket's
 * highest value (0 when zeros were recorded). {@code HistogramWalkTest} checks each against
 * HdrHistogram on random histograms.
 */
final class HistogramWalk {
    /** The mean, as {@link AbstractHistogram#getMean} (0 when empty). */
    final double mean;
    /** The value at each percentile asked for, as {@link AbstractHistogram#getValueAtPercentile}. */
    final long[] percentiles;
    /** The non-empty buckets; null when the histogram is empty. */
    final HistogramBuckets buckets;

    private HistogramWalk(double mean, long[] percentiles, HistogramBuckets buckets) {
        this.mean = mean;
        this.percentiles = percentiles;
        this.buckets = buckets;
    }

    /**
     * Walks {@code h} once; {@code percentiles} ascending, each above 0 and at most 100 (at 0
     * HdrHistogram answers the first bucket's lowest equivalent value, this walk its highest).
     */
    static HistogramWalk of(BucketCounts h, double[] percentiles) {
        int n = percentiles.length;
        long total = h.total();
        long[] need = new long[n];
        for (int i = 0; i < n; i++) { // getValueAtPercentile's count target
            double p = Math.min(Math.max(Math.nextAfter(percentiles[i], Double.NEGATIVE_INFINITY), 0.0D), 100.0D);
            need[i] = Math.max((long) Math.ceil((p * total) / 100.0D), 1);
        }
        long[] out = new long[n];
        if (total == 0) {
            return new HistogramWalk(0.0, out, null);
        }
        long[] values = new long[16];
        long[] counts = new long[16];
        int buckets = 0;
        int next = 0;
        long seen = 0;
        double sum = 0;
        long top = 0;
        for (int slot = h.next(0); slot >= 0; slot = h.next(slot + 1)) {
            long count = h.countAt(slot);
            long v = BucketCounts.lowestValue(slot);
            long width = BucketCounts.width(slot);
            top = v + width - 1; // what HdrHistogram's iterators report
            sum += (v + (width >> 1)) * (double) count; // getMean's sum of median equivalent values, in its order
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
        HistogramBuckets b = new HistogramBuckets(3, values, counts, buckets, values[0], top);
        return new HistogramWalk(sum * 1.0 / total, out, b);
    }
}

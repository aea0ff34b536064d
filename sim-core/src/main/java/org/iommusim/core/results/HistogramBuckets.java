package org.iommusim.core.results;

import java.util.Arrays;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.PackedHistogram;

/**
 * A histogram's recorded distribution as a snapshot keeps it: its non-empty HdrHistogram buckets
 * in ascending order (each as its lowest equivalent value and its count), with the total and the
 * minimum and maximum HdrHistogram reports ({@code getMinValue}, {@code getMaxValue}). That is
 * all a merge across replications reads ({@link HistogramLog}), in two arrays instead of an
 * HdrHistogram whose packed storage would grow entry by entry while the snapshot is made.
 * Immutable; {@link #toHistogram} makes an HdrHistogram of the same counts for readers that
 * want one (its value range is not kept: no result depends on it).
 */
public final class HistogramBuckets {
    private final int digits;
    private final long[] values;
    private final long[] counts;
    private final long total;
    private final long min;
    private final long max;

    /**
     * Buckets {@code values[i]} (ascending, each a bucket's lowest value) with {@code counts[i]} > 0
     * for i below {@code n}; the arrays are copied to size.
     */
    public HistogramBuckets(int digits, long[] values, long[] counts, int n, long min, long max) {
        if (n < 1) {
            throw new IllegalArgumentException("a histogram snapshot needs at least one bucket");
        }
        this.digits = digits;
        this.values = Arrays.copyOf(values, n);
        this.counts = Arrays.copyOf(counts, n);
        long t = 0;
        for (int i = 0; i < n; i++) {
            t += this.counts[i];
        }
        this.total = t;
        this.min = min;
        this.max = max;
    }

    /** The buckets of an HdrHistogram (null when it is empty). */
    public static HistogramBuckets of(AbstractHistogram h) {
        if (h.getTotalCount() == 0) {
            return null;
        }
        int n = 0;
        long[] values = new long[16];
        long[] counts = new long[16];
        for (HistogramIterationValue v : h.recordedValues()) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
                counts = Arrays.copyOf(counts, n * 2);
            }
            values[n] = h.lowestEquivalentValue(v.getValueIteratedTo());
            counts[n++] = v.getCountAddedInThisIterationStep();
        }
        return new HistogramBuckets(h.getNumberOfSignificantValueDigits(), values, counts, n,
                h.getMinValue(), h.getMaxValue());
    }

    /** Significant value digits of the buckets. */
    public int digits() {
        return digits;
    }

    /** Non-empty buckets. */
    public int size() {
        return values.length;
    }

    /** The lowest value of non-empty bucket {@code i} (ascending). */
    public long value(int i) {
        return values[i];
    }

    public long count(int i) {
        return counts[i];
    }

    public long total() {
        return total;
    }

    /** HdrHistogram's {@code getMinValue}: 0 when zeros were recorded, else the lowest bucket's lowest value. */
    public long min() {
        return min;
    }

    /** HdrHistogram's {@code getMaxValue}: the highest bucket's highest equivalent value. */
    public long max() {
        return max;
    }

    /** Records every bucket into {@code into} (with its count), in ascending order. */
    public void recordInto(AbstractHistogram into) {
        for (int i = 0; i < values.length; i++) {
            into.recordValueWithCount(values[i], counts[i]);
        }
    }

    /** A new auto-resizing packed HdrHistogram with these counts. */
    public PackedHistogram toHistogram() {
        PackedHistogram h = new PackedHistogram(digits);
        h.setAutoResize(true);
        recordInto(h);
        return h;
    }
}

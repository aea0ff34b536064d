package org.iommusim.core.stats;

import org.HdrHistogram.AbstractHistogram;

/**
 * Plain counts per HdrHistogram bucket for a busy {@link LatencyHistogram}: recording a value is
 * a bucket-index computation and an array increment, where the packed HdrHistogram needs an
 * index lookup in its packed array per distinct value. The counts cover HdrHistogram's buckets
 * at 3 significant digits (2,048 sub-buckets, unit 1) for values below {@link #LIMIT}
 * (2^25 = 33.5 µs in picoseconds) in {@value #SLOTS} ints (64 KiB, plus a 2 KiB bitmap of the
 * buckets in use, so emptying them into the histogram visits only those); larger values take
 * the histogram's ordinary path.
 *
 * <p>Each bucket is emptied into the histogram as its lowest value ({@link #lowestValue}) with
 * its count. Every figure HdrHistogram reports — counts, total, mean, percentiles, and min and
 * max (stored exactly, but reported as the lowest and highest equivalent value of their
 * bucket) — depends only on the counts per bucket and the buckets of the extreme values, so it
 * is the same as recording each value itself; {@code DenseCountsTest} checks the bucket mapping
 * against HdrHistogram's own {@code lowestEquivalentValue} and whole histograms for equality.
 *
 * <p>Memory is the price (66 KiB each), which is why a histogram gets these counts only once it
 * has proven busy, and a registry hands out a bounded number ({@link StatsRegistry}).
 */
final class DenseCounts {
    /** Sub-bucket half count magnitude at 3 significant digits: 2^10 = 1,024 slots per bucket above the first. */
    private static final int HALF_BITS = 10;
    /** Buckets covered: the first (values 0..2047) and 14 more, each twice the range of the one before. */
    static final int BUCKETS = 15;
    static final int SLOTS = (BUCKETS + 1) << HALF_BITS;
    /** Values from here on are not counted here. */
    static final long LIMIT = 1L << (BUCKETS + HALF_BITS);
    /** Values counted before the counts are emptied, so that no int count can overflow. */
    private static final int MAX_PENDING = 1 << 30;

    private final int[] counts = new int[SLOTS];
    private final long[] inUse = new long[SLOTS >>> 6];
    private int pending;

    /**
     * Counts a value in [0, {@link #LIMIT}) {@code n} times; {@link #pending} must be told of every
     * count before it reaches 2^30.
     */
    void count(long value, int n) {
        int i = slot(value);
        if (counts[i] == 0) {
            inUse[i >>> 6] |= 1L << i;
        }
        counts[i] += n;
    }

    /**
     * Notes {@code n} more values counted since the last call (a block of a histogram's buffer);
     * returns false when the counts must be emptied before more are counted, so that no int
     * count can overflow.
     */
    boolean pending(int n) {
        pending += n;
        return pending < MAX_PENDING;
    }

    /** The slot of a value below {@link #LIMIT}: HdrHistogram's counts index at 3 significant digits. */
    static int slot(long value) {
        int bucket = 53 - Long.numberOfLeadingZeros(value | 2047);
        return ((bucket + 1) << HALF_BITS) + (int) (value >>> bucket) - (1 << HALF_BITS);
    }

    /** The lowest value of a slot's bucket (HdrHistogram's lowest equivalent value of its values). */
    static long lowestValue(int slot) {
        int bucket = (slot >>> HALF_BITS) - 1;
        if (bucket < 0) {
            return slot;
        }
        long sub = (slot & ((1 << HALF_BITS) - 1)) + (1 << HALF_BITS);
        return sub << bucket;
    }

    /** Records every counted bucket into {@code into} (lowest value, count) and empties the counts. */
    void drainInto(AbstractHistogram into) {
        if (pending == 0) {
            return;
        }
        long[] words = inUse;
        for (int w = 0; w < words.length; w++) {
            long bits = words[w];
            while (bits != 0) {
                int i = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                into.recordValueWithCount(lowestValue(i), counts[i]);
                counts[i] = 0;
            }
            words[w] = 0;
        }
        pending = 0;
    }

    /** Drops every count. */
    void clear() {
        long[] words = inUse;
        for (int w = 0; w < words.length; w++) {
            long bits = words[w];
            while (bits != 0) {
                counts[(w << 6) + Long.numberOfTrailingZeros(bits)] = 0;
                bits &= bits - 1;
            }
            words[w] = 0;
        }
        pending = 0;
    }
}

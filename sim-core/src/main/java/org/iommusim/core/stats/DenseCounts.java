package org.iommusim.core.stats;

/**
 * Flat counts per HdrHistogram bucket for a busy {@link LatencyHistogram}: recording a value is
 * a bucket-index computation and an array increment, without {@link BucketCounts}' chunk lookup
 * and 64-bit counts. The counts cover the first {@value #SLOTS} buckets of {@link BucketCounts}
 * (values below {@link #LIMIT}, 2^25 = 33.5 µs in picoseconds) in ints (64 KiB, plus a 2 KiB
 * bitmap of the buckets in use, so emptying them visits only those); larger values go to the
 * histogram's {@link BucketCounts} directly. Emptied bucket by bucket into the histogram's
 * {@link BucketCounts} before anything reads it: the same counts per bucket, so the same figures.
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
        int i = BucketCounts.slot(value);
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

    /** Adds every counted bucket to {@code into} and empties the counts. */
    void drainInto(BucketCounts into) {
        if (pending == 0) {
            return;
        }
        long[] words = inUse;
        for (int w = 0; w < words.length; w++) {
            long bits = words[w];
            while (bits != 0) {
                int i = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                into.addAt(i, counts[i]);
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

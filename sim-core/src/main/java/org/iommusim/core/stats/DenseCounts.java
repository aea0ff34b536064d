package org.iommusim.core.stats;

/**
 * Flat counts per HdrHistogram bucket for a busy {@link LatencyHistogram}: recording a value is
 * a bucket-index computation and a byte increment, without {@link BucketCounts}' chunk lookup
 * and 64-bit counts. The counts cover the first {@value #SLOTS} buckets of {@link BucketCounts}
 * (values below {@link #LIMIT}, 2^25 = 33.5 µs in picoseconds); larger values go to the
 * histogram's {@link BucketCounts} directly. Emptied bucket by bucket into the histogram's
 * {@link BucketCounts} before anything reads it: the same counts per bucket, so the same figures.
 *
 * <p>Compact, because the data path's cost is where these counts sit in the caches: a busy
 * translation-latency histogram touches a few thousand buckets at random, and shadow churn
 * records into three or four such histograms per translation. Each count is a byte (16 KiB for
 * all buckets) whose carry goes into a 16-bit count of 256s ({@code high}, touched once per 256
 * values of a bucket), so a count holds up to 2^24 - 1; the counts are emptied before
 * {@value #MAX_PENDING} values have been counted. A 2 KiB bitmap marks the buckets in use, so
 * emptying visits only those.
 *
 * <p>Memory is the price (50 KiB each), which is why a histogram gets these counts only once it
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
    /** Values counted before the counts are emptied, so that no count reaches 2^24 (with a block of up to 2^23 more). */
    static final int MAX_PENDING = 1 << 23;
    /** Each bucket's count modulo 256. */
    private final byte[] low = new byte[SLOTS];
    /** Each bucket's count divided by 256. */
    private final char[] high = new char[SLOTS];
    private final long[] inUse = new long[SLOTS >>> 6];
    private int pending;

    /**
     * Counts a value in [0, {@link #LIMIT}) {@code n} >= 1 times; {@link #pending} must be told of
     * every count before the total reaches {@value #MAX_PENDING}.
     */
    void count(long value, int n) {
        int i = BucketCounts.slot(value);
        int old = low[i] & 0xFF;
        if (old == 0) {
            inUse[i >>> 6] |= 1L << i; // the first count since emptied, or a wrap of the low byte (marked already)
        }
        int c = old + n;
        if (c > 0xFF) {
            high[i] += (char) (c >>> 8);
        }
        low[i] = (byte) c;
    }

    /**
     * Notes {@code n} more values counted since the last call (a block of a histogram's buffer,
     * at most 2^23 values); returns false when the counts must be emptied before more are
     * counted, so that no count can overflow.
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
                into.addAt(i, ((long) high[i] << 8) | (low[i] & 0xFF));
                low[i] = 0;
                high[i] = 0;
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
                int i = (w << 6) + Long.numberOfTrailingZeros(bits);
                low[i] = 0;
                high[i] = 0;
                bits &= bits - 1;
            }
            words[w] = 0;
        }
        pending = 0;
    }
}

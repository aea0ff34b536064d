package org.iommusim.core.stats;

import java.util.Arrays;

/**
 * What a {@link LatencyHistogram} holds: a count per HdrHistogram bucket at 3 significant digits
 * (unit 1: values 0..2047 exactly, then 1,024 buckets per power of two), kept sparsely in chunks
 * of {@value #CHUNK} buckets allocated where values fall. Every figure a histogram reports —
 * total, mean, percentiles, minimum and maximum — depends only on these counts
 * ({@link HistogramWalk}), and so does the merged histogram log, so this replaces the
 * HdrHistogram {@code PackedHistogram} a histogram recorded into before: recording is an index
 * computation and an add, where the packed array searched its index and grew its storage (a copy
 * of every entry) again and again while a replication recorded and snapshotted.
 *
 * <p>Not modelled: HdrHistogram's value range (its auto-resized highest trackable value). No
 * result depends on it: the merged logs size their histograms by the values and maxima only.
 *
 * <p>Memory: a chunk is {@value #CHUNK} longs (520 bytes); a histogram whose values span 0.1 to
 * 30 µs in picoseconds holds at most ~130 chunks, one with a handful of distinct values a few.
 */
final class BucketCounts {
    /** Buckets below 2^(bucket + 11): HdrHistogram's counts index at 3 significant digits, unit 1. */
    private static final int HALF_BITS = 10;
    static final int SLOTS = 54 << HALF_BITS;
    private static final int CHUNK_BITS = 6;
    static final int CHUNK = 1 << CHUNK_BITS;

    private long[][] chunks = new long[4][];
    private long total;

    /** The bucket (HdrHistogram's counts index) of a value >= 0. */
    static int slot(long value) {
        int bucket = 53 - Long.numberOfLeadingZeros(value | 2047);
        return ((bucket + 1) << HALF_BITS) + (int) (value >>> bucket) - (1 << HALF_BITS);
    }

    /** The lowest value of a bucket (HdrHistogram's lowest equivalent value of its values). */
    static long lowestValue(int slot) {
        int bucket = (slot >>> HALF_BITS) - 1;
        if (bucket < 0) {
            return slot;
        }
        long sub = (slot & ((1 << HALF_BITS) - 1)) + (1 << HALF_BITS);
        return sub << bucket;
    }

    /** How many values a bucket spans (HdrHistogram's size of equivalent value range). */
    static long width(int slot) {
        int bucket = (slot >>> HALF_BITS) - 1;
        return bucket < 0 ? 1 : 1L << bucket;
    }

    /** Adds {@code n} >= 0 values of {@code value} >= 0. */
    void add(long value, long n) {
        addAt(slot(value), n);
    }

    /** Adds {@code n} to bucket {@code slot}. */
    void addAt(int slot, long n) {
        int c = slot >>> CHUNK_BITS;
        long[][] cs = chunks;
        if (c >= cs.length) {
            cs = chunks = Arrays.copyOf(cs, Math.max(c + 1, cs.length * 2));
        }
        long[] chunk = cs[c];
        if (chunk == null) {
            chunk = cs[c] = new long[CHUNK];
        }
        chunk[slot & (CHUNK - 1)] += n;
        total += n;
    }

    /** Adds every count of {@code other}. */
    void addAll(BucketCounts other) {
        long[][] os = other.chunks;
        for (int c = 0; c < os.length; c++) {
            long[] o = os[c];
            if (o == null) {
                continue;
            }
            for (int i = 0; i < CHUNK; i++) {
                if (o[i] != 0) {
                    addAt((c << CHUNK_BITS) + i, o[i]);
                }
            }
        }
    }

    long total() {
        return total;
    }

    /** The first non-empty bucket at or after {@code slot}, or -1. */
    int next(int slot) {
        long[][] cs = chunks;
        for (int c = slot >>> CHUNK_BITS; c < cs.length; c++) {
            long[] chunk = cs[c];
            if (chunk == null) {
                continue;
            }
            for (int i = c == slot >>> CHUNK_BITS ? slot & (CHUNK - 1) : 0; i < CHUNK; i++) {
                if (chunk[i] != 0) {
                    return (c << CHUNK_BITS) + i;
                }
            }
        }
        return -1;
    }

    /** The count of bucket {@code slot}. */
    long countAt(int slot) {
        int c = slot >>> CHUNK_BITS;
        long[] chunk = c < chunks.length ? chunks[c] : null;
        return chunk == null ? 0 : chunk[slot & (CHUNK - 1)];
    }

    /** Drops every count (the chunks stay for the values to come). */
    void clear() {
        for (long[] chunk : chunks) {
            if (chunk != null) {
                Arrays.fill(chunk, 0);
            }
        }
        total = 0;
    }
}

package org.iommusim.core.stats;

import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * The recording side of a {@link LatencyHistogram}: what the data path calls, and the buffers
 * that stand between it and the HdrHistogram. Values go into the HdrHistogram in blocks of
 * {@value #BUFFER}; a histogram's counts, minimum, maximum and total depend only on the values
 * recorded, not their order or grouping, so every figure is the same as with direct recording.
 *
 * <p>Within a block, in the order a record tries them:
 * <ul>
 *   <li>a <em>run</em>: the latest value and how often it came in a row — a record of the same
 *   value again (the TLPs of one run, a walk's fixed memory latency) is two increments;</li>
 *   <li>{@link #recordZero} counts zeros (a FIFO server that granted at once) apart, with no
 *   lookup at all;</li>
 *   <li>{@link DenseCounts}, plain counts per bucket, once the histogram has proven busy
 *   ({@value #HOT} values) and its registry granted them (a bounded number: they cost 66 KiB);</li>
 *   <li>else a small open-addressed table of distinct value and count (cheaper than sorting).</li>
 * </ul>
 * Runs and zeros are committed into the dense counts or the table before their block ends.
 *
 * <p>Blocks are the unit of the one observable side effect of buffering: a reset discards the
 * last, partial block, and HdrHistogram's auto-resized range (written in its encoding) keeps
 * what the flushed blocks grew it to. Every path keeps the same blocks as recording each value
 * by itself, and dense counts remember the largest value of the flushed blocks for that reason.
 */
final class HistogramRecorder {
    /** Values buffered before they go into the histogram. */
    static final int BUFFER = 64;
    /** Values recorded through the buffer before a histogram asks for dense counts. */
    static final int HOT = 4096;
    /** Slots of the value table: twice {@link #BUFFER}, so it is at most half full. */
    private static final int TABLE_BITS = 7;
    private static final int TABLE = 1 << TABLE_BITS;
    private static final long EMPTY = -1L;

    private final String name;
    private final Histogram histogram;
    /** Asked once, when this histogram gets busy, whether it may have dense counts. */
    private final BooleanSupplier denseGrant;

    /** Values of the current block (its run, zeros, table and dense counts together). */
    private int buffered;
    /** The run: always a valid value (>= 0), recorded {@code runCount} times in a row, uncommitted. */
    private long runValue;
    private int runCount;
    private int zeros;

    // Distinct value -> count (linear probing), and the slots in use in the order first seen.
    private final long[] keys = new long[TABLE];
    private final int[] counts = new int[TABLE];
    private final int[] used = new int[BUFFER];
    private int distinct;

    private DenseCounts dense;
    private long bufferedTotal; // values of the blocks flushed while there were no dense counts
    private boolean denseAsked;
    /** The largest dense-counted value of the current block, and of the flushed blocks (-1: none). */
    private long denseMax = -1;
    private long denseMaxFlushed = -1;

    HistogramRecorder(String name, Histogram histogram, BooleanSupplier denseGrant) {
        this.name = name;
        this.histogram = histogram;
        this.denseGrant = denseGrant;
        Arrays.fill(keys, EMPTY);
    }

    void record(long value) {
        if (value == runValue && buffered < BUFFER) {
            buffered++;
            runCount++;
            return;
        }
        recordNew(value, 1);
    }

    /** Exactly what {@code n} calls of {@link #record(long)} do: the same blocks, flushes and grant. */
    void record(long value, int n) {
        if (value == runValue && n >= 0 && n <= BUFFER - buffered) {
            buffered += n;
            runCount += n;
            return;
        }
        recordNew(value, n);
    }

    /** What {@code record(0)} does, without a run or a lookup. */
    void recordZero() {
        if (buffered == BUFFER) {
            flush();
        }
        buffered++;
        zeros++;
    }

    /** A value that is not the run's: it starts a new run (after validation). */
    private void recordNew(long value, int n) {
        if (value < 0 || n < 0) {
            throw new IllegalArgumentException(n == 1
                    ? "'" + name + "' cannot record the negative value " + value
                    : "'" + name + "' cannot record the value " + value + " " + n
                            + " times: values and counts must be >= 0");
        }
        commitRun();
        runValue = value;
        while (n > 0) {
            if (buffered == BUFFER) {
                flush(); // commits the run so far
            }
            int k = Math.min(n, BUFFER - buffered);
            n -= k;
            buffered += k;
            runCount += k;
        }
    }

    private void commitRun() {
        if (runCount != 0) {
            add(runValue, runCount);
            runCount = 0;
        }
    }

    /** Counts {@code value} {@code k} times into the dense counts or the table (within the block). */
    private void add(long value, int k) {
        DenseCounts d = dense;
        if (d != null && value < DenseCounts.LIMIT) {
            if (value > denseMax) {
                denseMax = value;
            }
            d.count(value, k);
            return;
        }
        long[] kk = keys;
        int slot = (int) ((value * 0x9E3779B97F4A7C15L) >>> (64 - TABLE_BITS));
        while (true) {
            long kv = kk[slot];
            if (kv == value) {
                counts[slot] += k;
                return;
            }
            if (kv == EMPTY) {
                kk[slot] = value;
                counts[slot] = k;
                used[distinct++] = slot;
                return;
            }
            slot = (slot + 1) & (TABLE - 1);
        }
    }

    /** Ends the block: records each of its distinct values once with its count. */
    void flush() {
        commitRun();
        if (zeros != 0) {
            add(0, zeros);
            zeros = 0;
        }
        long[] k = keys;
        int[] c = counts;
        int[] u = used;
        for (int i = 0; i < distinct; i++) {
            int slot = u[i];
            histogram.recordValueWithCount(k[slot], c[slot]);
            k[slot] = EMPTY;
        }
        distinct = 0;
        if (dense != null) {
            if (denseMax > denseMaxFlushed) {
                denseMaxFlushed = denseMax;
            }
            denseMax = -1;
            if (!dense.pending(buffered)) {
                dense.drainInto(histogram);
            }
        } else if (!denseAsked && (bufferedTotal += buffered) >= HOT) {
            denseAsked = true;
            if (denseGrant.getAsBoolean()) {
                dense = new DenseCounts();
            }
        }
        buffered = 0;
    }

    /** Puts every recorded value into the histogram (before any read). */
    void drain() {
        flush();
        if (dense != null) {
            dense.drainInto(histogram);
        }
    }

    /**
     * Drops what the histogram does not hold yet (the partial block and the dense counts); with
     * dense counts, first grows the histogram's range to what direct recording of the flushed
     * blocks would have grown it to. The caller then resets the histogram.
     */
    void reset() {
        for (int i = 0; i < distinct; i++) {
            keys[used[i]] = EMPTY;
        }
        distinct = 0;
        runCount = 0;
        zeros = 0;
        if (dense != null) {
            dense.clear();
            if (denseMaxFlushed > 0) {
                histogram.recordValue(denseMaxFlushed);
            }
            denseMax = -1;
            denseMaxFlushed = -1;
        }
        buffered = 0;
    }

    boolean hasDenseCounts() {
        return dense != null;
    }
}

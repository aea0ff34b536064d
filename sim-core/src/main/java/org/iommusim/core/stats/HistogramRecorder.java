package org.iommusim.core.stats;

import java.util.function.BooleanSupplier;

/**
 * The recording side of a {@link LatencyHistogram}: what the data path calls, and the buffers
 * that stand between it and the histogram's {@link BucketCounts}. A histogram's figures depend
 * only on its counts per bucket, not on the order or grouping of the values, so every figure is
 * the same as with each value added by itself.
 *
 * <p>In the order a record tries them:
 * <ul>
 *   <li>a <em>run</em>: the latest value and how often it came in a row — a record of the same
 *   value again (the TLPs of one run, a walk's fixed memory latency) is two increments;</li>
 *   <li>{@link #recordZero} counts zeros (a FIFO server that granted at once) apart, with no
 *   lookup at all;</li>
 *   <li>{@link DenseCounts}, flat int counts per bucket, once the histogram has proven busy
 *   ({@value #HOT} values) and its registry granted them (a bounded number: they cost 50 KiB);</li>
 *   <li>else the {@link BucketCounts} themselves.</li>
 * </ul>
 * Runs and zeros are committed at least once per block of {@value #BUFFER} values (so their int
 * counts cannot overflow) and before anything reads the histogram.
 */
final class HistogramRecorder {
    /** Values per block: runs and zeros are committed at least this often. */
    static final int BUFFER = 64;
    /** Values recorded before a histogram asks for dense counts. */
    static final int HOT = 4096;

    private final String name;
    private final BucketCounts counts;
    /** Asked once, when this histogram gets busy, whether it may have dense counts. */
    private final BooleanSupplier denseGrant;

    /** Values of the current block (its run, zeros and dense or bucket counts together). */
    private int buffered;
    /** The run: always a valid value (>= 0), recorded {@code runCount} times in a row, uncommitted. */
    private long runValue;
    private int runCount;
    private int zeros;

    private DenseCounts dense;
    private long blocksTotal; // values of the blocks ended while there were no dense counts
    private boolean denseAsked;

    HistogramRecorder(String name, BucketCounts counts, BooleanSupplier denseGrant) {
        this.name = name;
        this.counts = counts;
        this.denseGrant = denseGrant;
    }

    void record(long value) {
        if (value == runValue && buffered < BUFFER) {
            buffered++;
            runCount++;
            return;
        }
        recordNew(value, 1);
    }

    /** Exactly what {@code n} calls of {@link #record(long)} do. */
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

    /** Counts {@code value} {@code k} times into the dense counts or the bucket counts. */
    private void add(long value, int k) {
        DenseCounts d = dense;
        if (d != null && value < DenseCounts.LIMIT) {
            d.count(value, k);
        } else {
            counts.add(value, k);
        }
    }

    /** Ends the block: commits the run and the zeros; asks for dense counts once busy. */
    void flush() {
        commitRun();
        if (zeros != 0) {
            add(0, zeros);
            zeros = 0;
        }
        if (dense != null) {
            if (!dense.pending(buffered)) {
                dense.drainInto(counts);
            }
        } else if (!denseAsked && (blocksTotal += buffered) >= HOT) {
            denseAsked = true;
            if (denseGrant.getAsBoolean()) {
                dense = new DenseCounts();
            }
        }
        buffered = 0;
    }

    /** Puts every recorded value into the bucket counts (before any read). */
    void drain() {
        flush();
        if (dense != null) {
            dense.drainInto(counts);
        }
    }

    /** Drops what the bucket counts do not hold yet; the caller then clears them. */
    void reset() {
        runCount = 0;
        zeros = 0;
        if (dense != null) {
            dense.clear();
        }
        buffered = 0;
    }

    boolean hasDenseCounts() {
        return dense != null;
    }
}

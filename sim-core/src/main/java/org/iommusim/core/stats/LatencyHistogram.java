package org.iommusim.core.stats;

import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.iommusim.core.results.StatValue;

/**
 * Latency observations in an HdrHistogram (3 significant digits, auto-resizing; the packed
 * variant, whose memory grows with the buckets in use rather than with the value range: a
 * plain one holds ~100 KiB of counts per picosecond latency, which with 1,000 devices' histograms
 * was most of the heap), reported as
 * mean, count, the percentiles of {@link #PERCENTILES} (fields {@code p1} ... {@code p9999}:
 * enough points for a report to draw a CDF) and min and max. Values are whole units
 * (picoseconds for latencies); negative values are an error in the caller.
 *
 * <p>A <em>sum</em> ({@link StatsRegistry#histogramSum}) records nothing itself: it reports the
 * merged observations of its parts, so a model-wide latency costs nothing on the data path.
 *
 * <p>Recording is buffered: values collect in a small array and go into the HdrHistogram
 * {@value #BUFFER} at a time, each distinct value once with its count (counted in a small
 * open-addressed table, which costs less than sorting the buffer), and before anything reads
 * it. A histogram's counts, minimum, maximum and total depend only on the values
 * recorded, not their order or grouping, so every figure is the same as with direct recording;
 * but the data path touches the packed counts in bursts, mostly to add to a few repeated values
 * (simulated latencies are often fixed sums), instead of once per event (docs/PERFORMANCE.md).
 *
 * <p>A busy histogram (one that has recorded {@value #HOT} values) asks its registry for
 * {@link DenseCounts}, plain counts per bucket that record a value with an index computation and
 * an increment; the registry grants a bounded number of them, so memory stays bounded with
 * thousands of histograms. They are emptied into the HdrHistogram before any read, bucket by
 * bucket, and every reported figure is the same as with direct recording.
 */
public final class LatencyHistogram extends AbstractStatistic {
    /** Field name and percentile of every reported percentile, ascending. */
    private static final String[] PERCENTILE_FIELDS = {
        "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "p999", "p9999"};
    private static final double[] PERCENTILES = {1, 5, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99};

    /** Values buffered before they go into the histogram. */
    static final int BUFFER = 64;

    /** Values recorded through the buffer before a histogram asks for dense counts. */
    static final int HOT = 4096;

    private final Histogram histogram = new PackedHistogram(3);
    private final List<LatencyHistogram> parts;
    /** Asked once, when this histogram gets busy, whether it may have dense counts. */
    private final BooleanSupplier denseGrant;
    private DenseCounts dense;
    private long bufferedTotal;   // values that went through the buffer while there were no dense counts
    private boolean denseAsked;
    /**
     * The largest dense-counted value of the current block of {@value #BUFFER} records, and of
     * the blocks before (-1: none). A reset discards the last, partial block unrecorded, as it
     * always did; the histogram's auto-resized range before a reset (written in its encoding)
     * is then grown to what the flushed blocks would have grown it to.
     */
    private long denseMax = -1;
    private long denseMaxFlushed = -1;
    /** Slots of the value table: twice {@link #BUFFER}, so it is at most half full. */
    private static final int TABLE_BITS = 7;
    private static final int TABLE = 1 << TABLE_BITS;
    private static final long EMPTY = -1L;

    // Buffered values: an open-addressed (linear probing) table of distinct value -> count, and
    // the slots in use, in the order first seen. Null for a sum.
    private final long[] keys;
    private final int[] counts;
    private final int[] used;
    private int distinct;
    private int buffered;

    LatencyHistogram(String name, String unit, String description) {
        this(name, unit, description, List.of(), () -> false);
    }

    LatencyHistogram(String name, String unit, String description, BooleanSupplier denseGrant) {
        this(name, unit, description, List.of(), denseGrant);
    }

    LatencyHistogram(String name, String unit, String description, List<LatencyHistogram> parts) {
        this(name, unit, description, parts, () -> false);
    }

    private LatencyHistogram(String name, String unit, String description, List<LatencyHistogram> parts,
                             BooleanSupplier denseGrant) {
        super(name, unit, description);
        this.denseGrant = denseGrant;
        histogram.setAutoResize(true);
        this.parts = List.copyOf(parts);
        boolean records = this.parts.isEmpty();
        this.keys = records ? new long[TABLE] : null;
        this.counts = records ? new int[TABLE] : null;
        this.used = records ? new int[BUFFER] : null;
        if (records) {
            Arrays.fill(keys, EMPTY);
        }
        for (LatencyHistogram p : this.parts) {
            if (!p.unit().equals(unit)) {
                throw new IllegalArgumentException("histogram sum '" + name + "' in " + unit + " cannot include '"
                        + p.name() + "' in " + p.unit());
            }
        }
    }

    public void record(long value) {
        DenseCounts d = dense;
        if (d != null && value >= 0 && value < DenseCounts.LIMIT) {
            if (buffered == BUFFER) {
                flush();
            }
            buffered++; // blocks of BUFFER values as before: see denseMaxFlushed
            if (value > denseMax) {
                denseMax = value;
            }
            if (!d.count(value)) {
                d.drainInto(histogram);
            }
            return;
        }
        long[] k = keys;
        if (k == null) {
            throw new IllegalStateException("'" + name() + "' is the sum of other histograms and records nothing");
        }
        if (value < 0) {
            throw new IllegalArgumentException("'" + name() + "' cannot record the negative value " + value);
        }
        if (buffered == BUFFER) {
            flush();
        }
        buffered++;
        int slot = (int) ((value * 0x9E3779B97F4A7C15L) >>> (64 - TABLE_BITS));
        while (true) {
            long kv = k[slot];
            if (kv == value) {
                counts[slot]++;
                return;
            }
            if (kv == EMPTY) {
                k[slot] = value;
                counts[slot] = 1;
                used[distinct++] = slot;
                return;
            }
            slot = (slot + 1) & (TABLE - 1);
        }
    }

    /**
     * Records {@code value} {@code n} times: exactly what {@code n} calls of {@link #record(long)}
     * do (the same blocks of {@value #BUFFER} values, the same flushes and dense-count grant), with
     * one table probe or one dense-count increment per block instead of one per value — for the
     * translations of one run of TLPs, which all take the same time.
     */
    public void record(long value, int n) {
        if (n == 1) {
            record(value);
            return;
        }
        if (keys == null) {
            throw new IllegalStateException("'" + name() + "' is the sum of other histograms and records nothing");
        }
        if (value < 0 || n < 0) {
            throw new IllegalArgumentException("'" + name() + "' cannot record the value " + value + " " + n
                    + " times: values and counts must be >= 0");
        }
        while (n > 0) {
            if (buffered == BUFFER) {
                flush();
            }
            int k = Math.min(n, BUFFER - buffered);
            n -= k;
            buffered += k;
            DenseCounts d = dense;
            if (d != null && value < DenseCounts.LIMIT) {
                if (value > denseMax) {
                    denseMax = value;
                }
                if (!d.count(value, k)) {
                    d.drainInto(histogram);
                }
                continue;
            }
            long[] kk = keys;
            int slot = (int) ((value * 0x9E3779B97F4A7C15L) >>> (64 - TABLE_BITS));
            while (true) {
                long kv = kk[slot];
                if (kv == value) {
                    counts[slot] += k;
                    break;
                }
                if (kv == EMPTY) {
                    kk[slot] = value;
                    counts[slot] = k;
                    used[distinct++] = slot;
                    break;
                }
                slot = (slot + 1) & (TABLE - 1);
            }
        }
    }

    /** Records each buffered distinct value once with its count, and empties the table. */
    private void flush() {
        long[] k = keys;
        int[] c = counts;
        int[] u = used;
        for (int i = 0; i < distinct; i++) {
            int slot = u[i];
            histogram.recordValueWithCount(k[slot], c[slot]);
            k[slot] = EMPTY;
        }
        if (denseMax > denseMaxFlushed) {
            denseMaxFlushed = denseMax;
        }
        denseMax = -1;
        if (!denseAsked && (bufferedTotal += buffered) >= HOT) {
            denseAsked = true;
            if (denseGrant.getAsBoolean()) {
                dense = new DenseCounts();
            }
        }
        distinct = 0;
        buffered = 0;
    }

    /** A sum re-reads its parts; a plain histogram takes in its buffered values. */
    private Histogram current() {
        if (keys != null) {
            flush();
            if (dense != null) {
                dense.drainInto(histogram);
            }
        } else {
            histogram.reset();
            for (LatencyHistogram p : parts) {
                histogram.add(p.current());
            }
        }
        return histogram;
    }

    public long count() {
        return current().getTotalCount();
    }

    public double mean() {
        Histogram h = current();
        return h.getTotalCount() == 0 ? Double.NaN : h.getMean();
    }

    public long percentile(double p) {
        return current().getValueAtPercentile(p);
    }

    /** Whether this histogram records into {@link DenseCounts} (for tests and diagnostics). */
    boolean hasDenseCounts() {
        return dense != null;
    }

    /** A copy of the underlying histogram, for CDF plots and merging across runs. */
    public Histogram copy() {
        return current().copy();
    }

    @Override
    public StatKind kind() {
        return StatKind.HISTOGRAM;
    }

    @Override
    public void reset() {
        if (keys != null) {
            for (int i = 0; i < distinct; i++) {
                keys[used[i]] = EMPTY;
            }
        }
        if (dense != null) {
            dense.clear();
            if (denseMaxFlushed > 0) {
                histogram.recordValue(denseMaxFlushed); // grows the range as direct recording did
            }
            denseMax = -1;
            denseMaxFlushed = -1;
        }
        distinct = 0;
        buffered = 0;
        histogram.reset();
    }

    @Override
    public StatValue snapshot() {
        Histogram histogram = current();
        boolean empty = histogram.getTotalCount() == 0;
        HistogramWalk walk = empty ? null : HistogramWalk.of(histogram, PERCENTILES);
        StatValue.Builder b = StatValue.builder(name(), kind(), unit(), description())
                .field("mean", empty ? Double.NaN : walk.mean)
                .field("count", histogram.getTotalCount());
        for (int i = 0; i < PERCENTILES.length; i++) {
            b.field(PERCENTILE_FIELDS[i], empty ? Double.NaN : walk.percentiles[i]);
        }
        return b.field("min", empty ? Double.NaN : histogram.getMinValue())
                .field("max", empty ? Double.NaN : histogram.getMaxValue())
                .histogram(empty ? null : walk.copy(histogram))
                .build();
    }

    /**
     * The value at every percentile of {@link #PERCENTILES}, each exactly what
     * {@link AbstractHistogram#getValueAtPercentile} returns, in one walk ({@link HistogramWalk})
     * instead of one scan of the counts per percentile.
     */
    static long[] percentiles(AbstractHistogram h) {
        return HistogramWalk.of(h, PERCENTILES).percentiles;
    }
}

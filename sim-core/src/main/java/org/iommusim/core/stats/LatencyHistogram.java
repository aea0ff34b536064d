package org.iommusim.core.stats;

import java.util.Arrays;
import java.util.List;
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
 */
public final class LatencyHistogram extends AbstractStatistic {
    /** Field name and percentile of every reported percentile, ascending. */
    private static final String[] PERCENTILE_FIELDS = {
        "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "p999", "p9999"};
    private static final double[] PERCENTILES = {1, 5, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99};

    /** Values buffered before they go into the histogram. */
    static final int BUFFER = 64;

    private final Histogram histogram = new PackedHistogram(3);
    private final List<LatencyHistogram> parts;
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
        this(name, unit, description, List.of());
    }

    LatencyHistogram(String name, String unit, String description, List<LatencyHistogram> parts) {
        super(name, unit, description);
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
        distinct = 0;
        buffered = 0;
    }

    /** A sum re-reads its parts; a plain histogram takes in its buffered values. */
    private Histogram current() {
        if (keys != null) {
            flush();
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

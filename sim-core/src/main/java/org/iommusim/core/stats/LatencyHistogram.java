package org.iommusim.core.stats;

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
 * <p>Recording is buffered ({@link HistogramRecorder}: runs of one value, zeros apart, dense
 * counts per bucket for a busy histogram, else a small table of distinct values, emptied into
 * the HdrHistogram in blocks and before anything reads it): every reported figure is the same as
 * with direct recording, but the data path touches the packed counts in bursts instead of once
 * per event (docs/PERFORMANCE.md).
 */
public final class LatencyHistogram extends AbstractStatistic {
    /** Field name and percentile of every reported percentile, ascending. */
    private static final String[] PERCENTILE_FIELDS = {
        "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "p999", "p9999"};
    private static final double[] PERCENTILES = {1, 5, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99};

    /** Values buffered before they go into the histogram. */
    static final int BUFFER = HistogramRecorder.BUFFER;

    /** Values recorded through the buffer before a histogram asks for dense counts. */
    static final int HOT = HistogramRecorder.HOT;

    private final Histogram histogram = new PackedHistogram(3);
    private final List<LatencyHistogram> parts;
    /** Null for a sum. */
    private final HistogramRecorder recorder;

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
        histogram.setAutoResize(true);
        this.parts = List.copyOf(parts);
        this.recorder = this.parts.isEmpty() ? new HistogramRecorder(name, histogram, denseGrant) : null;
        for (LatencyHistogram p : this.parts) {
            if (!p.unit().equals(unit)) {
                throw new IllegalArgumentException("histogram sum '" + name + "' in " + unit + " cannot include '"
                        + p.name() + "' in " + p.unit());
            }
        }
    }

    public void record(long value) {
        recorder().record(value);
    }

    /**
     * Records {@code value} {@code n} times: exactly what {@code n} calls of {@link #record(long)}
     * do (the same blocks of {@value #BUFFER} values, the same flushes and dense-count grant), in
     * one step per block — for the translations of one run of TLPs, which all take the same time.
     */
    public void record(long value, int n) {
        recorder().record(value, n);
    }

    /**
     * Records a zero (a wait that did not happen): exactly what {@code record(0)} does, counted
     * apart and added to the histogram once per block.
     */
    public void recordZero() {
        recorder().recordZero();
    }

    private HistogramRecorder recorder() {
        HistogramRecorder r = recorder;
        if (r == null) {
            throw new IllegalStateException("'" + name() + "' is the sum of other histograms and records nothing");
        }
        return r;
    }

    /** A sum re-reads its parts; a plain histogram takes in its buffered values. */
    private Histogram current() {
        if (recorder != null) {
            recorder.drain();
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
        return recorder != null && recorder.hasDenseCounts();
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
        if (recorder != null) {
            recorder.reset();
        }
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

package org.iommusim.core.stats;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.PackedHistogram;
import org.iommusim.core.results.HistogramBuckets;
import org.iommusim.core.results.StatValue;

/**
 * Latency observations counted per HdrHistogram bucket at 3 significant digits
 * ({@link BucketCounts}: sparse, so memory grows with the buckets in use rather than with the
 * value range — a plain HdrHistogram holds ~100 KiB of counts per picosecond latency, which with
 * 1,000 devices' histograms would be most of the heap), reported exactly as an HdrHistogram of
 * the same values reports them ({@link HistogramWalk}): mean, count, the percentiles of
 * {@link #PERCENTILES} (fields {@code p1} ... {@code p9999}: enough points for a report to draw a
 * CDF) and min and max. Values are whole units (picoseconds for latencies); negative values are
 * an error in the caller.
 *
 * <p>A <em>sum</em> ({@link StatsRegistry#histogramSum}) records nothing itself: it reports the
 * merged observations of its parts, so a model-wide latency costs nothing on the data path.
 *
 * <p>Recording is buffered ({@link HistogramRecorder}: runs of one value, zeros apart, dense
 * counts for a busy histogram) and emptied into the bucket counts before anything reads them.
 */
public final class LatencyHistogram extends AbstractStatistic {
    /** Field name and percentile of every reported percentile, ascending. */
    private static final String[] PERCENTILE_FIELDS = {
        "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "p999", "p9999"};
    private static final double[] PERCENTILES = {1, 5, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99};

    /** Values per block of the recorder. */
    static final int BUFFER = HistogramRecorder.BUFFER;

    /** Values recorded before a histogram asks for dense counts. */
    static final int HOT = HistogramRecorder.HOT;

    private final BucketCounts counts = new BucketCounts();
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
        this.parts = List.copyOf(parts);
        this.recorder = this.parts.isEmpty() ? new HistogramRecorder(name, counts, denseGrant) : null;
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
     * do, in one step per block — for the translations of one run of TLPs, which all take the
     * same time.
     */
    public void record(long value, int n) {
        recorder().record(value, n);
    }

    /** Records a zero (a wait that did not happen): exactly what {@code record(0)} does, counted apart. */
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
    private BucketCounts current() {
        if (recorder != null) {
            recorder.drain();
        } else {
            counts.clear();
            for (LatencyHistogram p : parts) {
                counts.addAll(p.current());
            }
        }
        return counts;
    }

    public long count() {
        return current().total();
    }

    public double mean() {
        BucketCounts c = current();
        return c.total() == 0 ? Double.NaN : HistogramWalk.of(c, new double[0]).mean;
    }

    public long percentile(double p) {
        return HistogramWalk.of(current(), new double[] {p}).percentiles[0];
    }

    /** Whether this histogram records into {@link DenseCounts} (for tests and diagnostics). */
    boolean hasDenseCounts() {
        return recorder != null && recorder.hasDenseCounts();
    }

    /** An HdrHistogram of the recorded values' counts (for tests and diagnostics; empty when nothing was recorded). */
    public PackedHistogram copy() {
        HistogramBuckets b = HistogramWalk.of(current(), new double[0]).buckets;
        if (b == null) {
            PackedHistogram h = new PackedHistogram(3);
            h.setAutoResize(true);
            return h;
        }
        return b.toHistogram();
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
        counts.clear();
    }

    @Override
    public StatValue snapshot() {
        HistogramWalk walk = HistogramWalk.of(current(), PERCENTILES);
        HistogramBuckets b = walk.buckets;
        boolean empty = b == null;
        StatValue.Builder sb = StatValue.builder(name(), kind(), unit(), description())
                .field("mean", empty ? Double.NaN : walk.mean)
                .field("count", empty ? 0 : b.total());
        for (int i = 0; i < PERCENTILES.length; i++) {
            sb.field(PERCENTILE_FIELDS[i], empty ? Double.NaN : walk.percentiles[i]);
        }
        return sb.field("min", empty ? Double.NaN : b.min())
                .field("max", empty ? Double.NaN : b.max())
                .buckets(b)
                .build();
    }
}

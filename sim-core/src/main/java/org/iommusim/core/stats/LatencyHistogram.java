package org.iommusim.core.stats;

import org.HdrHistogram.Histogram;
import org.iommusim.core.results.StatValue;

/**
 * Latency observations in an HdrHistogram (3 significant digits, auto-resizing), reported as
 * mean, count, the percentiles of {@link #PERCENTILES} (fields {@code p1} ... {@code p9999}:
 * enough points for a report to draw a CDF) and min and max. Values are whole units
 * (picoseconds for latencies); negative values are an error in the caller.
 */
public final class LatencyHistogram extends AbstractStatistic {
    /** Field name and percentile of every reported percentile, ascending. */
    private static final String[] PERCENTILE_FIELDS = {
        "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "p999", "p9999"};
    private static final double[] PERCENTILES = {1, 5, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99};

    private final Histogram histogram = new Histogram(3);

    LatencyHistogram(String name, String unit, String description) {
        super(name, unit, description);
        histogram.setAutoResize(true);
    }

    public void record(long value) {
        histogram.recordValue(value);
    }

    public long count() {
        return histogram.getTotalCount();
    }

    public double mean() {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMean();
    }

    public long percentile(double p) {
        return histogram.getValueAtPercentile(p);
    }

    /** A copy of the underlying histogram, for CDF plots and merging across runs. */
    public Histogram copy() {
        return histogram.copy();
    }

    @Override
    public StatKind kind() {
        return StatKind.HISTOGRAM;
    }

    @Override
    public void reset() {
        histogram.reset();
    }

    @Override
    public StatValue snapshot() {
        boolean empty = histogram.getTotalCount() == 0;
        StatValue.Builder b = StatValue.builder(name(), kind(), unit(), description())
                .field("mean", mean())
                .field("count", histogram.getTotalCount());
        for (int i = 0; i < PERCENTILES.length; i++) {
            b.field(PERCENTILE_FIELDS[i], empty ? Double.NaN : histogram.getValueAtPercentile(PERCENTILES[i]));
        }
        return b.field("min", empty ? Double.NaN : histogram.getMinValue())
                .field("max", empty ? Double.NaN : histogram.getMaxValue())
                .build();
    }
}

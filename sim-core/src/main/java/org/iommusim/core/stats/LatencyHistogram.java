package org.iommusim.core.stats;

import org.HdrHistogram.Histogram;
import org.iommusim.core.results.StatValue;

/**
 * Latency observations in an HdrHistogram (3 significant digits, auto-resizing), reported as
 * count, mean, p50, p90, p99, p99.9, min and max. Values are whole units (picoseconds for
 * latencies); negative values are an error in the caller.
 */
public final class LatencyHistogram extends AbstractStatistic {
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
        return StatValue.builder(name(), kind(), unit(), description())
                .field("mean", mean())
                .field("count", histogram.getTotalCount())
                .field("p50", empty ? Double.NaN : histogram.getValueAtPercentile(50))
                .field("p90", empty ? Double.NaN : histogram.getValueAtPercentile(90))
                .field("p99", empty ? Double.NaN : histogram.getValueAtPercentile(99))
                .field("p999", empty ? Double.NaN : histogram.getValueAtPercentile(99.9))
                .field("min", empty ? Double.NaN : histogram.getMinValue())
                .field("max", empty ? Double.NaN : histogram.getMaxValue())
                .build();
    }
}

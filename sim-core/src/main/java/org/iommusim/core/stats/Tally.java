package org.iommusim.core.stats;

import org.iommusim.core.results.StatValue;

/**
 * Summarises observations by count, mean, standard deviation, min and max, with Welford's
 * one-pass update. Commons Math's {@code SummaryStatistics} would also take a logarithm per
 * observation (for the geometric mean); a tally sits on the simulator's hot path, so it keeps
 * only the moments the results need. Confidence intervals across replications use Commons Math.
 */
public final class Tally extends AbstractStatistic {
    private long count;
    private double mean;
    private double m2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    Tally(String name, String unit, String description) {
        super(name, unit, description);
    }

    public void add(double x) {
        long n = ++count;
        double delta = x - mean;
        mean += delta / n;
        m2 += delta * (x - mean);
        if (x < min) {
            min = x;
        }
        if (x > max) {
            max = x;
        }
    }

    public long count() {
        return count;
    }

    public double mean() {
        return count == 0 ? Double.NaN : mean;
    }

    /** Sample variance (n - 1 in the denominator); NaN with fewer than two observations. */
    public double variance() {
        return count < 2 ? Double.NaN : m2 / (count - 1);
    }

    public double min() {
        return count == 0 ? Double.NaN : min;
    }

    public double max() {
        return count == 0 ? Double.NaN : max;
    }

    @Override
    public StatKind kind() {
        return StatKind.TALLY;
    }

    @Override
    public void reset() {
        count = 0;
        mean = 0;
        m2 = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
    }

    @Override
    public StatValue snapshot() {
        return StatValue.builder(name(), kind(), unit(), description())
                .field("mean", mean()).field("count", count).field("stddev", Math.sqrt(variance()))
                .field("min", min()).field("max", max()).build();
    }
}

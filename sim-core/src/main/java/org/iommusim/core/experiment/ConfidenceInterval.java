package org.iommusim.core.experiment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

/**
 * A Student-t confidence interval for the mean of independent observations (one per
 * replication): mean ± t(1 - (1 - level)/2, n - 1) · s / √n, where s is the sample standard
 * deviation (n - 1 denominator). The quantile comes from Commons Math's {@link TDistribution}.
 *
 * <p>Edge cases: no values → everything NaN; one value → the mean is that value and the
 * bounds are NaN (no spread to estimate); a NaN or infinite value makes the bounds NaN and
 * the mean NaN or infinite (plain arithmetic). Callers who want to skip missing values filter
 * them first, as {@link Summaries} does. Does not assume normality beyond the t approximation.
 */
public record ConfidenceInterval(double mean, double low, double high, int n, double level) {
    public static final double LEVEL_95 = 0.95;

    /** The 95% interval of {@code values}. */
    public static ConfidenceInterval of95(double... values) {
        return of(LEVEL_95, values);
    }

    /** The interval at confidence {@code level} (strictly between 0 and 1) of {@code values}. */
    public static ConfidenceInterval of(double level, double... values) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
        int n = values.length;
        if (n == 0) {
            return new ConfidenceInterval(Double.NaN, Double.NaN, Double.NaN, 0, level);
        }
        double mean = StatUtils.mean(values);
        if (n == 1 || !Double.isFinite(mean)) {
            return new ConfidenceInterval(n == 1 ? values[0] : mean, Double.NaN, Double.NaN, n, level);
        }
        double halfWidth = tQuantile(level, n - 1) * Math.sqrt(StatUtils.variance(values, mean) / n);
        return new ConfidenceInterval(mean, mean - halfWidth, mean + halfWidth, n, level);
    }

    /** The t quantiles computed so far, by level and degrees of freedom (a run needs a handful). */
    private static final Map<Quantile, Double> T_QUANTILES = new ConcurrentHashMap<>();

    private record Quantile(double level, int degreesOfFreedom) {
    }

    /**
     * The two-sided Student t quantile t(1 - (1 - level)/2, df). Computed once per level and
     * degrees of freedom: the inverse CDF (an iterative search over the regularized incomplete
     * beta function) was most of the time of summarising a run's statistics.
     */
    public static double tQuantile(double level, int degreesOfFreedom) {
        // No random generator: only the inverse CDF is used, and the default one seeds itself from the clock.
        return T_QUANTILES.computeIfAbsent(new Quantile(level, degreesOfFreedom), q -> new TDistribution(null,
                q.degreesOfFreedom()).inverseCumulativeProbability(1 - (1 - q.level()) / 2));
    }

    /** Half the width of the interval; NaN when there is none. */
    public double halfWidth() {
        return (high - low) / 2;
    }
}

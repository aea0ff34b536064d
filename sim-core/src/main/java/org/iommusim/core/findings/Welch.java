package org.iommusim.core.findings;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Welch's two-sample t-test on the replication values of two variants (unequal variances):
 * the difference of the means {@code d = mean(b) - mean(a)}, its standard error
 * {@code se = sqrt(s_a²/n_a + s_b²/n_b)}, the Welch–Satterthwaite degrees of freedom
 * {@code df = se⁴ / ((s_a²/n_a)²/(n_a-1) + (s_b²/n_b)²/(n_b-1))}, the statistic
 * {@code t = d / se}, the two-sided p-value (Commons Math {@link TTest#tTest(double[], double[])})
 * and the 95 % confidence interval of the difference {@code d ± t(0.975, df) · se}.
 *
 * <p>Both samples need two or more values. When neither has any spread (every replication on
 * both sides gave the same value, as a configured count or a seed-independent model does) there
 * is nothing to test: the comparison is {@link #deterministic()}, the difference is exact (a
 * zero-width interval) and {@code t}, {@code df} and {@code p} are NaN (not computed), never a
 * p-value of 0 or 1 made up for a test with zero variance. A deterministic difference is
 * {@link #significant()} exactly when the two values differ.
 */
public record Welch(double meanA, double meanB, int nA, int nB, double difference, double ciLow, double ciHigh,
                    double t, double df, double p, boolean deterministic) {
    /** The significance level findings use: a difference is significant when {@code p < 0.05}. */
    public static final double ALPHA = 0.05;

    /** The test of {@code b} against {@code a}; both need at least two values. */
    public static Welch of(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("Welch's t-test needs two or more values per sample, got " + a.length
                    + " and " + b.length);
        }
        double ma = StatUtils.mean(a);
        double mb = StatUtils.mean(b);
        double va = StatUtils.variance(a, ma) / a.length;
        double vb = StatUtils.variance(b, mb) / b.length;
        double d = mb - ma;
        double se = Math.sqrt(va + vb);
        if (se == 0) { // no spread on either side: the values are the difference, there is no test to make
            return new Welch(ma, mb, a.length, b.length, d, d, d, Double.NaN, Double.NaN, Double.NaN, true);
        }
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        double half = new TDistribution(null, df).inverseCumulativeProbability(1 - ALPHA / 2) * se;
        double p = new TTest().tTest(a, b);
        return new Welch(ma, mb, a.length, b.length, d, d - half, d + half, d / se, df, p, false);
    }

    /**
     * Whether {@code b} differs from {@code a}: {@code p < }{@value #ALPHA} for a test, the two
     * values not being equal for a {@link #deterministic()} comparison.
     */
    public boolean significant() {
        return deterministic ? difference != 0 : p < ALPHA;
    }

    /** The relative change {@code d / |mean(a)|}; infinite when {@code a}'s mean is 0 and {@code b}'s is not. */
    public double relativeChange() {
        return meanA == 0 ? (difference == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, difference))
                : difference / Math.abs(meanA);
    }

    /** Half the width of the difference's interval relative to {@code |mean(a)|}; NaN when {@code a}'s mean is 0. */
    public double relativeHalfWidth() {
        return meanA == 0 ? Double.NaN : (ciHigh - ciLow) / 2 / Math.abs(meanA);
    }
}

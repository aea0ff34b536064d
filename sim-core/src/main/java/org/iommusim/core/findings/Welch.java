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
 * <p>Both samples need two or more values. When both have no spread at all (every replication
 * gave the same value, as a configured count does) the test degenerates: equal means give
 * {@code p = 1}, different means {@code p = 0} with a zero-width interval (the difference is
 * exact, not estimated).
 */
public record Welch(double meanA, double meanB, int nA, int nB, double difference, double ciLow, double ciHigh,
                    double t, double df, double p) {
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
        if (se == 0) {
            return new Welch(ma, mb, a.length, b.length, d, d, d, d == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, d),
                    Double.NaN, d == 0 ? 1 : 0);
        }
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        double half = new TDistribution(null, df).inverseCumulativeProbability(1 - ALPHA / 2) * se;
        double p = new TTest().tTest(a, b);
        return new Welch(ma, mb, a.length, b.length, d, d - half, d + half, d / se, df, p);
    }

    public boolean significant() {
        return p < ALPHA;
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

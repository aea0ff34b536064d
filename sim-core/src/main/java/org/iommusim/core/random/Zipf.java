package org.iommusim.core.random;

import java.util.List;
import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Zipf over ranks 1..elements with P(k) ∝ k^-exponent (elements ≥ 1, exponent &gt; 0), config name
 * {@code zipf(elements, exponent)}.
 *
 * <p>Up to {@link #TABLE_LIMIT} ranks it samples by inversion of its CDF (one uniform, a binary
 * search in a table of k^-s partial sums), because Commons Math's {@code ZipfDistribution.sample()}
 * allocates per sample; above the limit Commons Math's rejection-inversion sampler is used (a
 * variable number of uniforms, some allocation). Its mean always comes from Commons Math.
 */
public record Zipf(int elements, double exponent) implements DistributionSpec {
    public static final String NAME = "zipf";
    /** Its config name, parameters and factory. */
    public static final DistributionFamily FAMILY = new DistributionFamily(NAME, List.of("elements", "exponent"),
            p -> new Zipf(DistributionFamily.integer(p, "elements"), DistributionFamily.number(p, "exponent")));
    /** Largest support sampled from a CDF table (8 bytes per rank); larger ones use Commons Math's sampler. */
    static final int TABLE_LIMIT = 1 << 20;

    public Zipf {
        if (elements < 1) {
            throw new IllegalArgumentException(NAME + ": elements must be >= 1, got " + elements);
        }
        DistributionFamily.requirePositive(NAME, "exponent", exponent);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double lowest() {
        return 1;
    }

    @Override
    public double highest() {
        return elements;
    }

    @Override
    public Distribution create(RandomStream stream) {
        RandomGenerator g = stream.generator();
        ZipfDistribution d = new ZipfDistribution(g, elements, exponent);
        if (elements > TABLE_LIMIT) {
            // Rejection-inversion (Hörmann–Derflinger): constant memory, but FastMath.pow inside
            // allocates two small scratch arrays per sample.
            return new Ranked(this, d) {
                @Override
                public long sampleLong() {
                    return d.sample();
                }
            };
        }
        double[] cdf = cdf(elements, exponent);
        return new Ranked(this, d) {
            @Override
            public long sampleLong() {
                double u = g.nextDouble();
                int lo = 0;
                int hi = cdf.length - 1; // cdf[last] == 1 > u
                while (lo < hi) { // first rank index whose cumulative probability exceeds u
                    int mid = (lo + hi) >>> 1;
                    if (cdf[mid] > u) {
                        hi = mid;
                    } else {
                        lo = mid + 1;
                    }
                }
                return lo + 1;
            }
        };
    }

    /** cdf[i] = P(rank <= i + 1) for P(k) proportional to k^-exponent; the last entry is exactly 1. */
    private static double[] cdf(int n, double exponent) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            sum += Math.pow(k, -exponent);
            cdf[k - 1] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
        cdf[n - 1] = 1.0;
        return cdf;
    }

    /** Zipf ranks 1..n; the mean (O(n) to compute) comes from Commons Math on first request. */
    private abstract static class Ranked implements Distribution {
        private final Zipf spec;
        private final ZipfDistribution reference;
        private double mean = Double.NaN;

        Ranked(Zipf spec, ZipfDistribution reference) {
            this.spec = spec;
            this.reference = reference;
        }

        @Override
        public final double sample() {
            return sampleLong();
        }

        @Override
        public final double mean() {
            if (Double.isNaN(mean)) {
                mean = reference.getNumericalMean();
            }
            return mean;
        }

        @Override
        public final DistributionSpec spec() {
            return spec;
        }

        @Override
        public String toString() {
            return spec.toString();
        }
    }
}

package org.iommusim.core.random;

import org.apache.commons.math3.distribution.EnumeratedRealDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The {@link Distribution} implementations: thin adapters over Commons Math distributions,
 * built from a validated {@link DistributionSpec}. None allocates per sample.
 *
 * <p>Exponential samples by inversion ({@code inverseCumulativeProbability(u)}) rather than
 * Commons Math's default Ahrens–Dieter sampler: exactly one uniform per sample keeps streams
 * synchronised across compared variants (common random numbers), and it is about twice as fast.
 * Uniform and empirical also use one uniform per sample. Zipf with up to
 * {@link #ZIPF_TABLE_LIMIT} ranks is sampled the same way, by inversion of its CDF (binary
 * search in a table of k^-s partial sums), because Commons Math's {@code ZipfDistribution.sample()}
 * allocates per sample; above the limit its rejection-inversion sampler is used (a variable
 * number of uniforms, some allocation). Its mean always comes from Commons Math.
 */
final class Distributions {
    private Distributions() {
    }

    static Distribution exponential(DistributionSpec.Exponential spec, RandomStream stream) {
        RandomGenerator g = stream.generator();
        ExponentialDistribution d = new ExponentialDistribution(g, spec.mean());
        return new Continuous(spec, d.getNumericalMean()) {
            @Override
            public double sample() {
                return d.inverseCumulativeProbability(g.nextDouble());
            }
        };
    }

    static Distribution uniform(DistributionSpec.Uniform spec, RandomStream stream) {
        return real(spec, new UniformRealDistribution(stream.generator(), spec.low(), spec.high()));
    }

    static Distribution empirical(DistributionSpec.Empirical spec, RandomStream stream) {
        int n = spec.values().size();
        double[] values = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = spec.values().get(i);
            weights[i] = spec.weights().get(i);
        }
        return real(spec, new EnumeratedRealDistribution(stream.generator(), values, weights));
    }

    static Distribution deterministic(DistributionSpec.Deterministic spec) {
        double v = spec.value();
        long rounded = Math.round(v);
        return new Distribution() {
            @Override
            public double sample() {
                return v;
            }

            @Override
            public long sampleLong() {
                return rounded;
            }

            @Override
            public double mean() {
                return v;
            }

            @Override
            public DistributionSpec spec() {
                return spec;
            }

            @Override
            public String toString() {
                return spec.toString();
            }
        };
    }

    /** Largest Zipf support sampled from a CDF table (8 bytes per rank); larger ones use Commons Math's sampler. */
    static final int ZIPF_TABLE_LIMIT = 1 << 20;

    static Distribution zipf(DistributionSpec.Zipf spec, RandomStream stream) {
        RandomGenerator g = stream.generator();
        ZipfDistribution d = new ZipfDistribution(g, spec.elements(), spec.exponent());
        if (spec.elements() > ZIPF_TABLE_LIMIT) {
            // Rejection-inversion (Hörmann–Derflinger): constant memory, but FastMath.pow inside
            // allocates two small scratch arrays per sample.
            return new Ranked(spec, d) {
                @Override
                public long sampleLong() {
                    return d.sample();
                }
            };
        }
        double[] cdf = zipfCdf(spec.elements(), spec.exponent());
        return new Ranked(spec, d) {
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
    private static double[] zipfCdf(int n, double exponent) {
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
        private final DistributionSpec spec;
        private final ZipfDistribution reference;
        private double mean = Double.NaN;

        Ranked(DistributionSpec spec, ZipfDistribution reference) {
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

    private static Distribution real(DistributionSpec spec, RealDistribution d) {
        return new Continuous(spec, d.getNumericalMean()) {
            @Override
            public double sample() {
                return d.sample();
            }
        };
    }

    /** A continuous (or real-valued) distribution: rounds for {@link #sampleLong()}. */
    private abstract static class Continuous implements Distribution {
        private final DistributionSpec spec;
        private final double mean;

        Continuous(DistributionSpec spec, double mean) {
            this.spec = spec;
            this.mean = mean;
        }

        @Override
        public final long sampleLong() {
            return Math.round(sample());
        }

        @Override
        public final double mean() {
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

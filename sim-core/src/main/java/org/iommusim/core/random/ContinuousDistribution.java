package org.iommusim.core.random;

import org.apache.commons.math3.distribution.RealDistribution;

/**
 * The shared base of the real-valued families' samplers ({@link Exponential}, {@link Uniform},
 * {@link Empirical}): the spec, the mean worked out once, and {@link #sampleLong()} as the sample
 * rounded to the nearest whole number. {@link #of} adapts a Commons Math distribution that samples
 * itself.
 */
abstract class ContinuousDistribution implements Distribution {
    private final DistributionSpec spec;
    private final double mean;

    ContinuousDistribution(DistributionSpec spec, double mean) {
        this.spec = spec;
        this.mean = mean;
    }

    /** {@code d}'s own sampler, its numerical mean, and {@code spec} as the configuration. */
    static Distribution of(DistributionSpec spec, RealDistribution d) {
        return new ContinuousDistribution(spec, d.getNumericalMean()) {
            @Override
            public double sample() {
                return d.sample();
            }
        };
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

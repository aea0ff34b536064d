package org.iommusim.core.random;

import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Lognormal given by its own mean (&gt; 0) and coefficient of variation {@code cv} (standard
 * deviation / mean, &gt; 0), config name {@code lognormal(mean, cv)}: the parameters a user reads
 * off a measured latency distribution, in the same unit as the samples (a duration such as
 * {@code 80ns}). The underlying normal has σ² = ln(1 + cv²) and μ = ln(mean) − σ²/2, so the
 * sample mean is {@code mean} and the variance (cv·mean)².
 *
 * <p>Sampled by inversion, exp(μ + σ·Φ⁻¹(u)) with Commons Math's normal quantile
 * ({@link NormalDistribution#inverseCumulativeProbability}, an inverse error function): exactly
 * one uniform per sample, like {@link Exponential}, so compared variants stay on common random
 * numbers. No allocation per sample.
 */
public record Lognormal(double mean, double cv) implements DistributionSpec {
    public static final String NAME = "lognormal";
    /** Its config name, parameters and factory. */
    public static final DistributionFamily FAMILY = new DistributionFamily(NAME, List.of("mean", "cv"),
            p -> new Lognormal(DistributionFamily.number(p, "mean"), DistributionFamily.number(p, "cv")));

    public Lognormal {
        DistributionFamily.requirePositive(NAME, "mean", mean);
        DistributionFamily.requirePositive(NAME, "cv", cv);
    }

    /** σ of the underlying normal. */
    public double sigma() {
        return Math.sqrt(Math.log1p(cv * cv));
    }

    /** μ of the underlying normal. */
    public double mu() {
        double s = sigma();
        return Math.log(mean) - s * s / 2;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double lowest() {
        return 0;
    }

    @Override
    public double highest() {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public Distribution create(RandomStream stream) {
        RandomGenerator g = stream.generator();
        NormalDistribution normal = new NormalDistribution(g, mu(), sigma());
        return new ContinuousDistribution(this, mean) {
            @Override
            public double sample() {
                return Math.exp(normal.inverseCumulativeProbability(g.nextDouble()));
            }
        };
    }
}

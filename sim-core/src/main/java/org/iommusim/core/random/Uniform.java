package org.iommusim.core.random;

import java.util.List;
import org.apache.commons.math3.distribution.UniformRealDistribution;

/**
 * Continuous uniform on [low, high), low &lt; high, config name {@code uniform(low, high)}: one
 * uniform per sample (Commons Math), no allocation per sample.
 */
public record Uniform(double low, double high) implements DistributionSpec {
    public static final String NAME = "uniform";
    /** Its config name, parameters and factory. */
    public static final DistributionFamily FAMILY = new DistributionFamily(NAME, List.of("low", "high"),
            p -> new Uniform(DistributionFamily.number(p, "low"), DistributionFamily.number(p, "high")));

    public Uniform {
        DistributionFamily.requireFinite(NAME, "low", low);
        DistributionFamily.requireFinite(NAME, "high", high);
        if (!(low < high)) {
            throw new IllegalArgumentException(NAME + ": low (" + low + ") must be below high (" + high
                    + "); use deterministic for a constant");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double lowest() {
        return low;
    }

    @Override
    public double highest() {
        return high;
    }

    @Override
    public Distribution create(RandomStream stream) {
        return ContinuousDistribution.of(this, new UniformRealDistribution(stream.generator(), low, high));
    }
}

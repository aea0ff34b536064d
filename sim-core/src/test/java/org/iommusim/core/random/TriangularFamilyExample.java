package org.iommusim.core.random;

import java.util.List;
import org.apache.commons.math3.distribution.TriangularDistribution;

/**
 * A test-only distribution family, {@code triangular(low, mode, high)}, written as a new family
 * is: this one record (validation, support, sampler, {@code FAMILY}) and nothing else.
 * {@link DistributionRegistryTest} adds it with {@link DistributionRegistry#with} and builds and
 * samples it by name.
 */
record TriangularFamilyExample(double low, double mode, double high) implements DistributionSpec {
    static final String NAME = "triangular";
    static final DistributionFamily FAMILY = new DistributionFamily(NAME, List.of("low", "mode", "high"),
            p -> new TriangularFamilyExample(DistributionFamily.number(p, "low"), DistributionFamily.number(p, "mode"),
                    DistributionFamily.number(p, "high")));

    TriangularFamilyExample {
        if (!(low <= mode && mode <= high && low < high)) {
            throw new IllegalArgumentException(NAME + ": needs low <= mode <= high and low < high, got "
                    + low + ", " + mode + ", " + high);
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
        return ContinuousDistribution.of(this, new TriangularDistribution(stream.generator(), low, mode, high));
    }
}

package org.iommusim.core.random;

import java.util.List;

/** Always {@code value}, config name {@code deterministic(value)}; draws no random numbers. */
public record Deterministic(double value) implements DistributionSpec {
    public static final String NAME = "deterministic";
    /** Its config name, parameters and factory. */
    public static final DistributionFamily FAMILY = new DistributionFamily(NAME, List.of("value"),
            p -> new Deterministic(DistributionFamily.number(p, "value")));

    public Deterministic {
        DistributionFamily.requireFinite(NAME, "value", value);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double lowest() {
        return value;
    }

    @Override
    public double highest() {
        return value;
    }

    @Override
    public Distribution create(RandomStream stream) {
        Deterministic spec = this;
        long rounded = Math.round(value);
        return new Distribution() {
            @Override
            public double sample() {
                return value;
            }

            @Override
            public long sampleLong() {
                return rounded;
            }

            @Override
            public double mean() {
                return value;
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
}

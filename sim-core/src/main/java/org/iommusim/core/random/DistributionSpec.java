package org.iommusim.core.random;

import java.util.List;

/**
 * The configuration of a distribution: an immutable record per family, validated when built,
 * with the stable config name the {@link DistributionRegistry} knows it by. A spec holds no
 * generator; {@link #create(RandomStream)} binds it to a stream.
 */
public sealed interface DistributionSpec {
    /** The stable config name of the family ({@code exponential}, {@code zipf}, ...). */
    String name();

    /** A distribution of this family drawing from {@code stream}. */
    Distribution create(RandomStream stream);

    /** The smallest value a sample can take (the lower end of the support). */
    double lowest();

    /** The largest value a sample can take with positive probability (may be infinite). */
    double highest();

    /** Exponential with the given mean (&gt; 0), sampled by inversion: one uniform per sample. */
    record Exponential(double mean) implements DistributionSpec {
        public static final String NAME = "exponential";
        /** Its config name, parameters and factory. */
        public static final DistributionFamily FAMILY = new DistributionFamily(NAME, List.of("mean"),
                p -> new Exponential(DistributionFamily.number(p, "mean")));

        public Exponential {
            requirePositive(NAME, "mean", mean);
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
            return Distributions.exponential(this, stream);
        }
    }

    /** Continuous uniform on [low, high), low &lt; high. */
    record Uniform(double low, double high) implements DistributionSpec {
        public static final String NAME = "uniform";
        /** Its config name, parameters and factory. */
        public static final DistributionFamily FAMILY = new DistributionFamily(NAME, List.of("low", "high"),
                p -> new Uniform(DistributionFamily.number(p, "low"), DistributionFamily.number(p, "high")));

        public Uniform {
            requireFinite(NAME, "low", low);
            requireFinite(NAME, "high", high);
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
            return Distributions.uniform(this, stream);
        }
    }

    /** Always {@code value}; draws no random numbers. */
    record Deterministic(double value) implements DistributionSpec {
        public static final String NAME = "deterministic";
        /** Its config name, parameters and factory. */
        public static final DistributionFamily FAMILY = new DistributionFamily(NAME, List.of("value"),
                p -> new Deterministic(DistributionFamily.number(p, "value")));

        public Deterministic {
            requireFinite(NAME, "value", value);
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
            return Distributions.deterministic(this);
        }
    }

    /** Zipf over ranks 1..elements with P(k) ∝ k^-exponent (elements ≥ 1, exponent &gt; 0). */
    record Zipf(int elements, double exponent) implements DistributionSpec {
        public static final String NAME = "zipf";
        /** Its config name, parameters and factory. */
        public static final DistributionFamily FAMILY = new DistributionFamily(NAME, List.of("elements", "exponent"),
                p -> new Zipf(DistributionFamily.integer(p, "elements"),
                DistributionFamily.number(p, "exponent")));

        public Zipf {
            if (elements < 1) {
                throw new IllegalArgumentException(NAME + ": elements must be >= 1, got " + elements);
            }
            requirePositive(NAME, "exponent", exponent);
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
            return Distributions.zipf(this, stream);
        }
    }

    /** Discrete: {@code values[i]} with probability weights[i] / sum(weights). */
    record Empirical(List<Double> values, List<Double> weights) implements DistributionSpec {
        public static final String NAME = "empirical";
        /** Its config name, parameters and factory. */
        public static final DistributionFamily FAMILY = new DistributionFamily(NAME, List.of("values", "weights"),
                p -> new Empirical(DistributionFamily.list(p, "values"),
                DistributionFamily.list(p, "weights")));

        public Empirical {
            values = List.copyOf(values);
            weights = List.copyOf(weights);
            if (values.isEmpty() || values.size() != weights.size()) {
                throw new IllegalArgumentException(NAME + ": values and weights must be non-empty and of equal"
                        + " length, got " + values.size() + " values and " + weights.size() + " weights");
            }
            double sum = 0;
            for (int i = 0; i < values.size(); i++) {
                requireFinite(NAME, "values[" + i + "]", values.get(i));
                double w = weights.get(i);
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException(NAME + ": weights[" + i + "] must be finite and >= 0, got " + w);
                }
                sum += w;
            }
            if (!(sum > 0)) {
                throw new IllegalArgumentException(NAME + ": weights must not all be zero");
            }
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public double lowest() {
            return bound(-1);
        }

        @Override
        public double highest() {
            return bound(1);
        }

        /** The smallest (sign -1) or largest (sign 1) value of positive weight. */
        private double bound(int sign) {
            double best = Double.NaN;
            for (int i = 0; i < values.size(); i++) {
                double v = values.get(i);
                if (weights.get(i) > 0 && (Double.isNaN(best) || Double.compare(v, best) == sign)) {
                    best = v;
                }
            }
            return best;
        }

        @Override
        public Distribution create(RandomStream stream) {
            return Distributions.empirical(this, stream);
        }
    }

    private static void requireFinite(String family, String param, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(family + ": " + param + " must be a finite number, got " + v);
        }
    }

    private static void requirePositive(String family, String param, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(family + ": " + param + " must be finite and > 0, got " + v);
        }
    }
}

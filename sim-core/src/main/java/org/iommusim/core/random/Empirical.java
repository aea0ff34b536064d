package org.iommusim.core.random;

import java.util.List;
import org.apache.commons.math3.distribution.EnumeratedRealDistribution;

/**
 * Discrete: {@code values[i]} with probability weights[i] / sum(weights), config name
 * {@code empirical(values, weights)}, or {@code empirical(file)} with the values and weights read
 * from a CSV file ({@link EmpiricalFile}); one uniform per sample (Commons Math), no allocation
 * per sample.
 */
public record Empirical(List<Double> values, List<Double> weights) implements DistributionSpec {
    public static final String NAME = "empirical";
    /** Its config name, parameters and factory. */
    public static final DistributionFamily FAMILY = new DistributionFamily(NAME,
            List.of("values", "weights", EmpiricalFile.PARAMETER),
            List.of(List.of("values", "weights"), List.of(EmpiricalFile.PARAMETER)),
            p -> p.get(EmpiricalFile.PARAMETER) != null ? EmpiricalFile.read(EmpiricalFile.path(p))
                    : new Empirical(DistributionFamily.list(p, "values"), DistributionFamily.list(p, "weights")));

    public Empirical {
        values = List.copyOf(values);
        weights = List.copyOf(weights);
        if (values.isEmpty() || values.size() != weights.size()) {
            throw new IllegalArgumentException(NAME + ": values and weights must be non-empty and of equal"
                    + " length, got " + values.size() + " values and " + weights.size() + " weights");
        }
        double sum = 0;
        for (int i = 0; i < values.size(); i++) {
            DistributionFamily.requireFinite(NAME, "values[" + i + "]", values.get(i));
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
        int n = values.size();
        double[] v = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = values.get(i);
            w[i] = weights.get(i);
        }
        return ContinuousDistribution.of(this, new EnumeratedRealDistribution(stream.generator(), v, w));
    }
}

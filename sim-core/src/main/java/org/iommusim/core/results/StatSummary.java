package org.iommusim.core.results;

import java.util.Objects;

/**
 * One scalar statistic summarised across the replications of a variant: the mean, the bounds
 * of its 95% confidence interval (Student t, n - 1 degrees of freedom), the unit and the
 * number {@code n} of replications that contributed a finite value. A bound is NaN when it
 * cannot be computed (fewer than two values); the mean is NaN when no replication had a
 * finite value. How the numbers are computed lives in
 * {@code org.iommusim.core.experiment.Summaries}; this record only carries them.
 */
public record StatSummary(double mean, double ci95Low, double ci95High, String unit, int n) {
    public StatSummary {
        Objects.requireNonNull(unit, "unit");
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
    }

    /** Half the width of the confidence interval; NaN when there is no interval. */
    public double halfWidth() {
        return (ci95High - ci95Low) / 2;
    }
}

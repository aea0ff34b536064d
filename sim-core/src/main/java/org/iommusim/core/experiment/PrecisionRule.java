package org.iommusim.core.experiment;

import java.util.Map;
import org.iommusim.core.results.StatSummary;

/**
 * Run length by precision: keep adding replications until every watched statistic's 95 %
 * confidence-interval half-width is at most {@code relativeHalfWidth} of its mean, or
 * {@code maxReplications} ran. A statistic whose mean is 0 or NaN, or that has fewer than two
 * values, is not watched (no relative precision is defined for it), except that fewer than two
 * replications in all never meets the rule.
 *
 * <p>The next count follows the usual sample-size estimate {@code n · (h / target)²}
 * (the half-width shrinks as 1/√n), at least one more replication and at most twice as many
 * as now (an estimate from few replications is rough), never past the cap. Decisions depend
 * only on the replications' values, so a run is as deterministic as its replications.
 */
public record PrecisionRule(double relativeHalfWidth, int maxReplications) {
    public PrecisionRule {
        if (!(relativeHalfWidth > 0) || maxReplications < 2) {
            throw new IllegalArgumentException("a precision rule needs a target > 0 and a cap >= 2, got "
                    + relativeHalfWidth + " and " + maxReplications);
        }
    }

    /** The watched statistic furthest from the target, as (name, relative half-width); null when all meet it. */
    public Map.Entry<String, Double> worst(Map<String, StatSummary> watched) {
        Map.Entry<String, Double> worst = null;
        for (Map.Entry<String, StatSummary> e : watched.entrySet()) {
            StatSummary s = e.getValue();
            if (s.n() < 2 || !Double.isFinite(s.mean()) || s.mean() == 0 || !Double.isFinite(s.halfWidth())) {
                continue;
            }
            double r = s.halfWidth() / Math.abs(s.mean());
            if (r > relativeHalfWidth && (worst == null || r > worst.getValue())) {
                worst = Map.entry(e.getKey(), r);
            }
        }
        return worst;
    }

    /**
     * How many replications in all the variant should have, given {@code n} ran and their
     * summaries {@code watched}: {@code n} when the target is met or the cap reached.
     */
    public int next(int n, Map<String, StatSummary> watched) {
        if (n >= maxReplications) {
            return n;
        }
        if (n < 2) {
            return Math.min(maxReplications, 2);
        }
        Map.Entry<String, Double> worst = worst(watched);
        if (worst == null) {
            return n;
        }
        double ratio = worst.getValue() / relativeHalfWidth;
        long estimate = (long) Math.ceil(n * ratio * ratio);
        return (int) Math.min(maxReplications, Math.min(2L * n, Math.max(n + 1L, estimate)));
    }
}

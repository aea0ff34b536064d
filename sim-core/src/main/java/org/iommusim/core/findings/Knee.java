package org.iommusim.core.findings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sweep point of one variant's curve along one axis where the slope changes most (see
 * {@link FindingsEngine} for the rule): slopes are per sweep step, as fractions of the largest
 * absolute value on the curve, before and after the point.
 */
public record Knee(String statistic, String axis, String variant, String others, String atValue,
                   double slopeBefore, double slopeAfter) implements Finding {
    @Override
    public String kind() {
        return "knee";
    }

    @Override
    public String sentence() {
        return variant + ": " + statistic + " bends at " + Format.axis(axis) + "=" + atValue + " (per step "
                + Format.percent(slopeBefore) + " of its peak before, " + Format.percent(slopeAfter) + " after)"
                + Format.others(others);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statistic", statistic);
        m.put("axis", axis);
        m.put("variant", variant);
        m.put("others", others);
        m.put("at", atValue);
        m.put("slopeBefore", slopeBefore);
        m.put("slopeAfter", slopeAfter);
        return m;
    }
}

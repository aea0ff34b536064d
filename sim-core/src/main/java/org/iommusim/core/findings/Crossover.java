package org.iommusim.core.findings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Along one swept axis, the difference of a statistic between two variants ({@code b - a})
 * changes sign: significant one way at {@code from} and significant the other way at {@code to},
 * the next sweep point where it is significant (points between, if any, showed no significant
 * difference). The crossover lies in the interval between the two axis values; {@code estimate}
 * is where the straight line between the two mean differences crosses zero when both axis values
 * are numbers (NaN otherwise). {@code others} names the other axes' values held fixed.
 */
public record Crossover(String statistic, String axis, String a, String b, String others, String fromValue,
                        String toValue, double differenceFrom, double differenceTo, double estimate)
        implements Finding {
    @Override
    public String kind() {
        return "crossover";
    }

    @Override
    public String sentence() {
        String verb = differenceFrom < 0 ? "rises above" : "falls below";
        return statistic + ": " + b + " " + verb + " " + a + " between " + Format.axis(axis) + "=" + fromValue
                + " and " + toValue + (Double.isNaN(estimate) ? "" : " (about " + Format.value(estimate, "") + ")")
                + Format.others(others);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statistic", statistic);
        m.put("axis", axis);
        m.put("reference", a);
        m.put("variant", b);
        m.put("others", others);
        m.put("from", fromValue);
        m.put("to", toValue);
        m.put("differenceFrom", differenceFrom);
        m.put("differenceTo", differenceTo);
        m.put("estimate", estimate);
        return m;
    }
}

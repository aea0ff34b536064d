package org.iommusim.core.findings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A statistically significant difference of one statistic between two variants (or two adjacent
 * sweep points): {@code b} against the reference {@code a}, where {@code at} names the sweep point
 * when both are at one ({@code ""} otherwise), with {@link Welch}'s test, the 95 % interval of the
 * difference and the relative change.
 */
public record Difference(String statistic, String unit, String a, String b, String at, Welch test)
        implements Finding {
    @Override
    public String kind() {
        return "difference";
    }

    /** The size findings are ranked by: the absolute relative change (infinite when the reference is 0). */
    public double size() {
        return Math.abs(test.relativeChange());
    }

    @Override
    public String sentence() {
        String where = at.isEmpty() ? "" : " at " + at;
        String change = Double.isFinite(test.relativeChange())
                ? Format.percent(test.relativeChange()) + " ± " + Format.halfWidthPercent(test.relativeHalfWidth())
                : Format.percent(test.relativeChange());
        return b + " vs " + a + where + ": " + statistic + " " + Format.value(test.meanB(), unit) + " vs "
                + Format.value(test.meanA(), unit) + " (" + change + ", " + Format.p(test.p()) + ")";
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statistic", statistic);
        m.put("unit", unit);
        m.put("reference", a);
        m.put("variant", b);
        m.put("at", at);
        m.put("referenceMean", test.meanA());
        m.put("variantMean", test.meanB());
        m.put("referenceN", test.nA());
        m.put("variantN", test.nB());
        m.put("difference", test.difference());
        m.put("differenceCi95Low", test.ciLow());
        m.put("differenceCi95High", test.ciHigh());
        m.put("relativeChange", test.relativeChange());
        m.put("relativeCi95HalfWidth", test.relativeHalfWidth());
        m.put("t", test.t());
        m.put("df", test.df());
        m.put("p", test.p());
        return m;
    }
}

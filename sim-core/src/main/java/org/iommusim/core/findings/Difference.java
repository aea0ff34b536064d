package org.iommusim.core.findings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A statistically significant difference of one statistic between two variants (or two adjacent
 * sweep points): {@code b} against the reference {@code a}, where {@code at} names the sweep point
 * when both are at one ({@code ""} otherwise), with {@link Welch}'s test, the 95 % interval of the
 * difference and the relative change — or, when every replication on both sides gave the same
 * value, a {@linkplain Welch#deterministic() deterministic} difference (exact, no interval, no
 * p-value). {@code sameAs} names other statistics that gave exactly the
 * same values on both sides (the same quantity under another name, such as a headline sum of a
 * single device's statistic), stated once here.
 */
public record Difference(String statistic, String unit, String a, String b, String at, Welch test,
                         List<String> sameAs) implements Finding {
    public Difference {
        sameAs = List.copyOf(sameAs);
    }

    public Difference(String statistic, String unit, String a, String b, String at, Welch test) {
        this(statistic, unit, a, b, at, test, List.of());
    }

    /** This difference also standing for {@code other} (same values under another name). */
    Difference alsoAs(String other) {
        List<String> names = new java.util.ArrayList<>(sameAs);
        names.add(other);
        return new Difference(statistic, unit, a, b, at, test, names);
    }

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
        String change;
        if (test.deterministic()) { // every replication gave the same value on both sides: no interval, no p
            change = Format.percent(test.relativeChange()) + ", deterministic: the same in every replication";
        } else if (Double.isFinite(test.relativeChange())) {
            change = Format.percent(test.relativeChange()) + " ± " + Format.halfWidthPercent(test.relativeHalfWidth())
                    + ", " + Format.p(test.p());
        } else {
            change = Format.percent(test.relativeChange()) + ", " + Format.p(test.p());
        }
        String names = sameAs.isEmpty() ? statistic : statistic + " (= " + String.join(", ", sameAs) + ")";
        return b + " vs " + a + where + ": " + names + " " + Format.value(test.meanB(), unit) + " vs "
                + Format.value(test.meanA(), unit) + " (" + change + ")";
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statistic", statistic);
        m.put("sameAs", String.join(", ", sameAs));
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
        m.put("deterministic", test.deterministic());
        m.put("t", test.t());
        m.put("df", test.df());
        m.put("p", test.p());
        return m;
    }
}

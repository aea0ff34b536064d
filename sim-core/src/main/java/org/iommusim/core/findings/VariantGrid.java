package org.iommusim.core.findings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iommusim.core.results.Replication;
import org.iommusim.core.results.StatValue;
import org.iommusim.core.results.VariantResult;

/**
 * How a run's variants lie on its sweep, as the findings read them, and their values.
 *
 * <p>A variant's name is its series' name (a named variant, or nothing when the scenario has
 * only a sweep) followed by one {@code key=value} word per swept key; its overrides hold the
 * swept keys' values. This class groups the variants into <b>series</b> (the points of one named
 * variant along the sweep), names a point by its <b>coordinates</b> (the swept values, with or
 * without one axis) and cuts a series into <b>lines</b> along one axis (the other axes held
 * fixed). It also reads a statistic's values over a variant's replications and makes
 * {@link Welch}'s comparison of two variants. It states no finding itself: that is
 * {@link FindingsEngine}'s (differences) and {@link AxisFindings}' (crossovers, knees).
 */
final class VariantGrid {
    private final List<VariantResult> variants;
    private final List<String> swept;

    VariantGrid(List<VariantResult> variants, List<String> sweptKeys) {
        this.variants = List.copyOf(variants);
        this.swept = List.copyOf(sweptKeys);
    }

    /** The swept keys, in the scenario's order (empty when nothing is swept). */
    List<String> swept() {
        return swept;
    }

    /**
     * The variants grouped into series by their name without the sweep point's part (each
     * variant alone when nothing is swept), groups and members in run order.
     */
    List<List<VariantResult>> series() {
        Map<String, List<VariantResult>> groups = new LinkedHashMap<>();
        for (VariantResult v : variants) {
            groups.computeIfAbsent(seriesOf(v), k -> new ArrayList<>()).add(v);
        }
        return new ArrayList<>(groups.values());
    }

    /** The name of the variant's series: its whole name when nothing is swept. */
    String seriesOf(VariantResult v) {
        return swept.isEmpty() ? v.name() : seriesName(v);
    }

    /** The variant's name without its sweep point's {@code key=value} words ({@code ""} for a bare sweep). */
    String seriesName(VariantResult v) {
        String[] words = v.name().split(" ");
        int keep = Math.max(0, words.length - swept.size());
        return String.join(" ", Arrays.copyOf(words, keep));
    }

    /** The variant's values of the swept keys other than {@code except} (null: all), as "key=value ...". */
    String coordinates(VariantResult v, String except) {
        StringBuilder sb = new StringBuilder();
        for (String k : swept) {
            if (!k.equals(except)) {
                sb.append(sb.isEmpty() ? "" : " ").append(Format.axis(k)).append('=')
                        .append(v.overrides().getOrDefault(k, ""));
            }
        }
        return sb.toString();
    }

    /** The points of one series along {@code axis}, one list per value of the other axes, in run order. */
    List<List<VariantResult>> lines(List<VariantResult> points, String axis) {
        Map<String, List<VariantResult>> lines = new LinkedHashMap<>();
        for (VariantResult v : points) {
            lines.computeIfAbsent(coordinates(v, axis), k -> new ArrayList<>()).add(v);
        }
        return new ArrayList<>(lines.values());
    }

    /** Welch's comparison of statistic {@code s} of {@code b} against {@code a}; null with under two values a side. */
    static Welch test(VariantResult a, VariantResult b, String s) {
        double[] x = values(a, s);
        double[] y = values(b, s);
        return x.length < 2 || y.length < 2 ? null : Welch.of(x, y);
    }

    /** The finite primary values of statistic {@code s} over the variant's replications, in index order. */
    static double[] values(VariantResult v, String s) {
        List<Replication> rs = v.replications();
        boolean sorted = true;
        for (int i = 1; i < rs.size() && sorted; i++) {
            sorted = rs.get(i - 1).index() <= rs.get(i).index();
        }
        if (!sorted) {
            rs = rs.stream().sorted(Comparator.comparingInt(Replication::index)).toList();
        }
        double[] out = new double[rs.size()];
        int n = 0;
        for (Replication r : rs) {
            StatValue x = r.snapshot().find(s);
            if (x != null && Double.isFinite(x.primary())) {
                out[n++] = x.primary();
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}

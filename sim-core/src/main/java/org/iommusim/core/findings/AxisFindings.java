package org.iommusim.core.findings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iommusim.core.results.VariantResult;

/**
 * The findings along swept axes: {@link Crossover}s and {@link Knee}s (the rules are stated on
 * {@link FindingsEngine}). A crossover compares a series with the reference series point by
 * point along one axis, the other axes held fixed; a knee looks at one series' curve of a
 * headline statistic along one axis. Differences at single points are not found here.
 */
final class AxisFindings {
    private final VariantGrid grid;
    private final List<String> stats;
    private final String headlinePrefix;

    AxisFindings(VariantGrid grid, List<String> stats, String headlinePrefix) {
        this.grid = grid;
        this.stats = List.copyOf(stats);
        this.headlinePrefix = headlinePrefix;
    }

    /**
     * The crossovers of every series against the first along every swept axis: headline
     * statistics first, then by statistic; crossovers of different statistics with the same
     * axis, variants, interval and differences once (the first).
     */
    List<Crossover> crossovers(List<List<VariantResult>> series) {
        List<Crossover> out = new ArrayList<>();
        for (String axis : grid.swept()) {
            for (int j = 1; j < series.size(); j++) {
                out.addAll(crossovers(series.get(0), series.get(j), axis));
            }
        }
        out.sort(Comparator.comparing((Crossover c) -> !c.statistic().startsWith(headlinePrefix))
                .thenComparing(Crossover::statistic));
        Map<String, Crossover> once = new LinkedHashMap<>();
        for (Crossover c : out) {
            once.putIfAbsent(String.join("|", c.axis(), c.a(), c.b(), c.others(), c.fromValue(), c.toValue(),
                    Double.toString(c.differenceFrom()), Double.toString(c.differenceTo())), c);
        }
        return new ArrayList<>(once.values());
    }

    /** The knees of every series' headline curves along every swept axis, axis by axis. */
    List<Knee> knees(List<List<VariantResult>> series) {
        List<Knee> out = new ArrayList<>();
        for (String axis : grid.swept()) {
            for (List<VariantResult> s : series) {
                out.addAll(knees(s, axis));
            }
        }
        return out;
    }

    private List<Crossover> crossovers(List<VariantResult> ref, List<VariantResult> other, String axis) {
        List<Crossover> out = new ArrayList<>();
        for (List<VariantResult> line : grid.lines(ref, axis)) {
            List<VariantResult[]> pairs = new ArrayList<>();
            for (VariantResult r : line) {
                other.stream().filter(o -> grid.coordinates(o, null).equals(grid.coordinates(r, null))).findFirst()
                        .ifPresent(o -> pairs.add(new VariantResult[] {r, o}));
            }
            for (String s : stats) {
                VariantResult[] last = null;
                Welch lastTest = null;
                for (VariantResult[] p : pairs) {
                    Welch w = VariantGrid.test(p[0], p[1], s);
                    if (w == null || !w.significant()) {
                        continue;
                    }
                    if (lastTest != null && Math.signum(w.difference()) != Math.signum(lastTest.difference())) {
                        String from = last[0].overrides().get(axis);
                        String to = p[0].overrides().get(axis);
                        out.add(new Crossover(s, axis, grid.seriesName(p[0]), grid.seriesName(p[1]),
                                grid.coordinates(p[0], axis), from, to, lastTest.difference(), w.difference(),
                                estimate(from, to, lastTest.difference(), w.difference())));
                    }
                    last = p;
                    lastTest = w;
                }
            }
        }
        return out;
    }

    /** Where the line through (from, d1) and (to, d2) crosses zero; NaN when an axis value is not a number. */
    static double estimate(String from, String to, double d1, double d2) {
        try {
            double x1 = Double.parseDouble(from);
            double x2 = Double.parseDouble(to);
            return x1 + (x2 - x1) * d1 / (d1 - d2);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private List<Knee> knees(List<VariantResult> series, String axis) {
        List<Knee> out = new ArrayList<>();
        for (List<VariantResult> line : grid.lines(series, axis)) {
            if (line.size() < 3) {
                continue;
            }
            for (String s : stats) {
                if (!s.startsWith(headlinePrefix)) {
                    continue;
                }
                Knee k = knee(line, s, axis);
                if (k != null) {
                    out.add(k);
                }
            }
        }
        return out;
    }

    private Knee knee(List<VariantResult> line, String s, String axis) {
        double[] y = new double[line.size()];
        double peak = 0;
        for (int i = 0; i < y.length; i++) {
            double[] xs = VariantGrid.values(line.get(i), s);
            if (xs.length == 0) {
                return null;
            }
            y[i] = Arrays.stream(xs).average().orElse(Double.NaN);
            peak = Math.max(peak, Math.abs(y[i]));
        }
        Welch ends = VariantGrid.test(line.get(0), line.get(line.size() - 1), s);
        if (peak == 0 || ends == null || !ends.significant()) {
            return null;
        }
        int best = -1;
        double bestChange = 0;
        for (int i = 1; i < y.length - 1; i++) {
            double change = Math.abs((y[i + 1] - y[i]) - (y[i] - y[i - 1])) / peak;
            if (change > bestChange) {
                bestChange = change;
                best = i;
            }
        }
        if (best < 0 || bestChange < FindingsEngine.KNEE_MIN_SLOPE_CHANGE) {
            return null;
        }
        VariantResult at = line.get(best);
        return new Knee(s, axis, grid.seriesName(at), grid.coordinates(at, axis), at.overrides().get(axis),
                (y[best] - y[best - 1]) / peak, (y[best + 1] - y[best]) / peak);
    }
}

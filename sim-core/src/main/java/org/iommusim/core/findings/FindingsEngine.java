package org.iommusim.core.findings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iommusim.core.results.Replication;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.StatInfo;
import org.iommusim.core.results.VariantResult;
import org.iommusim.core.stats.StatKind;

/**
 * Computes a run's {@link Findings} from its results alone.
 *
 * <p><b>Which statistics.</b> Every statistic of the run, each by its primary value (a counter's
 * or derived value, a tally's, histogram's or time-weighted level's mean). The other fields are
 * left out on purpose: percentiles, standard deviation, min and max restate the same
 * observations as the mean, and a histogram's {@code count} restates the counter of the same
 * events; time series are left out altogether (their samples are a view over time of a
 * statistic that is already summarised). Replications whose value is NaN (nothing observed) do
 * not count; a statistic needs two or more values on each side to be compared.
 *
 * <p><b>What is compared.</b> Variants are grouped into series: the points of one variant along
 * the sweep (its name without the sweep point's {@code key=value} part). With two or more series, every series is compared with the first (the
 * reference) at each sweep point both ran; with one series and a sweep, each sweep point is
 * compared with the previous one along each axis (the other axes held fixed). A difference is a
 * finding when Welch's test gives {@code p < 0.05} and the change is at least
 * {@value #MIN_RELATIVE_CHANGE} of the reference (smaller ones are real but not worth a line).
 * Differences are ranked by absolute relative change, then statistic name, then the order the
 * variants and sweep points ran in.
 *
 * <p><b>Crossovers.</b> For each series against the reference, along each axis with the other
 * axes fixed: the sweep points where the difference is significant, in axis order; two
 * consecutive such points with opposite signs bracket a crossover.
 *
 * <p><b>Knees</b> (headline statistics, curves of three or more points): the values divided by
 * the curve's largest absolute value, the slope taken per sweep step (sweeps list their values
 * in the steps they were chosen in, often geometric); the knee is the interior point with the
 * largest change of slope, reported when that change is at least {@value #KNEE_MIN_SLOPE_CHANGE}
 * (a quarter of the peak in one step) and the curve's two ends differ significantly.
 */
public final class FindingsEngine {
    /** Differences smaller than this fraction of the reference are not findings. */
    public static final double MIN_RELATIVE_CHANGE = 0.01;
    /** The least change of normalised slope per step that makes a knee. */
    public static final double KNEE_MIN_SLOPE_CHANGE = 0.25;

    private final ResultsDocument doc;
    private final List<String> swept;
    private final String headlinePrefix;
    private final List<String> stats = new ArrayList<>();
    private final Map<String, String> units = new LinkedHashMap<>();

    private FindingsEngine(ResultsDocument doc, List<String> sweptKeys, String headlinePrefix) {
        this.doc = doc;
        this.swept = List.copyOf(sweptKeys);
        this.headlinePrefix = headlinePrefix;
        for (StatInfo s : doc.statistics().values()) {
            if (s.kind() != StatKind.TIME_SERIES) {
                stats.add(s.name());
                units.put(s.name(), s.unit());
            }
        }
    }

    /**
     * The findings of {@code doc}, whose variants sweep {@code sweptKeys} (empty when none), with
     * headline statistics named {@code headlinePrefix...} and warnings from {@code warnings}.
     */
    public static Findings of(ResultsDocument doc, List<String> sweptKeys, String headlinePrefix,
                              WarningSource warnings) {
        FindingsEngine e = new FindingsEngine(doc, sweptKeys, headlinePrefix);
        List<ResourceWarning> w = new ArrayList<>();
        doc.variants().forEach(v -> w.addAll(warnings.of(v)));
        List<List<VariantResult>> series = e.series();
        List<Difference> differences = series.size() > 1 ? e.betweenSeries(series) : e.alongAxes(series.get(0));
        // stable: equal sizes of one statistic keep the order they were found in (variants, then sweep points)
        differences.sort(Comparator.comparingDouble(Difference::size).reversed().thenComparing(Difference::statistic));
        List<Crossover> crossovers = new ArrayList<>();
        List<Knee> knees = new ArrayList<>();
        for (String axis : e.swept) {
            for (int j = 1; j < series.size(); j++) {
                crossovers.addAll(e.crossovers(series.get(0), series.get(j), axis));
            }
            for (List<VariantResult> s : series) {
                knees.addAll(e.knees(s, axis));
            }
        }
        crossovers.sort(Comparator.comparing((Crossover c) -> !c.statistic().startsWith(headlinePrefix))
                .thenComparing(Crossover::statistic));
        crossovers = sameOnce(crossovers);
        return new Findings(doc.scenario(), headlinePrefix, w, crossovers, differences, knees);
    }

    /** Crossovers of different statistics with the same axis, variants, interval and differences: the first only. */
    private static List<Crossover> sameOnce(List<Crossover> crossovers) {
        Map<String, Crossover> out = new LinkedHashMap<>();
        for (Crossover c : crossovers) {
            out.putIfAbsent(String.join("|", c.axis(), c.a(), c.b(), c.others(), c.fromValue(), c.toValue(),
                    Double.toString(c.differenceFrom()), Double.toString(c.differenceTo())), c);
        }
        return new ArrayList<>(out.values());
    }

    /**
     * The variants grouped into series by their name without the sweep point's part (each
     * variant alone when nothing is swept), groups and members in run order.
     */
    private List<List<VariantResult>> series() {
        Map<String, List<VariantResult>> groups = new LinkedHashMap<>();
        for (VariantResult v : doc.variants()) {
            groups.computeIfAbsent(swept.isEmpty() ? v.name() : seriesName(v), k -> new ArrayList<>()).add(v);
        }
        return new ArrayList<>(groups.values());
    }

    private String seriesName(VariantResult v) {
        String[] words = v.name().split(" ");
        int keep = Math.max(0, words.length - swept.size());
        String name = String.join(" ", java.util.Arrays.copyOf(words, keep));
        return name.isEmpty() ? "" : name;
    }

    /** The variant's values of the swept keys other than {@code except}, as "key=value ...". */
    private String coordinates(VariantResult v, String except) {
        StringBuilder sb = new StringBuilder();
        for (String k : swept) {
            if (!k.equals(except)) {
                sb.append(sb.isEmpty() ? "" : " ").append(Format.axis(k)).append('=')
                        .append(v.overrides().getOrDefault(k, ""));
            }
        }
        return sb.toString();
    }

    private List<Difference> betweenSeries(List<List<VariantResult>> series) {
        List<Difference> out = new ArrayList<>();
        for (VariantResult ref : series.get(0)) {
            String at = coordinates(ref, null);
            for (int j = 1; j < series.size(); j++) {
                for (VariantResult v : series.get(j)) {
                    if (coordinates(v, null).equals(at)) {
                        compare(ref, v, at, swept.isEmpty() ? ref.name() : seriesName(ref),
                                swept.isEmpty() ? v.name() : seriesName(v), out);
                    }
                }
            }
        }
        return out;
    }

    private List<Difference> alongAxes(List<VariantResult> points) {
        List<Difference> out = new ArrayList<>();
        for (String axis : swept) {
            for (List<VariantResult> line : lines(points, axis)) {
                for (int i = 1; i < line.size(); i++) {
                    compare(line.get(i - 1), line.get(i), coordinates(line.get(i), axis), line.get(i - 1).name(),
                            line.get(i).name(), out);
                }
            }
        }
        return out;
    }

    /** The points of one series along {@code axis}, one list per value of the other axes, in run order. */
    private List<List<VariantResult>> lines(List<VariantResult> points, String axis) {
        Map<String, List<VariantResult>> lines = new LinkedHashMap<>();
        for (VariantResult v : points) {
            lines.computeIfAbsent(coordinates(v, axis), k -> new ArrayList<>()).add(v);
        }
        return new ArrayList<>(lines.values());
    }

    /**
     * The significant differences of {@code b} against {@code a}. Statistics that gave exactly
     * the same values on both sides (a headline sum over one device, a histogram beside a tally
     * of the same events) are one finding, under the headline name if one is headline, else the
     * first name; the others are listed in {@link Difference#sameAs}.
     */
    private void compare(VariantResult a, VariantResult b, String at, String nameA, String nameB, List<Difference> out) {
        Map<String, Difference> byValues = new LinkedHashMap<>();
        for (String s : headlineFirst()) {
            Welch w = test(a, b, s);
            if (w != null && w.significant() && Math.abs(w.relativeChange()) >= MIN_RELATIVE_CHANGE) {
                String key = units.get(s) + " " + java.util.Arrays.toString(values(a, s)) + " "
                        + java.util.Arrays.toString(values(b, s));
                Difference same = byValues.get(key);
                byValues.put(key, same == null ? new Difference(s, units.get(s), nameA, nameB, at, w) : same.alsoAs(s));
            }
        }
        out.addAll(byValues.values());
    }

    /** The statistics, headline ones first, each group by name. */
    private List<String> headlineFirst() {
        List<String> out = new ArrayList<>(stats.stream().filter(s -> s.startsWith(headlinePrefix)).toList());
        stats.stream().filter(s -> !s.startsWith(headlinePrefix)).forEach(out::add);
        return out;
    }

    /** Welch's test of statistic {@code s} of {@code b} against {@code a}; null when either has fewer than two values. */
    private static Welch test(VariantResult a, VariantResult b, String s) {
        double[] x = values(a, s);
        double[] y = values(b, s);
        return x.length < 2 || y.length < 2 ? null : Welch.of(x, y);
    }

    /** The finite primary values of statistic {@code s} over the variant's replications, in index order. */
    static double[] values(VariantResult v, String s) {
        return v.replications().stream().filter(r -> r.snapshot().has(s))
                .sorted(Comparator.comparingInt(Replication::index))
                .mapToDouble(r -> r.snapshot().get(s).primary()).filter(Double::isFinite).toArray();
    }

    private List<Crossover> crossovers(List<VariantResult> ref, List<VariantResult> other, String axis) {
        List<Crossover> out = new ArrayList<>();
        for (List<VariantResult> line : lines(ref, axis)) {
            List<VariantResult[]> pairs = new ArrayList<>();
            for (VariantResult r : line) {
                other.stream().filter(o -> coordinates(o, null).equals(coordinates(r, null))).findFirst()
                        .ifPresent(o -> pairs.add(new VariantResult[] {r, o}));
            }
            for (String s : stats) {
                VariantResult[] last = null;
                Welch lastTest = null;
                for (VariantResult[] p : pairs) {
                    Welch w = test(p[0], p[1], s);
                    if (w == null || !w.significant()) {
                        continue;
                    }
                    if (lastTest != null && Math.signum(w.difference()) != Math.signum(lastTest.difference())) {
                        String from = last[0].overrides().get(axis);
                        String to = p[0].overrides().get(axis);
                        out.add(new Crossover(s, axis, seriesName(p[0]), seriesName(p[1]), coordinates(p[0], axis),
                                from, to, lastTest.difference(), w.difference(),
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
        for (List<VariantResult> line : lines(series, axis)) {
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
            double[] xs = values(line.get(i), s);
            if (xs.length == 0) {
                return null;
            }
            y[i] = java.util.Arrays.stream(xs).average().orElse(Double.NaN);
            peak = Math.max(peak, Math.abs(y[i]));
        }
        Welch ends = test(line.get(0), line.get(line.size() - 1), s);
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
        if (best < 0 || bestChange < KNEE_MIN_SLOPE_CHANGE) {
            return null;
        }
        VariantResult at = line.get(best);
        return new Knee(s, axis, seriesName(at), coordinates(at, axis), at.overrides().get(axis),
                (y[best] - y[best - 1]) / peak, (y[best + 1] - y[best]) / peak);
    }
}

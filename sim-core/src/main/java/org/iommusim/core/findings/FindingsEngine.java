package org.iommusim.core.findings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>This class finds the differences and puts the findings together; {@link VariantGrid} says
 * how the variants lie on the sweep and reads their values, {@link AxisFindings} finds the
 * crossovers and knees.
 */
public final class FindingsEngine {
    /** Differences smaller than this fraction of the reference are not findings. */
    public static final double MIN_RELATIVE_CHANGE = 0.01;
    /** The least change of normalised slope per step that makes a knee. */
    public static final double KNEE_MIN_SLOPE_CHANGE = 0.25;

    private final VariantGrid grid;
    private final String headlinePrefix;
    private final List<String> stats = new ArrayList<>();
    private final Map<String, String> units = new LinkedHashMap<>();

    private FindingsEngine(ResultsDocument doc, List<String> sweptKeys, String headlinePrefix) {
        this.grid = new VariantGrid(doc.variants(), sweptKeys);
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
        List<List<VariantResult>> series = e.grid.series();
        List<Difference> differences = series.size() > 1 ? e.betweenSeries(series) : e.alongAxes(series.get(0));
        // stable: equal sizes of one statistic keep the order they were found in (variants, then sweep points)
        differences.sort(Comparator.comparingDouble(Difference::size).reversed().thenComparing(Difference::statistic));
        AxisFindings axes = new AxisFindings(e.grid, e.stats, headlinePrefix);
        return new Findings(doc.scenario(), headlinePrefix, w, axes.crossovers(series), differences,
                axes.knees(series));
    }

    private List<Difference> betweenSeries(List<List<VariantResult>> series) {
        List<Difference> out = new ArrayList<>();
        for (VariantResult ref : series.get(0)) {
            String at = grid.coordinates(ref, null);
            for (int j = 1; j < series.size(); j++) {
                for (VariantResult v : series.get(j)) {
                    if (grid.coordinates(v, null).equals(at)) {
                        compare(ref, v, at, grid.seriesOf(ref), grid.seriesOf(v), out);
                    }
                }
            }
        }
        return out;
    }

    private List<Difference> alongAxes(List<VariantResult> points) {
        List<Difference> out = new ArrayList<>();
        for (String axis : grid.swept()) {
            for (List<VariantResult> line : grid.lines(points, axis)) {
                for (int i = 1; i < line.size(); i++) {
                    compare(line.get(i - 1), line.get(i), grid.coordinates(line.get(i), axis), line.get(i - 1).name(),
                            line.get(i).name(), out);
                }
            }
        }
        return out;
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
            Welch w = VariantGrid.test(a, b, s);
            if (w != null && w.significant() && Math.abs(w.relativeChange()) >= MIN_RELATIVE_CHANGE) {
                String key = units.get(s) + " " + Arrays.toString(VariantGrid.values(a, s)) + " "
                        + Arrays.toString(VariantGrid.values(b, s));
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
}

package org.iommusim.reports.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.reports.io.MergedHistograms;
import org.iommusim.core.results.ParameterValue;

/**
 * Every chart the report shows for one results document, in page order (latency distributions,
 * variant comparisons, sweep curves, time series, breakdowns), and a note for each family left
 * out and why. Charts with one line per variant (CDFs, time series) become small multiples beyond
 * {@link SmallMultiples#MAX_LINES} variants and are left out when there are more than
 * {@link #MAX_LINES} (too many panels); a chart whose every value is zero or missing is left out
 * and named once in a note. Builds charts in memory; {@link ChartWriter} saves them.
 */
public record ChartSet(List<ChartSpec> charts, List<String> notes) {
    /** More variants than this make line charts with one line (or panel) per variant unreadable. */
    public static final int MAX_LINES = SmallMultiples.MAX_PANELS;

    public ChartSet {
        charts = List.copyOf(charts);
        notes = List.copyOf(notes);
    }

    /**
     * @param sweepParameters the manifest's swept keys in axis order; empty to infer them from
     *     the variants' overrides
     * @param command the manifest's command ({@code run}, {@code compare}, {@code sweep}), if known
     */
    public static ChartSet of(ResultsDocument doc, List<String> sweepParameters, Optional<String> command) {
        return of(doc, sweepParameters, command, MergedHistograms.NONE);
    }

    /** As {@link #of(ResultsDocument, List, Optional)}, CDFs drawn from {@code histograms} where saved. */
    public static ChartSet of(ResultsDocument doc, List<String> sweepParameters, Optional<String> command,
            MergedHistograms histograms) {
        List<ChartSpec> charts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean fewVariants = doc.variants().size() <= MAX_LINES;
        String tooMany = ": " + doc.variants().size() + " variants are too many panels for one chart (at most "
                + MAX_LINES + "); the sweep and comparison charts show every variant.";
        if (fewVariants) {
            LatencyCharts.translationCdf(doc, histograms).ifPresentOrElse(charts::add,
                    () -> notes.add("Translation latency CDF: the run has no " + LatencyCharts.TRANSLATION
                            + " histogram."));
            DeviceCharts.Outcome dma = DeviceCharts.dmaLatency(doc, histograms);
            if (dma.charts().isEmpty()) {
                notes.add("DMA latency per device: the run has no dev.<device>.dma-latency histograms.");
            }
            dma.note().ifPresent(notes::add);
            charts.addAll(dma.charts());
        } else {
            notes.add("Latency CDFs" + tooMany);
        }
        List<ChartSpec> compare = ComparisonCharts.all(doc);
        if (compare.isEmpty()) {
            notes.add("Variant comparison: none of the headline statistics (run.dma-throughput, ...) is present.");
        }
        charts.addAll(compare);
        if (isSweep(doc, sweepParameters, command)) {
            charts.addAll(SweepCharts.all(doc, sweepParameters));
        }
        List<ChartSpec> series = fewVariants ? SeriesCharts.all(doc) : List.of();
        if (!fewVariants) {
            notes.add("Time series" + tooMany);
        } else if (series.isEmpty()) {
            notes.add("Time series: the run sampled no " + SeriesCharts.HIT_RATIO + " or " + SeriesCharts.WALK_RATE
                    + ".");
        }
        charts.addAll(series);
        for (BreakdownCharts.Outcome o : List.of(BreakdownCharts.faults(doc), BreakdownCharts.controlPlaneCost(doc),
                BreakdownCharts.hostCpuByCategory(doc))) {
            o.chart().ifPresentOrElse(charts::add, () -> {
                if (!o.note().isEmpty()) {
                    notes.add(o.note());
                }
            });
        }
        List<String> zero = new ArrayList<>();
        charts.removeIf(c -> {
            boolean empty = Zero.everywhere(c.chart());
            if (empty) {
                zero.add(c.title());
            }
            return empty;
        });
        if (!zero.isEmpty()) {
            notes.add("Not drawn because every value is zero or missing in every variant: " + String.join("; ", zero)
                    + ".");
        }
        return new ChartSet(charts, notes);
    }

    /**
     * Whether to draw sweep charts: the manifest names swept parameters, or says the command was
     * a sweep and some override varies, or (no manifest) an override varies over at least three
     * numeric values. A compare of named variants is not a sweep.
     */
    static boolean isSweep(ResultsDocument doc, List<String> sweepParameters, Optional<String> command) {
        SweepAxes axes = SweepAxes.of(doc, sweepParameters);
        if (axes == null) {
            return false;
        }
        if (!sweepParameters.isEmpty() || command.filter("sweep"::equals).isPresent()) {
            return true;
        }
        return command.isEmpty() && axes.numeric()
                && axes.xValues().values().stream().map(ParameterValue::text).distinct().count() >= 3;
    }
}

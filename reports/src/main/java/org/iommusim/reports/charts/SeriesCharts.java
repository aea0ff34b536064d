package org.iommusim.reports.charts;

import org.iommusim.core.results.DisplayUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.StatValue;
import org.iommusim.core.results.VariantResult;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Time series over simulated time: the IOTLB hit ratio and the page-walk rate, one line per
 * variant, from each variant's first replication (lowest index) only: replications would
 * overlap and hide each other. Time on x in a unit chosen from the run length. More than
 * {@link SmallMultiples#MAX_LINES} variants are drawn as small multiples. Not drawn when no
 * variant has samples.
 */
public final class SeriesCharts {
    public static final String HIT_RATIO = "run.iotlb-hit-ratio.series";
    public static final String WALK_RATE = "run.walk-rate.series";

    private SeriesCharts() {
    }

    public static List<ChartSpec> all(ResultsDocument doc) {
        List<ChartSpec> out = new ArrayList<>();
        series(doc, HIT_RATIO, "iotlb-hit-ratio-over-time", "Does the IOTLB warm up and stay warm? Hit ratio over time",
                "IOTLB hit ratio", "IOTLB hit ratio sampled over simulated time (replication 0 of each variant).")
                .ifPresent(out::add);
        series(doc, WALK_RATE, "walk-rate-over-time", "How hard do the walkers work over time? Page walks per second",
                "walk rate", "Page walks per second of simulated time (replication 0 of each variant).")
                .ifPresent(out::add);
        return out;
    }

    public static Optional<ChartSpec> series(ResultsDocument doc, String stat, String id, String title, String what,
            String caption) {
        List<VariantResult> with = new ArrayList<>();
        long maxT = 0;
        double maxV = 0;
        String unit = null;
        for (VariantResult v : doc.variants()) {
            Optional<StatValue> s = Metrics.first(v, stat);
            if (s.isPresent() && s.get().hasSeries()) {
                with.add(v);
                unit = unit == null ? s.get().unit() : unit;
                for (long t : s.get().seriesTimes()) {
                    maxT = Math.max(maxT, t);
                }
                for (double x : s.get().seriesValues()) {
                    maxV = Double.isFinite(x) ? Math.max(maxV, Math.abs(x)) : maxV;
                }
            }
        }
        if (with.isEmpty()) {
            return Optional.empty();
        }
        DisplayUnit tu = DisplayUnit.of("ps", maxT);
        DisplayUnit vu = DisplayUnit.of(unit, maxV);
        XYSeriesCollection data = new XYSeriesCollection();
        List<Integer> colours = new ArrayList<>();
        for (VariantResult v : with) {
            StatValue s = Metrics.first(v, stat).orElseThrow();
            XYSeries xy = new XYSeries(v.name(), false, true);
            long[] ts = s.seriesTimes();
            double[] vs = s.seriesValues();
            for (int i = 0; i < ts.length; i++) {
                xy.add(tu.apply(ts[i]), Double.isFinite(vs[i]) ? vu.apply(vs[i]) : null);
            }
            data.addSeries(xy);
            colours.add(doc.variants().indexOf(v));
        }
        NumberAxis x = new NumberAxis("simulated time (" + tu.label() + ")");
        NumberAxis y = new NumberAxis(what + " (" + vu.label() + ")");
        y.setAutoRangeIncludesZero(vu.percent());
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        // each variant's line as one stroked path (a gap where a sample is missing), not one stroke
        // per sample: a sweep's panels held thousands of segments, an SVG <line> each (a 1 MB file)
        r.setDrawSeriesLineAsPath(true);
        List<java.awt.Color> palette = ChartStyle.variantColours(
                doc.variants().stream().map(VariantResult::name).toList());
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, palette.get(colours.get(i)));
            r.setSeriesStroke(i, ChartStyle.stroke(colours.get(i)));
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, new XYPlot(data, x, y, r), true);
        JFreeChart drawn = SmallMultiples.of(ChartStyle.apply(chart));
        return Optional.of(new ChartSpec(id, title, drawn == chart ? caption : caption + SmallMultiples.CAPTION,
                drawn));
    }
}

package org.iommusim.reports.charts;

import org.iommusim.core.results.DisplayUnit;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.StatSummary;
import org.iommusim.core.results.VariantResult;
import org.iommusim.core.results.ParameterValue;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StatisticalLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A metric against the swept parameter: the first sweep axis on x (a log axis when its values
 * span more than two decades, a category axis when they are not numbers), one line per group
 * of the other varying overrides, the 95% confidence interval as a translucent band (error bars
 * on a category axis), so a crossover or a knee reads at a glance. One chart per
 * {@link KeyMetric} present. Not drawn for documents that are not sweeps.
 */
public final class SweepCharts {
    /** Values spanning more than this ratio get a log x axis. */
    static final double LOG_SPAN = 100;

    private SweepCharts() {
    }

    public static List<ChartSpec> all(ResultsDocument doc, List<String> sweepParameters) {
        SweepAxes axes = SweepAxes.of(doc, sweepParameters);
        List<ChartSpec> out = new ArrayList<>();
        if (axes == null) {
            return out;
        }
        for (KeyMetric m : KeyMetric.ALL) {
            chart(doc, axes, m).ifPresent(out::add);
        }
        return out;
    }

    public static Optional<ChartSpec> chart(ResultsDocument doc, SweepAxes axes, KeyMetric metric) {
        Map<String, List<VariantResult>> groups = new LinkedHashMap<>();
        double max = 0;
        String unit = null;
        for (Map.Entry<VariantResult, String> e : axes.groups().entrySet()) {
            Optional<StatSummary> s = metric.of(e.getKey());
            if (s.isPresent()) {
                groups.computeIfAbsent(e.getValue(), g -> new ArrayList<>()).add(e.getKey());
                unit = unit == null ? s.get().unit() : unit;
                max = Math.max(max, Math.abs(s.get().mean()));
            }
        }
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        DisplayUnit du = DisplayUnit.of(unit, max);
        String yLabel = metric.label() + " (" + du.label() + ")";
        String xName = axes.x();
        String title = metric.question() + " " + ComparisonCharts.capitalise(metric.label()) + " vs "
                + SweepAxes.shortKey(xName);
        JFreeChart chart = axes.numeric() ? numeric(axes, metric, groups, du, yLabel, title)
                : categorical(axes, metric, groups, du, yLabel, title);
        String caption = capitalise(metric.label()) + " (" + metric.key() + ") against " + xName
                + (groups.size() > 1 ? ", one line per " + String.join("/", groupKeys(groups)) : "")
                + "; shading/bars: 95% confidence interval over replications.";
        return Optional.of(new ChartSpec("sweep-" + metric.id(), title, caption, ChartStyle.apply(chart)));
    }

    private static JFreeChart numeric(SweepAxes axes, KeyMetric metric, Map<String, List<VariantResult>> groups,
            DisplayUnit du, String yLabel, String title) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (ParameterValue pv : axes.xValues().values()) {
            lo = Math.min(lo, Math.abs(pv.value()));
            hi = Math.max(hi, Math.abs(pv.value()));
        }
        DisplayUnit xu = DisplayUnit.of(axes.dimension().baseUnit(), hi);
        if (xu.percent()) {
            xu = new DisplayUnit("", 1); // a swept fraction reads as written in the scenario
        }
        boolean unitless = xu.label().isEmpty();
        boolean log = lo > 0 && hi / lo > LOG_SPAN;
        // a quantity that cannot be negative keeps its confidence band at or above zero
        boolean nonNegative = groups.values().stream().flatMap(List::stream)
                .allMatch(v -> metric.of(v).map(m -> !(m.mean() < 0)).orElse(true));
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Map.Entry<String, List<VariantResult>> g : groups.entrySet()) {
            YIntervalSeries s = new YIntervalSeries(g.getKey().isEmpty() ? metric.label() : g.getKey(), true, true);
            for (VariantResult v : g.getValue()) {
                StatSummary m = metric.of(v).orElseThrow();
                double mean = du.apply(m.mean());
                double low = Double.isFinite(m.ci95Low()) ? du.apply(m.ci95Low()) : mean;
                double high = Double.isFinite(m.ci95High()) ? du.apply(m.ci95High()) : mean;
                low = nonNegative ? Math.max(0, low) : low;
                s.add(xu.apply(axes.xValues().get(v).value()), mean, low, high);
            }
            data.addSeries(s);
        }
        List<String> notes = new ArrayList<>();
        if (!unitless) {
            notes.add(xu.label());
        }
        if (log) {
            notes.add("log scale");
        }
        String xLabel = axes.x() + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")");
        ValueAxis x;
        if (log) {
            DisplayUnit scale = xu;
            double[] swept = axes.xValues().values().stream().mapToDouble(pv -> scale.apply(pv.value())).distinct()
                    .sorted().toArray();
            // label the swept values themselves when they are few enough to read
            x = ChartStyle.logAxis(xLabel, xu.apply(lo), xu.apply(hi), swept.length <= 12 ? swept : null);
        } else {
            NumberAxis na = new NumberAxis(xLabel);
            na.setAutoRangeIncludesZero(false);
            x = na;
        }
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        DeviationRenderer r = new DeviationRenderer(true, true);
        r.setAlpha(0.18f);
        List<java.awt.Color> colours = ChartStyle.variantColours(new ArrayList<>(groups.keySet()));
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, colours.get(i));
            r.setSeriesFillPaint(i, colours.get(i));
            r.setSeriesStroke(i, ChartStyle.stroke(i));
            r.setSeriesShape(i, ChartStyle.shape(i));
        }
        return new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, new XYPlot(data, x, y, r), true);
    }

    private static JFreeChart categorical(SweepAxes axes, KeyMetric metric, Map<String, List<VariantResult>> groups,
            DisplayUnit du, String yLabel, String title) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (Map.Entry<String, List<VariantResult>> g : groups.entrySet()) {
            String row = g.getKey().isEmpty() ? metric.label() : g.getKey();
            for (VariantResult v : g.getValue()) {
                StatSummary m = metric.of(v).orElseThrow();
                double hw = Double.isFinite(m.halfWidth()) ? du.apply(m.halfWidth()) : 0;
                data.add(du.apply(m.mean()), hw, row, axes.xValues().get(v).text());
            }
        }
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        StatisticalLineAndShapeRenderer r = new StatisticalLineAndShapeRenderer(true, true);
        r.setErrorIndicatorPaint(Color.BLACK);
        for (int i = 0; i < data.getRowCount(); i++) {
            r.setSeriesPaint(i, ChartStyle.paint(i));
            r.setSeriesStroke(i, new BasicStroke(2.5f));
            r.setSeriesShape(i, ChartStyle.shape(i));
        }
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(axes.x()), y, r);
        return new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private static List<String> groupKeys(Map<String, List<VariantResult>> groups) {
        String first = groups.keySet().iterator().next();
        List<String> keys = new ArrayList<>();
        for (String part : first.split(", ")) {
            int eq = part.indexOf('=');
            keys.add(eq < 0 ? "variant" : part.substring(0, eq));
        }
        return keys;
    }

    private static String capitalise(String s) {
        return ComparisonCharts.capitalise(s);
    }
}

package org.iommusim.reports.charts;

import org.iommusim.core.results.DisplayUnit;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.StatSummary;
import org.iommusim.core.results.VariantResult;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * Variant against variant (hardware against software nesting, strict against lazy): one bar
 * chart per {@link KeyMetric}, one bar per variant sorted largest first (in the variant's colour,
 * the same as in the other charts; horizontal bars with names on the left beyond six variants,
 * so neither names nor value labels are cut), with the
 * 95% confidence interval of the mean over replications as an error bar (from the variant's
 * summary; no bar when a variant lacks the metric, no error bar when the interval is unknown).
 */
public final class ComparisonCharts {
    private ComparisonCharts() {
    }

    /** Every key metric present in at least one variant, as side-by-side bars. */
    public static List<ChartSpec> all(ResultsDocument doc) {
        List<ChartSpec> out = new ArrayList<>();
        for (KeyMetric m : KeyMetric.ALL) {
            bars(doc, m).ifPresent(out::add);
        }
        return out;
    }

    /** The bars of one metric, or empty when no variant has it. */
    public static Optional<ChartSpec> bars(ResultsDocument doc, KeyMetric metric) {
        double max = 0;
        List<VariantResult> with = new ArrayList<>();
        String unit = null;
        for (VariantResult v : doc.variants()) {
            Optional<StatSummary> s = metric.of(v);
            if (s.isPresent()) {
                with.add(v);
                unit = unit == null ? s.get().unit() : unit;
                max = Math.max(max, Math.max(Math.abs(s.get().mean()), finiteOr(s.get().ci95High(), 0)));
            }
        }
        if (with.isEmpty()) {
            return Optional.empty();
        }
        DisplayUnit du = DisplayUnit.of(unit, max);
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        // sorted, largest first, so the ranking reads at a glance
        List<VariantResult> sorted = new ArrayList<>(with);
        sorted.sort(java.util.Comparator.comparingDouble((VariantResult v) -> -finiteOr(metric.of(v).orElseThrow()
                .mean(), Double.NEGATIVE_INFINITY)));
        for (VariantResult v : sorted) {
            StatSummary s = metric.of(v).orElseThrow();
            data.add(du.apply(s.mean()), du.apply(finiteOr(s.halfWidth(), 0)), metric.label(), v.name());
        }
        boolean many = sorted.size() > 6;
        CategoryAxis x = new CategoryAxis("variant");
        NumberAxis y = new NumberAxis(metric.label() + " (" + du.label() + ")");
        y.setAutoRangeIncludesZero(true);
        List<String> names = doc.variants().stream().map(VariantResult::name).toList();
        List<Color> colours = ChartStyle.variantColours(names);
        StatisticalBarRenderer r = new StatisticalBarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public java.awt.Paint getItemPaint(int row, int column) {
                return colours.get(names.indexOf((String) getPlot().getDataset().getColumnKey(column)));
            }
        };
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setErrorIndicatorPaint(Color.BLACK);
        r.setErrorIndicatorStroke(new BasicStroke(2f));
        // many bars: the value sits inside the bar at its base, where no error bar can cover it
        r.setDefaultPositiveItemLabelPosition(many
                ? new ItemLabelPosition(ItemLabelAnchor.INSIDE9, TextAnchor.CENTER_LEFT)
                : new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_LEFT));
        // a bar too short to hold its value has it just past its end
        r.setPositiveItemLabelPositionFallback(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        r.setItemLabelAnchorOffset(6);
        r.setMaximumBarWidth(many ? 0.8 : 0.3);
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator(many ? " {2}" : "    {2}",
                new java.text.DecimalFormat("#,##0.###", java.text.DecimalFormatSymbols.getInstance(
                        java.util.Locale.ROOT))));
        // room for the value labels past the longest bar and its error bar
        y.setUpperMargin(0.15);
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 14));
        x.setMaximumCategoryLabelLines(2);
        CategoryPlot plot = new CategoryPlot(data, x, y, r);
        if (many) {
            // many variants: horizontal bars, names on the left where they have room
            plot.setOrientation(org.jfree.chart.plot.PlotOrientation.HORIZONTAL);
            x.setMaximumCategoryLabelWidthRatio(0.45f);
        }
        boolean nonNegative = with.stream().allMatch(v -> !(metric.of(v).orElseThrow().mean() < 0));
        if (nonNegative) {
            // a quantity that cannot be negative: the axis starts at zero even where an error bar would not
            plot.configureRangeAxes();
            y.setRange(0, Math.max(y.getUpperBound(), Double.MIN_NORMAL));
        }
        String title = metric.question() + " " + capitalise(metric.label()) + " by variant";
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        String caption = capitalise(metric.label()) + " (" + metric.key() + ") per variant: mean over replications,"
                + " error bars the 95% confidence interval.";
        return Optional.of(new ChartSpec("compare-" + metric.id(), title, caption, ChartStyle.apply(chart)));
    }

    /** First letter upper case, except percentile names (p99 stays p99). */
    static String capitalise(String s) {
        if (s.isEmpty() || s.matches("p\\d.*")) {
            return s;
        }
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static double finiteOr(double d, double fallback) {
        return Double.isFinite(d) ? d : fallback;
    }
}

package org.iommusim.reports.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Small multiples: a chart with one line per variant becomes a grid of small panels that share
 * both axes (the same ranges everywhere, x labelled under the bottom row), so many variants stay
 * readable. Variants named {@code group key=value} (a sweep with named variants) get one panel
 * per sweep point with a line per group, in one colour per group and one legend; otherwise each
 * variant gets its own panel, labelled with its name. Used when a chart would have more than
 * {@link #MAX_LINES} lines. Draws what the one-chart version would; chooses no data.
 */
public final class SmallMultiples {
    /** Up to this many lines share one chart; more become small multiples. */
    public static final int MAX_LINES = 4;
    /** At most this many panels; charts needing more are not drawn (the sweep charts show every variant). */
    public static final int MAX_PANELS = 24;
    /** What a caption adds when its chart was drawn as small multiples. */
    public static final String CAPTION = " Small multiples: one panel per sweep point or variant, all on the same"
            + " axes.";
    private static final Font PANEL_LABEL = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color GRID = new Color(0xD0D0D0);

    private SmallMultiples() {
    }

    /** The panels of a set of series names (variant names): panel label and line group of each, in order. */
    record Layout(List<String> panels, List<String> panelOf, List<String> groupOf) {
        static Layout of(List<String> names) {
            Map<String, Integer> groupSizes = new LinkedHashMap<>();
            names.forEach(n -> groupSizes.merge(ChartStyle.baseName(n), 1, Integer::sum));
            boolean grouped = groupSizes.size() > 1 && groupSizes.size() < names.size()
                    && groupSizes.keySet().stream().noneMatch(String::isEmpty);
            List<String> panelOf = new ArrayList<>();
            List<String> groupOf = new ArrayList<>();
            for (String n : names) {
                String group = ChartStyle.baseName(n);
                String point = n.length() > group.length() ? n.substring(group.length()).trim() : n;
                panelOf.add(grouped ? point : n);
                groupOf.add(grouped ? group : "");
            }
            return new Layout(panelOf.stream().distinct().toList(), panelOf, groupOf);
        }
    }

    /**
     * The grid for a one-chart {@code single} whose dataset is an {@link XYSeriesCollection} with
     * one series per variant (keys are the variant names), or {@code single} itself when it has
     * at most {@link #MAX_LINES} lines.
     */
    public static JFreeChart of(JFreeChart single) {
        XYPlot plot = (XYPlot) single.getPlot();
        XYSeriesCollection data = (XYSeriesCollection) plot.getDataset();
        if (data.getSeriesCount() <= MAX_LINES) {
            return single;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            names.add(data.getSeriesKey(i).toString());
        }
        Layout layout = Layout.of(names);
        List<String> groups = layout.groupOf().stream().distinct().toList();
        boolean grouped = groups.size() > 1;
        XYLineAndShapeRenderer template = (XYLineAndShapeRenderer) plot.getRenderer();
        List<XYPlot> panels = new ArrayList<>();
        for (int p = 0; p < layout.panels().size(); p++) {
            panels.add(panel(plot, data, layout, p, groups, template));
        }
        LegendItemCollection legend = new LegendItemCollection();
        for (int g = 0; grouped && g < groups.size(); g++) {
            legend.add(item(groups.get(g), ChartStyle.paint(g)));
        }
        return chart(single.getTitle().getText(), panels, layout.panels(), plot.getDomainAxis(), plot.getRangeAxis(),
                legend);
    }

    /**
     * One grid of whole charts of the same kind (one per device, say), each {@code charts[i]} an
     * XY chart labelled {@code labels[i]}, on the union of their axis ranges; the first chart's
     * series (the same variants in every chart) make the legend when there is more than one.
     */
    public static JFreeChart ofCharts(String title, List<String> labels, List<JFreeChart> charts) {
        List<XYPlot> plots = charts.stream().map(c -> (XYPlot) c.getPlot()).toList();
        XYPlot first = plots.get(0);
        ValueAxis xAll = copy(first.getDomainAxis());
        ValueAxis yAll = copy(first.getRangeAxis());
        for (XYPlot p : plots) {
            xAll.setRange(org.jfree.data.Range.combine(xAll.getRange(), p.getDomainAxis().getRange()));
            yAll.setRange(org.jfree.data.Range.combine(yAll.getRange(), p.getRangeAxis().getRange()));
        }
        List<XYPlot> panels = new ArrayList<>();
        for (XYPlot src : plots) {
            XYPlot panel = new XYPlot(src.getDataset(), null, null, src.getRenderer());
            markers(src, panel);
            panels.add(panel);
        }
        LegendItemCollection legend = new LegendItemCollection();
        for (int s = 0; first.getDataset().getSeriesCount() > 1 && s < first.getDataset().getSeriesCount(); s++) {
            legend.add(item(first.getDataset().getSeriesKey(s).toString(), first.getRenderer().getSeriesPaint(s)));
        }
        return chart(title, panels, labels, xAll, yAll, legend);
    }

    /**
     * The grid of {@code panels} (each given its copy of {@code x} and its label), rows sharing
     * copies of {@code y}, a legend of {@code legend} when it has items.
     */
    private static JFreeChart chart(String title, List<XYPlot> panels, List<String> labels, ValueAxis x, ValueAxis y,
            LegendItemCollection legend) {
        int n = panels.size();
        int cols = (int) Math.min(n, Math.ceil(Math.sqrt(n * 1.7)));
        int rows = (n + cols - 1) / cols;
        NumberAxis hidden = new NumberAxis();
        hidden.setVisible(false);
        CombinedDomainXYPlot grid = new CombinedDomainXYPlot(hidden);
        grid.setGap(14);
        for (int r = 0; r < rows; r++) {
            ValueAxis rowY = copy(y);
            if (rows > 2 && r != rows / 2 || rows == 2 && r == 1) {
                rowY.setLabel(null);
            }
            CombinedRangeXYPlot row = new CombinedRangeXYPlot(rowY);
            row.setGap(22);
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                if (i >= n) {
                    row.add(filler(x));
                    continue;
                }
                XYPlot panel = panels.get(i);
                ValueAxis px = copy(x);
                if (r != rows - 1) {
                    px.setLabel(null);
                }
                panel.setDomainAxis(px);
                style(panel);
                label(panel, px, labels.get(i));
                row.add(panel);
            }
            grid.add(row);
        }
        boolean withLegend = legend.getItemCount() > 0;
        if (withLegend) {
            grid.setFixedLegendItems(legend);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, grid, withLegend);
        ChartStyle.apply(chart);
        return chart;
    }

    private static LegendItem item(String label, Paint paint) {
        return new LegendItem(label, null, null, null, new java.awt.geom.Line2D.Double(-9, 0, 9, 0),
                ChartStyle.stroke(0), paint);
    }

    private static void markers(XYPlot from, XYPlot to) {
        var markers = from.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND);
        if (markers != null) {
            for (Object m : markers) {
                to.addRangeMarker((Marker) m);
            }
        }
    }

    private static void label(XYPlot panel, ValueAxis x, String label) {
        TextTitle t = new TextTitle(label, PANEL_LABEL);
        t.setBackgroundPaint(new Color(255, 255, 255, 220));
        t.setPadding(new RectangleInsets(1, 3, 1, 3));
        panel.addAnnotation(new XYTitleAnnotation(relativeX(x, 0.01), 0.99, t, RectangleAnchor.TOP_LEFT));
    }

    private static XYPlot panel(XYPlot plot, XYSeriesCollection data, Layout layout, int p, List<String> groups,
            XYLineAndShapeRenderer template) {
        String label = layout.panels().get(p);
        XYSeriesCollection mine = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, template.getDefaultShapesVisible());
        r.setDrawSeriesLineAsPath(template.getDrawSeriesLineAsPath());
        for (int i = 0; i < data.getSeriesCount(); i++) {
            if (!layout.panelOf().get(i).equals(label)) {
                continue;
            }
            int k = mine.getSeriesCount();
            mine.addSeries(data.getSeries(i));
            int g = groups.indexOf(layout.groupOf().get(i));
            r.setSeriesPaint(k, groups.size() > 1 ? ChartStyle.paint(g) : template.lookupSeriesPaint(i));
            r.setSeriesStroke(k, ChartStyle.stroke(0));
            r.setSeriesShape(k, ChartStyle.shape(g));
        }
        XYPlot panel = new XYPlot(mine, null, null, r);
        markers(plot, panel);
        return panel;
    }

    /**
     * The annotation position that lands at {@code fraction} of the axis' width: the annotation
     * places a relative x linearly in data values, which on a log axis is not a fraction of the width.
     */
    private static double relativeX(ValueAxis x, double fraction) {
        if (x instanceof org.jfree.chart.axis.LogAxis && x.getLowerBound() > 0) {
            double lo = x.getLowerBound();
            double at = lo * Math.pow(x.getUpperBound() / lo, fraction);
            return (at - lo) / x.getRange().getLength();
        }
        return fraction;
    }

    /** An invisible panel that keeps the last row's panels as wide as the others. */
    private static XYPlot filler(ValueAxis x) {
        ValueAxis hidden = copy(x);
        hidden.setVisible(false);
        XYPlot empty = new XYPlot(new XYSeriesCollection(), hidden, null, new XYLineAndShapeRenderer());
        empty.setOutlineVisible(false);
        empty.setBackgroundPaint(null);
        empty.setDomainGridlinesVisible(false);
        empty.setRangeGridlinesVisible(false);
        empty.setNoDataMessage(null);
        return empty;
    }

    /** A copy of an axis with its range fixed, so every panel shows the same range. */
    private static ValueAxis copy(ValueAxis axis) {
        try {
            ValueAxis c = (ValueAxis) axis.clone();
            c.setRange(axis.getRange());
            c.setTickLabelFont(TICKS);
            return c;
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("a chart axis cannot be copied", e);
        }
    }

    private static void style(XYPlot p) {
        p.setBackgroundPaint(Color.WHITE);
        p.setOutlinePaint(GRID);
        p.setDomainGridlinePaint(GRID);
        p.setRangeGridlinePaint(GRID);
    }
}

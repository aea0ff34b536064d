package org.iommusim.reports.charts;

import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.iommusim.core.results.DisplayUnit;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.VariantResult;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Stacked bars, one per variant, of counters that split a total: faults by reason and stage
 * ({@code iommu.faults.<reason>.s<stage>}) and host CPU time by control-plane operation
 * ({@code cp.<operation>.cpu-time}) and by category ({@code cp.cpu.<category>}: VM exits,
 * exits to user space, syscalls, DMA-API calls, IOVA allocation, page tables, pinning, shadow
 * sync, descriptors, invalidation wait, interrupts, driver work). Values are means over
 * replications. A chart whose statistics are absent, or all zero, is not drawn; the caller gets
 * a note instead.
 */
public final class BreakdownCharts {
    static final Pattern FAULT = Pattern.compile("iommu\\.faults\\.(.+)\\.s(\\d+)");
    static final Pattern CP_COST = Pattern.compile("cp\\.(.+)\\.cpu-time");
    static final Pattern CP_CATEGORY = Pattern.compile("cp\\.cpu\\.(.+)");
    static final String OVERFLOWS = "faultq.overflows";
    /** Space kept between the image's edge and the furthest-reaching rotated label. */
    static final int LABEL_GAP_PX = 6;

    private BreakdownCharts() {
    }

    /** A chart or the reason there is none. */
    public record Outcome(Optional<ChartSpec> chart, String note) {
    }

    public static Outcome faults(ResultsDocument doc) {
        Map<String, List<String>> stats = Metrics.matching(doc, FAULT);
        if (stats.isEmpty()) {
            return new Outcome(Optional.empty(), "Faults by reason: the run has no iommu.faults.* statistics.");
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        double total = 0;
        for (Map.Entry<String, List<String>> e : stats.entrySet()) {
            String row = e.getValue().get(0) + " (stage " + e.getValue().get(1) + ")";
            for (VariantResult v : doc.variants()) {
                double x = Metrics.mean(v, e.getKey());
                data.addValue(Double.isFinite(x) ? x : 0, row, v.name());
                total += Double.isFinite(x) ? x : 0;
            }
        }
        if (total == 0) {
            return new Outcome(Optional.empty(), "Faults by reason: no faults were recorded in any variant.");
        }
        dropZeroRows(data);
        StringBuilder overflow = new StringBuilder();
        for (VariantResult v : doc.variants()) {
            double o = Metrics.mean(v, OVERFLOWS);
            if (Double.isFinite(o) && o > 0) {
                overflow.append(overflow.length() == 0 ? " Fault-queue overflows: " : ", ")
                        .append(v.name()).append(' ').append(new java.text.DecimalFormat("#,##0.#").format(o));
            }
        }
        String title = "Why do DMAs fault, and in which stage? Faults by reason";
        String caption = "IOMMU faults per run by reason and translation stage, mean over replications."
                + (overflow.length() > 0 ? overflow + "." : "");
        return new Outcome(Optional.of(stacked("faults-by-reason", title, caption, data, "faults (count per run)")),
                "");
    }

    public static Outcome controlPlaneCost(ResultsDocument doc) {
        Map<String, List<String>> stats = Metrics.matching(doc, CP_COST);
        if (stats.isEmpty()) {
            return new Outcome(Optional.empty(), "Control-plane cost: the run has no cp.*.cpu-time statistics.");
        }
        return hostCpu(doc, stats, "control-plane-cost", "Where does the host CPU go? Control-plane cost by operation",
                "Host CPU time per control-plane operation kind (map, unmap, invalidate, ...),"
                + " stacked per variant, mean over replications.");
    }

    /** Host CPU time by category ({@code cp.cpu.*}); no chart and no note for a run without them. */
    public static Outcome hostCpuByCategory(ResultsDocument doc) {
        Map<String, List<String>> stats = Metrics.matching(doc, CP_CATEGORY);
        if (stats.isEmpty()) {
            return new Outcome(Optional.empty(), "");
        }
        return hostCpu(doc, stats, "host-cpu-by-category", "What does the host CPU pay for? Host CPU by category",
                "Host CPU time split by what it pays for: VM exits, exits to user space, syscalls, DMA-API calls,"
                + " IOVA allocation, page tables, pinning, shadow sync, invalidation descriptors and waits,"
                + " interrupts, driver work; stacked per variant, mean over replications.");
    }

    private static Outcome hostCpu(ResultsDocument doc, Map<String, List<String>> stats, String id, String title,
            String caption) {
        double max = 0;
        for (VariantResult v : doc.variants()) {
            double sum = 0;
            for (String stat : stats.keySet()) {
                double x = Metrics.mean(v, stat);
                sum += Double.isFinite(x) ? x : 0;
            }
            max = Math.max(max, sum);
        }
        if (max == 0) {
            return new Outcome(Optional.empty(), "Control-plane cost: no host CPU time was spent in any variant.");
        }
        String unit = Metrics.unit(doc, stats.keySet().iterator().next()).orElse("ps");
        DisplayUnit du = DisplayUnit.of(unit, max);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Map.Entry<String, List<String>> e : stats.entrySet()) {
            for (VariantResult v : doc.variants()) {
                double x = Metrics.mean(v, e.getKey());
                data.addValue(Double.isFinite(x) ? du.apply(x) : 0, e.getValue().get(0), v.name());
            }
        }
        dropZeroRows(data);
        return new Outcome(Optional.of(stacked(id, title, caption, data,
                "host CPU time (" + du.label() + ")")), "");
    }

    private static ChartSpec stacked(String id, String title, String caption, DefaultCategoryDataset data,
            String yLabel) {
        StackedBarRenderer r = new StackedBarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.12);
        for (int i = 0; i < data.getRowCount(); i++) {
            r.setSeriesPaint(i, ChartStyle.paint(i));
        }
        CategoryAxis x = new CategoryAxis("variant");
        x.setMaximumCategoryLabelLines(2);
        boolean rotated = data.getColumnCount() > 6;
        if (rotated) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        CategoryPlot plot = new CategoryPlot(data, x, new NumberAxis(yLabel), r);
        JFreeChart chart = ChartStyle.apply(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
        if (rotated) {
            roomForRotatedLabels(chart, x, data.getColumnKeys());
        }
        return new ChartSpec(id, title, caption, chart);
    }

    /**
     * Widens the chart's left padding so that no label rotated by 45 degrees runs off the image: each
     * ends near its category's tick and reaches {@code width * cos 45 + height * sin 45} to the left
     * of it, and a sweep's first labels ("caching-mode lineRateGbps=0.25") reach further than the
     * space before their ticks. The ticks are where a layout pass (the chart drawn once into a
     * one-pixel image at its full size) puts them; the padding moves them right, the first ones by
     * nearly all of it.
     */
    static void roomForRotatedLabels(JFreeChart chart, CategoryAxis x, List<?> labels) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = scratch.createGraphics();
        double need = 0;
        try {
            ChartRenderingInfo info = new ChartRenderingInfo();
            chart.draw(g2, new Rectangle2D.Double(0, 0, ChartStyle.WIDTH, ChartStyle.HEIGHT), info);
            Rectangle2D area = info.getPlotInfo().getDataArea();
            FontRenderContext frc = g2.getFontRenderContext();
            for (int i = 0; i < labels.size(); i++) {
                Rectangle2D text = x.getTickLabelFont().getStringBounds(labels.get(i).toString(), frc);
                double reach = (text.getWidth() + text.getHeight()) * Math.cos(Math.PI / 4);
                need = Math.max(need, reach - x.getCategoryMiddle(i, labels.size(), area, RectangleEdge.BOTTOM));
            }
        } finally {
            g2.dispose();
        }
        if (need > 0) {
            RectangleInsets p = chart.getPadding();
            chart.setPadding(new RectangleInsets(p.getTop(), p.getLeft() + Math.ceil(need) + LABEL_GAP_PX,
                    p.getBottom(), p.getRight()));
        }
    }

    /** Removes the series that are zero in every variant, so the legend lists only what is drawn. */
    static void dropZeroRows(DefaultCategoryDataset data) {
        for (int r = data.getRowCount() - 1; r >= 0; r--) {
            boolean zero = true;
            for (int c = 0; c < data.getColumnCount() && zero; c++) {
                Number n = data.getValue(r, c);
                zero = n == null || n.doubleValue() == 0;
            }
            if (zero) {
                data.removeRow(r);
            }
        }
    }
}

package org.iommusim.reports.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.Shape;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The one look every chart shares: the Okabe–Ito colour-blind-safe palette (blue, orange,
 * bluish green, vermillion, reddish purple, sky blue, yellow, black, in that order; beyond eight
 * variants, {@link #variantColours} groups them by variant with a sequential palette along the
 * sweep), readable log axes ({@link NiceLogAxis}), fonts sized for 1200×700 pixels, a white
 * background with light grid lines. Styles charts; does not choose what they show.
 */
public final class ChartStyle {
    public static final int WIDTH = 1200;
    public static final int HEIGHT = 700;

    /** Okabe & Ito (2008), "Color Universal Design", ordered for contrast on white. */
    public static final List<Color> PALETTE = List.of(new Color(0x0072B2), new Color(0xE69F00),
            new Color(0x009E73), new Color(0xD55E00), new Color(0xCC79A7), new Color(0x56B4E9),
            new Color(0xF0E442), new Color(0x000000));

    private static final String FONT = Font.SANS_SERIF;
    private static final Color GRID = new Color(0xD0D0D0);

    static {
        // Rotated tick labels (a breakdown's categories at 45 degrees) drawn by drawString under a
        // rotation. JFreeChart's default works around a JDK 1.4 bug by drawing them through a
        // TextLayout, which JFreeSVG can only write as glyph outlines: a ~30 KB <path> per label
        // (breakdown SVGs of ~380 KB), text a reader could not search or select.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private ChartStyle() {
    }

    public static Paint paint(int series) {
        return PALETTE.get(Math.floorMod(series, PALETTE.size()));
    }

    /** A solid line for the first eight series, dashed after. */
    public static Stroke stroke(int series) {
        if (series < PALETTE.size()) {
            return new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        }
        return new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {9f, 5f}, 0f);
    }

    public static Shape shape(int series) {
        return series % 2 == 0 ? new Ellipse2D.Double(-4.5, -4.5, 9, 9) : new Rectangle2D.Double(-4, -4, 8, 8);
    }

    /**
     * A log axis labelled at readable values ({@link NiceLogAxis}: 1-2-5 steps, or decades over a
     * wide span), or at {@code ticks} when given (a sweep's own values).
     */
    public static LogAxis logAxis(String label, double lo, double hi) {
        return new NiceLogAxis(label, lo, hi, null);
    }

    /** A log axis labelled exactly at {@code ticks} (for example the swept values). */
    public static LogAxis logAxis(String label, double lo, double hi, double[] ticks) {
        return new NiceLogAxis(label, lo, hi, ticks);
    }

    /**
     * One colour per variant that stays readable beyond eight: variants are grouped by their
     * name without the sweep point ({@code hardware span=4MiB} belongs to {@code hardware}); with
     * several groups each group takes a palette hue and its points shades of it from light to
     * dark (a sequential palette along the sweep); with one group (a plain sweep) the points
     * take the shades of the first hue when there are more than eight, else the palette in order.
     */
    public static List<Color> variantColours(List<String> names) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            groups.computeIfAbsent(baseName(names.get(i)), g -> new ArrayList<>()).add(i);
        }
        Color[] out = new Color[names.size()];
        boolean plain = groups.size() == names.size() || groups.size() == 1 && names.size() <= PALETTE.size();
        if (plain) {
            for (int i = 0; i < out.length; i++) {
                out[i] = PALETTE.get(i % PALETTE.size());
            }
            return List.of(out);
        }
        int g = 0;
        for (List<Integer> members : groups.values()) {
            Color hue = PALETTE.get(g++ % PALETTE.size());
            for (int k = 0; k < members.size(); k++) {
                double light = members.size() == 1 ? 0 : 0.5 * (members.size() - 1 - k) / (members.size() - 1);
                out[members.get(k)] = mix(hue, Color.WHITE, light);
            }
        }
        return List.of(out);
    }

    /** A variant's name without its sweep point's {@code key=value} words. */
    public static String baseName(String name) {
        List<String> words = new ArrayList<>(List.of(name.split(" ")));
        words.removeIf(w -> w.contains("="));
        return String.join(" ", words);
    }

    private static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() * (1 - t) + b.getRed() * t),
                (int) Math.round(a.getGreen() * (1 - t) + b.getGreen() * t),
                (int) Math.round(a.getBlue() * (1 - t) + b.getBlue() * t));
    }

    /** Applies fonts, background, grid and legend placement to a built chart. */
    public static JFreeChart apply(JFreeChart chart) {
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setFont(new Font(FONT, Font.BOLD, 22));
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(new Font(FONT, Font.PLAIN, 15));
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(GRID);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
            for (int i = 0; i < xy.getDomainAxisCount(); i++) {
                axis(xy.getDomainAxis(i));
            }
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                axis(xy.getRangeAxis(i));
            }
        } else if (plot instanceof CategoryPlot cat) {
            cat.setRangeGridlinePaint(GRID);
            for (int i = 0; i < cat.getDomainAxisCount(); i++) {
                axis(cat.getDomainAxis(i));
            }
            for (int i = 0; i < cat.getRangeAxisCount(); i++) {
                axis(cat.getRangeAxis(i));
            }
        }
        return chart;
    }

    private static void axis(Axis axis) {
        if (axis != null) {
            axis.setLabelFont(new Font(FONT, Font.PLAIN, 16));
            axis.setTickLabelFont(new Font(FONT, Font.PLAIN, 14));
        }
    }
}

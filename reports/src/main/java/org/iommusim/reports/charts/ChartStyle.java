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
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The one look every chart shares: the Okabe–Ito colour-blind-safe palette (blue, orange,
 * bluish green, vermillion, reddish purple, sky blue, yellow, black, in that order; series
 * beyond eight repeat the colours with dashed lines), fonts sized for 1200×700 pixels, a white
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
     * A log axis with one labelled tick per decade (1, 10, 100 …) and minor ticks between when
     * the values span at least a decade; JFreeChart's automatic ticks otherwise.
     */
    public static LogAxis logAxis(String label, double lo, double hi) {
        LogAxis axis = new LogAxis(label);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.####"));
        axis.setSmallestValue(Math.max(Double.MIN_NORMAL, lo / 10));
        if (lo > 0 && hi / lo >= 10) {
            axis.setTickUnit(new NumberTickUnit(1.0), false, false);
            axis.setAutoTickUnitSelection(false, false);
            axis.setMinorTickMarksVisible(true);
            axis.setMinorTickCount(9);
        }
        return axis;
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

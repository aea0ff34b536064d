package org.iommusim.reports.charts;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A log axis whose labels are readable numbers: at given values (a sweep's own points) or at the
 * coarsest of 1-10-100, 1-2-5, 1-2-3-5-7 and 1…9 steps per decade that puts 3 to 10 labels in
 * the visible range (every other decade when even decades are too many; evenly spaced 1-2-5
 * steps such as 300, 320, 340 when the range is too narrow for any of them), formatted without
 * exponent or spurious digits ({@code 2}, {@code 0.5}, {@code 1,000}) — never {@code 316.2278}.
 * The range is padded to the data by a tenth of a step so end labels do not sit on the corner.
 */
public final class NiceLogAxis extends LogAxis {
    private static final long serialVersionUID = 1L;
    private static final double[][] STEPS = {{1}, {1, 2, 5}, {1, 2, 3, 5, 7}, {1, 2, 3, 4, 5, 6, 7, 8, 9}};
    private static final int MIN_TICKS = 3;
    private static final int MAX_TICKS = 10;

    private final double[] fixed;

    NiceLogAxis(String label, double lo, double hi, double[] ticks) {
        super(label);
        this.fixed = ticks == null ? null : ticks.clone();
        setNumberFormatOverride(format());
        double low = lo > 0 ? lo : Math.max(Double.MIN_NORMAL, hi / 10);
        double high = Math.max(hi, low * 1.0001);
        setSmallestValue(Math.max(Double.MIN_NORMAL, low / 10));
        double pad = Math.pow(high / low, 0.06);
        setAutoRange(false);
        setRange(low / pad, high * pad);
    }

    /** The values labelled within [lo, hi]. */
    static List<Double> ticks(double lo, double hi, double[] fixed) {
        List<Double> out = new ArrayList<>();
        if (fixed != null) {
            for (double t : fixed) {
                if (t >= lo && t <= hi) {
                    out.add(t);
                }
            }
            return out;
        }
        int first = (int) Math.floor(Math.log10(lo));
        int last = (int) Math.ceil(Math.log10(hi));
        for (double[] steps : STEPS) {
            List<Double> candidate = new ArrayList<>();
            for (int k = first; k <= last; k++) {
                for (double m : steps) {
                    double v = Double.parseDouble(String.format(Locale.ROOT, "%.12g", m * Math.pow(10, k)));
                    if (v >= lo && v <= hi) {
                        candidate.add(v);
                    }
                }
            }
            if (candidate.size() > MAX_TICKS) {
                // finer steps only add labels: thin this set (every other decade, ...) or keep the coarser one
                if (!out.isEmpty()) {
                    return out;
                }
                int every = (candidate.size() + MAX_TICKS - 1) / MAX_TICKS;
                List<Double> thinned = new ArrayList<>();
                for (int i = 0; i < candidate.size(); i += every) {
                    thinned.add(candidate.get(i));
                }
                return thinned;
            }
            out = candidate;
            if (candidate.size() >= MIN_TICKS) {
                return candidate;
            }
        }
        return linear(lo, hi);
    }

    /** Under a decade with too few 1-…-9 values: evenly spaced 1-2-5 steps ({@code 300, 320, 340}). */
    private static List<Double> linear(double lo, double hi) {
        double mag = Math.pow(10, Math.floor(Math.log10(hi - lo)));
        List<Double> out = List.of();
        // the widest 1-2-5 step that still gives MIN_TICKS labels
        for (double step : new double[] {5 * mag, 2 * mag, mag, mag / 2, mag / 5, mag / 10}) {
            out = new ArrayList<>();
            for (double v = Math.ceil(lo / step) * step; v <= hi * (1 + 1e-12); v += step) {
                out.add(Double.parseDouble(String.format(Locale.ROOT, "%.12g", v)));
            }
            if (out.size() >= MIN_TICKS) {
                return out;
            }
        }
        return out;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        boolean vertical = RectangleEdge.isLeftOrRight(edge);
        TextAnchor anchor = vertical ? TextAnchor.CENTER_RIGHT : TextAnchor.TOP_CENTER;
        List<NumberTick> ticks = new ArrayList<>();
        DecimalFormat f = format();
        for (double v : ticks(getLowerBound(), getUpperBound(), fixed)) {
            ticks.add(new NumberTick(TickType.MAJOR, v, f.format(v), anchor, anchor, 0.0));
        }
        return ticks;
    }

    private static DecimalFormat format() {
        return new DecimalFormat("#,##0.#########", DecimalFormatSymbols.getInstance(Locale.ROOT));
    }
}

package org.iommusim.reports.charts;

import org.iommusim.core.results.DisplayUnit;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.StatValue;
import org.iommusim.core.results.VariantResult;
import org.iommusim.reports.io.MergedHistograms;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Latency distributions as CDFs, one series per variant: from the variant's merged histogram
 * (all replications' recorded values, {@link MergedHistograms}) when the results folder has it,
 * else from the statistic's percentile fields ({@code min} = 0, {@code p1} ... {@code p9999};
 * {@code max} is left out) averaged over the variant's replications. Time is on a log axis; the cumulative
 * fraction is on a "nines" axis, y = −log10(1 − F), so p90, p99 and p99.9 sit one unit apart
 * and the tail is readable; p50, p99 and p99.9 are marked. Each variant's line is one path
 * (a single {@code <path>} in the SVG); a merged histogram's step CDF keeps only the points its
 * drawing needs ({@link LineThinning}: the line moves by under a tenth of a pixel). More than
 * {@link SmallMultiples#MAX_LINES} variants are drawn as small multiples. Draws only what the percentiles
 * give: no raw samples, no interpolation beyond straight segments.
 */
public final class LatencyCharts {
    public static final String TRANSLATION = "run.translation-latency";
    private static final Pattern DMA_DEVICE = Pattern.compile("dev\\.(.+)\\.dma-latency");
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d+)");
    /** The nines axis stops at 99.99 % (as the p9999 field): beyond, a handful of samples would set the scale. */
    private static final double MAX_FRACTION = 0.9999;

    private LatencyCharts() {
    }

    /** The fraction a histogram field stands for: {@code p50} → 0.5, {@code p999} → 0.999, {@code min} → 0. */
    public static OptionalDouble fraction(String field) {
        if ("min".equals(field)) {
            return OptionalDouble.of(0);
        }
        var m = PERCENTILE.matcher(field);
        if (!m.matches()) {
            return OptionalDouble.empty();
        }
        String d = m.group(1);
        double pct = d.length() > 2 && d.startsWith("99") ? Double.parseDouble("99." + d.substring(2))
                : Double.parseDouble(d);
        return pct < 100 ? OptionalDouble.of(pct / 100) : OptionalDouble.empty();
    }

    /** The nines-axis position of a cumulative fraction below 1. */
    public static double nines(double fraction) {
        return -Math.log10(1 - fraction);
    }

    /** The translation-latency CDF of every variant, or empty when the run has none. */
    public static Optional<ChartSpec> translationCdf(ResultsDocument doc) {
        return translationCdf(doc, MergedHistograms.NONE);
    }

    /** As {@link #translationCdf(ResultsDocument)}, from the merged histograms where saved. */
    public static Optional<ChartSpec> translationCdf(ResultsDocument doc, MergedHistograms histograms) {
        return cdf(doc, TRANSLATION, "translation-latency-cdf",
                "How long does a page translation take? Translation latency CDF",
                "Distribution of every page translation's latency (all devices)", histograms);
    }

    /** One DMA-latency CDF per device ({@code dev.<device>.dma-latency}), variants as series. */
    public static List<ChartSpec> dmaLatencyPerDevice(ResultsDocument doc) {
        List<ChartSpec> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : Metrics.matching(doc, DMA_DEVICE).entrySet()) {
            deviceCdf(doc, e.getValue().get(0), e.getKey(), MergedHistograms.NONE).ifPresent(out::add);
        }
        return out;
    }

    /** The DMA-latency CDF of one device, variants as series. */
    static Optional<ChartSpec> deviceCdf(ResultsDocument doc, String device, String stat, MergedHistograms histograms) {
        return cdf(doc, stat, "dma-latency-" + ChartSpec.safeId(device),
                "How long do " + device + "'s DMAs take? DMA latency CDF",
                "Latency of each DMA of device " + device + " from issue to completion, per variant", histograms);
    }

    /** A CDF of any histogram statistic from its stats.json percentiles, or empty when none has any. */
    public static Optional<ChartSpec> cdf(ResultsDocument doc, String stat, String id, String title, String caption) {
        return cdf(doc, stat, id, title, caption, MergedHistograms.NONE);
    }

    /**
     * A CDF of any histogram statistic, one series per variant: from the variant's merged
     * histogram (every recorded value of every replication) when the folder has it, else from the
     * percentiles in stats.json averaged over replications. Empty when no variant has data.
     */
    static Optional<ChartSpec> cdf(ResultsDocument doc, String stat, String id, String title, String what,
            MergedHistograms histograms) {
        Optional<StatValue> sample = Metrics.any(doc, stat);
        if (sample.isEmpty()) {
            return Optional.empty();
        }
        String unit = sample.get().unit();
        List<Line> lines = new ArrayList<>();
        boolean merged = false;
        for (int vi = 0; vi < doc.variants().size(); vi++) {
            VariantResult v = doc.variants().get(vi);
            Optional<AbstractHistogram> h = histograms.of(vi, stat);
            Line line = h.isPresent() ? stepCdf(v.name(), vi, h.get()) : percentiles(v, vi, stat, sample.get());
            merged |= h.isPresent();
            if (line.xs().length > 0) {
                lines.add(line);
            }
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String caption = what + (merged ? ": the merged histogram of all replications (every recorded value);"
                : ": percentiles averaged over replications;") + " markers at p50, p99 and p99.9.";
        double min = lines.stream().flatMapToDouble(l -> Arrays.stream(l.xs())).min().orElseThrow();
        double max = lines.stream().flatMapToDouble(l -> Arrays.stream(l.xs())).max().orElseThrow();
        double top = Math.max(3.3, lines.stream().flatMapToDouble(l -> Arrays.stream(l.ys())).max()
                .orElseThrow() + 0.3);
        DisplayUnit du = DisplayUnit.of(unit, max);
        XYSeriesCollection data = new XYSeriesCollection();
        for (Line l : lines) {
            XYSeries scaled = new XYSeries(l.name(), true, true);
            int[] kept = l.thin() && max > min
                    ? LineThinning.keep(l.xs(), l.ys(), x -> Math.log(x / min) / Math.log(max / min), y -> y / top)
                    : IntStream.range(0, l.xs().length).toArray();
            for (int i : kept) {
                scaled.add(du.apply(l.xs()[i]), l.ys()[i]);
            }
            data.addSeries(scaled);
        }
        LogAxis x = ChartStyle.logAxis("latency (" + du.label() + ", log scale)",
                data.getDomainLowerBound(false), du.apply(max));
        NumberAxis y = new NumberAxis("cumulative fraction (percentile, nines scale)");
        y.setTickUnit(new NumberTickUnit(1, new NinesFormat()));
        y.setRange(0, top);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, !merged);
        // each variant's line as one stroked path, not a stroke per segment: a merged histogram's
        // step CDF has thousands of points (an SVG <line> each, the anti-aliased edges of
        // overlapping segment ends darkening), and the one path is drawn in a fraction of the time
        r.setDrawSeriesLineAsPath(true);
        List<java.awt.Color> palette = ChartStyle.variantColours(
                doc.variants().stream().map(VariantResult::name).toList());
        for (int i = 0; i < data.getSeriesCount(); i++) {
            int colour = lines.get(i).variant();
            r.setSeriesPaint(i, palette.get(colour));
            r.setSeriesStroke(i, ChartStyle.stroke(colour));
            r.setSeriesShape(i, ChartStyle.shape(colour));
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        for (double[] mark : new double[][] {{0.5, 50}, {0.99, 99}, {0.999, 99.9}}) {
            ValueMarker m = new ValueMarker(nines(mark[0]), Color.GRAY,
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
            m.setLabel("p" + new DecimalFormat("0.#").format(mark[1]));
            m.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(m);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        JFreeChart drawn = SmallMultiples.of(ChartStyle.apply(chart));
        return Optional.of(new ChartSpec(id, title, drawn == chart ? caption : caption + SmallMultiples.CAPTION,
                drawn));
    }

    /** One variant's CDF points in the statistic's unit; {@code thin} when drawn as a line only. */
    record Line(String name, int variant, double[] xs, double[] ys, boolean thin) {
    }

    /**
     * A step CDF from a merged histogram: at each recorded value the fraction jumps from the
     * values below to those up to it (two points per value, ascending).
     */
    static Line stepCdf(String name, int variant, AbstractHistogram h) {
        long total = h.getTotalCount();
        long seen = 0;
        double[] xs = new double[64];
        double[] ys = new double[64];
        int n = 0;
        for (HistogramIterationValue p : h.recordedValues()) {
            double x = h.highestEquivalentValue(p.getValueIteratedTo());
            double below = nines(Math.min(seen / (double) total, MAX_FRACTION));
            seen += p.getCountAtValueIteratedTo();
            if (x > 0) {
                if (n + 2 > xs.length) {
                    xs = Arrays.copyOf(xs, 2 * xs.length);
                    ys = Arrays.copyOf(ys, 2 * ys.length);
                }
                xs[n] = x;
                ys[n++] = below;
                xs[n] = x;
                ys[n++] = nines(Math.min(seen / (double) total, MAX_FRACTION));
            }
        }
        return new Line(name, variant, Arrays.copyOf(xs, n), Arrays.copyOf(ys, n), true);
    }

    /** A CDF through the statistic's percentile fields averaged over the variant's replications, by latency. */
    private static Line percentiles(VariantResult v, int variant, String stat, StatValue sample) {
        XYSeries s = new XYSeries(v.name(), true, true);
        for (String field : sample.fields().keySet()) {
            OptionalDouble f = fraction(field);
            double x = Metrics.mean(v, stat, field);
            if (f.isPresent() && Double.isFinite(x) && x > 0) {
                s.add(x, nines(f.getAsDouble()));
            }
        }
        double[] xs = new double[s.getItemCount()];
        double[] ys = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = s.getX(i).doubleValue();
            ys[i] = s.getY(i).doubleValue();
        }
        return new Line(v.name(), variant, xs, ys, false);
    }

    /** Tick labels of the nines axis: 0 → "0%", 1 → "90%", 2 → "99%", 3 → "99.9%". */
    static final class NinesFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double y, StringBuffer to, FieldPosition pos) {
            double pct = 100 * (1 - Math.pow(10, -y));
            return to.append(new DecimalFormat("0.####").format(Math.max(0, pct))).append('%');
        }

        @Override
        public StringBuffer format(long y, StringBuffer to, FieldPosition pos) {
            return format((double) y, to, pos);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            return null;
        }
    }
}

package org.iommusim.reports.charts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.iommusim.core.results.DisplayUnit;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.VariantResult;
import org.iommusim.reports.io.MergedHistograms;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Per-device DMA latency charts that stay readable at any device count: up to
 * {@link #MAX_DEVICE_CHARTS} devices get one CDF each, drawn as small multiples (a panel per
 * device on shared axes); beyond that, one chart of the spread across devices (for each variant,
 * the fraction of devices whose p50 and p99 DMA latency is at most x) and the CDFs of the
 * {@link #TOP_DEVICES} devices with the highest p99 in any variant, again a panel each.
 * Every device's figures stay in stats.json, stats.csv and stats.txt.
 */
public final class DeviceCharts {
    /** Devices up to this count are each drawn; more get the summary and the top few. */
    public static final int MAX_DEVICE_CHARTS = 8;
    /** How many of the slowest devices are drawn when there are too many to draw each. */
    public static final int TOP_DEVICES = 3;
    static final Pattern DMA_DEVICE = Pattern.compile("dev\\.(.+)\\.dma-latency");

    private DeviceCharts() {
    }

    /** Charts and, when devices were folded, a note saying so. */
    public record Outcome(List<ChartSpec> charts, Optional<String> note) {
    }

    /** Device name → its DMA-latency statistic, in name order. */
    public static Map<String, String> devices(ResultsDocument doc) {
        Map<String, String> out = new LinkedHashMap<>();
        Metrics.matching(doc, DMA_DEVICE).forEach((stat, groups) -> out.put(groups.get(0), stat));
        return out;
    }

    /** The {@code n} devices with the highest mean p99 DMA latency in any variant, slowest first. */
    public static List<String> slowest(ResultsDocument doc, int n) {
        Map<String, Double> worst = new LinkedHashMap<>();
        devices(doc).forEach((d, stat) -> worst.put(d, worstP99(doc, stat)));
        return worst.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -e.getValue())
                        .thenComparing(Map.Entry::getKey))
                .limit(n).map(Map.Entry::getKey).toList();
    }

    public static Outcome dmaLatency(ResultsDocument doc) {
        return dmaLatency(doc, MergedHistograms.NONE);
    }

    public static Outcome dmaLatency(ResultsDocument doc, MergedHistograms histograms) {
        Map<String, String> devices = devices(doc);
        List<ChartSpec> out = new ArrayList<>();
        if (devices.size() <= MAX_DEVICE_CHARTS) {
            out.addAll(grid(doc, devices.keySet(), devices, histograms, "dma-latency-per-device",
                    "How long do each device's DMAs take? DMA latency CDF per device"));
            return new Outcome(out, Optional.empty());
        }
        spread(doc, devices).ifPresent(out::add);
        List<String> top = slowest(doc, TOP_DEVICES);
        out.addAll(grid(doc, top, devices, histograms, "dma-latency-slowest-devices",
                "How long do the slowest devices' DMAs take? DMA latency CDF of the " + top.size() + " slowest"));
        return new Outcome(out, Optional.of("DMA latency per device: " + String.format("%,d", devices.size())
                + " devices are too many for a chart each (at most " + MAX_DEVICE_CHARTS + "); drawn: the spread"
                + " across devices and the " + top.size() + " with the highest p99 (" + String.join(", ", top)
                + "). Every device's figures are in stats.csv and stats.txt."));
    }

    /**
     * The DMA-latency CDFs of {@code shown} devices: one small-multiples chart with a panel per
     * device (variants as lines, axes shared) when there are several and few variants, else a
     * chart per device (each of which draws its many variants as small multiples itself).
     */
    private static List<ChartSpec> grid(ResultsDocument doc, java.util.Collection<String> shown,
            Map<String, String> devices, MergedHistograms histograms, String id, String title) {
        List<ChartSpec> each = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String d : shown) {
            LatencyCharts.deviceCdf(doc, d, devices.get(d), histograms).ifPresent(c -> {
                each.add(c);
                names.add(d);
            });
        }
        boolean single = each.stream().allMatch(c -> !(c.chart().getPlot()
                instanceof org.jfree.chart.plot.CombinedDomainXYPlot));
        // shared axes need one display unit: devices whose latencies scale to ns and to µs stay apart
        boolean oneUnit = single && each.stream().map(c -> c.chart().getXYPlot().getDomainAxis().getLabel())
                .distinct().count() == 1;
        if (each.size() < 2 || !oneUnit) {
            return each;
        }
        JFreeChart chart = SmallMultiples.ofCharts(title, names, each.stream().map(ChartSpec::chart).toList());
        String caption = "Latency of each DMA from issue to completion, one panel per device ("
                + String.join(", ", names) + "), variants as lines, all panels on the same axes;"
                + each.get(0).caption().substring(each.get(0).caption().indexOf(':') + 1);
        return List.of(new ChartSpec(id, title, caption, chart));
    }

    private static double worstP99(ResultsDocument doc, String stat) {
        double worst = Double.NEGATIVE_INFINITY;
        for (VariantResult v : doc.variants()) {
            double p = Metrics.mean(v, stat, "p99");
            if (Double.isFinite(p)) {
                worst = Math.max(worst, p);
            }
        }
        return worst;
    }

    /** For each variant the empirical CDF, across devices, of the devices' p50 and p99 DMA latency. */
    private static Optional<ChartSpec> spread(ResultsDocument doc, Map<String, String> devices) {
        String unit = Metrics.unit(doc, devices.values().iterator().next()).orElse("ps");
        List<double[]> columns = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> colours = new ArrayList<>();
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int vi = 0; vi < doc.variants().size(); vi++) {
            VariantResult v = doc.variants().get(vi);
            for (String field : List.of("p50", "p99")) {
                double[] xs = devices.values().stream().mapToDouble(s -> Metrics.mean(v, s, field))
                        .filter(x -> Double.isFinite(x) && x > 0).sorted().toArray();
                if (xs.length == 0) {
                    continue;
                }
                columns.add(xs);
                names.add(v.name() + " " + field);
                colours.add(vi);
                max = Math.max(max, xs[xs.length - 1]);
                min = Math.min(min, xs[0]);
            }
        }
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        DisplayUnit du = DisplayUnit.of(unit, max);
        XYSeriesCollection data = new XYSeriesCollection();
        for (int i = 0; i < columns.size(); i++) {
            double[] xs = columns.get(i);
            XYSeries s = new XYSeries(names.get(i), true, false);
            for (int k = 0; k < xs.length; k++) {
                s.addOrUpdate(du.apply(xs[k]), (k + 1) / (double) xs.length);
            }
            data.addSeries(s);
        }
        LogAxis x = ChartStyle.logAxis("per-device DMA latency (" + du.label() + ", log scale)", du.apply(min),
                du.apply(max));
        NumberAxis y = new NumberAxis("fraction of devices");
        y.setRange(0, 1.02);
        y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.1));
        XYStepRenderer r = new XYStepRenderer();
        for (int i = 0; i < columns.size(); i++) {
            boolean p99 = names.get(i).endsWith("p99");
            r.setSeriesPaint(i, ChartStyle.paint(colours.get(i)));
            r.setSeriesStroke(i, p99 ? ChartStyle.stroke(0) : ChartStyle.stroke(ChartStyle.PALETTE.size()));
        }
        String title = "How do " + String.format("%,d", devices.size()) + " devices' DMA latencies spread?";
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, new XYPlot(data, x, y, r), true);
        String caption = "For each variant, the fraction of devices whose median (p50, dashed) and p99 (solid) DMA"
                + " latency is at most x; per-device percentiles averaged over replications.";
        return Optional.of(new ChartSpec("dma-latency-across-devices", title, caption, ChartStyle.apply(chart)));
    }

    /**
     * The devices whose per-device statistics the report's tables list: all of them up to
     * {@link #MAX_DEVICE_CHARTS}, else the {@link #TOP_DEVICES} slowest.
     */
    public static List<String> tabulated(ResultsDocument doc) {
        Map<String, String> devices = devices(doc);
        return devices.size() <= MAX_DEVICE_CHARTS ? List.copyOf(devices.keySet()) : slowest(doc, TOP_DEVICES);
    }
}

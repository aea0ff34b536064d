package org.iommusim.reports.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.VariantResult;
import org.iommusim.reports.SyntheticResults;
import org.iommusim.reports.io.MergedHistograms;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

class LatencyChartsTest {
    @Test
    void fraction_percentileFieldNames_mapToCumulativeFractions() {
        assertThat(LatencyCharts.fraction("p1").getAsDouble()).isEqualTo(0.01);
        assertThat(LatencyCharts.fraction("p50").getAsDouble()).isEqualTo(0.5);
        assertThat(LatencyCharts.fraction("p999").getAsDouble()).isCloseTo(0.999, within(1e-12));
        assertThat(LatencyCharts.fraction("p9999").getAsDouble()).isCloseTo(0.9999, within(1e-12));
        assertThat(LatencyCharts.fraction("min").getAsDouble()).isZero();
        assertThat(LatencyCharts.fraction("max")).isEmpty();
        assertThat(LatencyCharts.fraction("mean")).isEmpty();
        assertThat(LatencyCharts.fraction("count")).isEmpty();
    }

    @Test
    void translationCdf_twoVariants_oneSeriesPerVariantAtMeanPercentiles() {
        ChartSpec spec = LatencyCharts.translationCdf(SyntheticResults.compare()).orElseThrow();
        XYPlot plot = spec.chart().getXYPlot();
        XYDataset data = plot.getDataset();
        assertThat(data.getSeriesCount()).isEqualTo(2);
        assertThat(data.getSeriesKey(0)).isEqualTo("hardware");
        assertThat(data.getSeriesKey(1)).isEqualTo("software");
        // min + 11 percentiles; max has no finite place on the nines axis
        assertThat(data.getItemCount(0)).isEqualTo(12);
        assertThat(plot.getDomainAxis().getLabel()).contains("µs").contains("log");
        // p99 of hardware: 1.5 µs × mean(1.00, 1.01, 1.02) over the three replications
        assertThat(xAt(data, 0, LatencyCharts.nines(0.99))).isCloseTo(1.515, within(1e-9));
        assertThat(xAt(data, 1, LatencyCharts.nines(0.99))).isCloseTo(1.515 * 2.5, within(1e-9));
        assertThat(plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND)).hasSize(3);
    }

    @Test
    void dmaLatencyPerDevice_twoDevices_oneChartEachWithVariantsAsSeries() {
        List<ChartSpec> charts = LatencyCharts.dmaLatencyPerDevice(SyntheticResults.compare());
        assertThat(charts).extracting(ChartSpec::id).containsExactly("dma-latency-nic0", "dma-latency-nvme0");
        XYDataset nvme = charts.get(1).chart().getXYPlot().getDataset();
        assertThat(nvme.getSeriesCount()).isEqualTo(2);
        // nvme0's percentiles are 20× the translation ones: p50 = 120 ns × 20 × 1.01 = 2.424 µs
        assertThat(xAt(nvme, 0, LatencyCharts.nines(0.5))).isCloseTo(2.424, within(1e-9));
    }

    @Test
    void translationCdf_statisticAbsent_noChart() {
        ResultsDocument doc = ResultsDocument.of("empty", 1,
                List.of(new VariantResult("a", Map.of(), Map.of(), List.of())));
        assertThat(LatencyCharts.translationCdf(doc)).isEmpty();
        assertThat(LatencyCharts.dmaLatencyPerDevice(doc)).isEmpty();
    }

    @Test
    void translationCdf_mergedHistograms_eachVariantIsOnePathInTheSvg() {
        ChartSpec spec = LatencyCharts.translationCdf(SyntheticResults.compare(), wideHistograms()).orElseThrow();
        assertThat(spec.chart().getXYPlot().getDataset().getItemCount(0)).as("a step CDF of many values, thinned")
                .isGreaterThan(100);
        String svg = new ChartWriter(ChartFiles.SVG).svgElement(spec);
        for (String colour : List.of("stroke:rgb(0,114,178)", "stroke:rgb(230,159,0)")) {
            // the legend's line and the variant's path; drawn segment by segment, one per point
            assertThat(svg.split(java.util.regex.Pattern.quote(colour), -1).length - 1).as(colour).isEqualTo(2);
        }
        assertThat(svg.split("<line ", -1).length - 1).as("axis and grid lines only").isLessThan(100);
    }

    @Test
    void translationCdf_mergedHistograms_samePixelsAsSegmentBySegmentUpToTheAntiAliasedEdges() {
        ChartSpec spec = LatencyCharts.translationCdf(SyntheticResults.compare(), wideHistograms()).orElseThrow();
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) spec.chart().getXYPlot().getRenderer();
        BufferedImage path = spec.chart().createBufferedImage(ChartStyle.WIDTH, ChartStyle.HEIGHT, null);
        r.setDrawSeriesLineAsPath(false);
        BufferedImage segments = spec.chart().createBufferedImage(ChartStyle.WIDTH, ChartStyle.HEIGHT, null);
        int differing = 0;
        for (int y = 0; y < path.getHeight(); y++) {
            for (int x = 0; x < path.getWidth(); x++) {
                if (path.getRGB(x, y) != segments.getRGB(x, y)) {
                    differing++;
                    // only where a line passes: a pixel inked in both drawings is at most 2 px away
                    assertThat(inkedNear(path, segments, x, y, 2)).as("pixel %d,%d", x, y).isTrue();
                }
            }
        }
        assertThat(differing).as("differing pixels").isPositive()
                .isLessThan(path.getWidth() * path.getHeight() / 100);
    }

    @Test
    void translationCdf_mergedHistograms_thinnedLineDrawsTheFullLinesPixelsUpToAntiAliasing() {
        MergedHistograms histograms = wideHistograms();
        ChartSpec spec = LatencyCharts.translationCdf(SyntheticResults.compare(), histograms).orElseThrow();
        XYPlot plot = spec.chart().getXYPlot();
        XYSeriesCollection thinned = (XYSeriesCollection) plot.getDataset();
        XYSeriesCollection full = new XYSeriesCollection();
        for (int v = 0; v < thinned.getSeriesCount(); v++) {
            LatencyCharts.Line line = LatencyCharts.stepCdf("full", v,
                    histograms.of(v, LatencyCharts.TRANSLATION).orElseThrow());
            double unit = thinned.getXValue(v, 0) / line.xs()[0]; // the display unit's factor
            XYSeries s = new XYSeries(thinned.getSeriesKey(v), false, true);
            for (int i = 0; i < line.xs().length; i++) {
                s.add(line.xs()[i] * unit, line.ys()[i]);
            }
            assertThat(thinned.getItemCount(v)).as("kept of %d", s.getItemCount()).isLessThan(s.getItemCount() / 5);
            full.addSeries(s);
        }
        BufferedImage drawn = spec.chart().createBufferedImage(ChartStyle.WIDTH, ChartStyle.HEIGHT, null);
        plot.setDataset(full);
        BufferedImage reference = spec.chart().createBufferedImage(ChartStyle.WIDTH, ChartStyle.HEIGHT, null);
        int differing = 0;
        for (int y = 0; y < drawn.getHeight(); y++) {
            for (int x = 0; x < drawn.getWidth(); x++) {
                int a = drawn.getRGB(x, y);
                int b = reference.getRGB(x, y);
                if (a != b) {
                    differing++;
                    // a line moved by under a tenth of a pixel: an edge pixel's coverage, not a new pixel inked
                    assertThat(channelDifference(a, b)).as("pixel %d,%d", x, y).isLessThanOrEqualTo(48);
                    assertThat(inkedNear(drawn, reference, x, y, 1)).as("pixel %d,%d", x, y).isTrue();
                }
            }
        }
        // measured: 3,151 of 840,000 pixels differ (0.38 %), by at most 32 in a channel
        assertThat(differing).as("differing pixels").isLessThan(drawn.getWidth() * drawn.getHeight() / 200);
    }

    private static int channelDifference(int a, int b) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)));
        }
        return d;
    }

    /** Two variants' merged translation-latency histograms of many distinct values. */
    private static MergedHistograms wideHistograms() {
        Random random = new Random(11);
        List<String> logs = new ArrayList<>();
        for (double scale : new double[] {1, 2.5}) {
            Histogram h = new Histogram(3);
            for (int i = 0; i < 200_000; i++) {
                h.recordValue((long) (scale * 100_000 * Math.exp(random.nextGaussian())));
            }
            h.setTag(LatencyCharts.TRANSLATION);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8)) {
                new HistogramLogWriter(out).outputIntervalHistogram(0, 0, h, 1.0);
            }
            logs.add(bytes.toString(StandardCharsets.UTF_8));
        }
        return MergedHistograms.of(logs);
    }

    private static boolean inkedNear(BufferedImage a, BufferedImage b, int x, int y, int d) {
        for (int v = Math.max(0, y - d); v <= Math.min(a.getHeight() - 1, y + d); v++) {
            for (int u = Math.max(0, x - d); u <= Math.min(a.getWidth() - 1, x + d); u++) {
                if (inked(a.getRGB(u, v)) && inked(b.getRGB(u, v))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Darker than the light grey of the grid lines. */
    private static boolean inked(int rgb) {
        return ((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF) < 3 * 0xC0;
    }

    private static double xAt(XYDataset data, int series, double y) {
        for (int i = 0; i < data.getItemCount(series); i++) {
            if (Math.abs(data.getYValue(series, i) - y) < 1e-9) {
                return data.getXValue(series, i);
            }
        }
        throw new AssertionError("no point at y=" + y + " in series " + data.getSeriesKey(series));
    }
}

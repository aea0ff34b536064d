package org.iommusim.reports.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iommusim.core.experiment.Summaries;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.StatValue;
import org.iommusim.core.results.VariantResult;
import org.iommusim.reports.SyntheticResults;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

class SeriesAndBreakdownChartsTest {
    @Test
    void series_hitRatioAndWalkRate_replicationZeroOfEachVariant() {
        ResultsDocument doc = SyntheticResults.compare();
        List<ChartSpec> charts = SeriesCharts.all(doc);
        assertThat(charts).extracting(ChartSpec::id).containsExactly("iotlb-hit-ratio-over-time",
                "walk-rate-over-time");
        XYDataset walks = charts.get(1).chart().getXYPlot().getDataset();
        assertThat(walks.getSeriesCount()).isEqualTo(2);
        assertThat(walks.getItemCount(1)).isEqualTo(20);
        StatValue rep0 = doc.variant("software").replications().get(0).snapshot().get(SeriesCharts.WALK_RATE);
        // times in ms (10 ms run), values in thousands of walks per second
        assertThat(charts.get(1).chart().getXYPlot().getDomainAxis().getLabel()).isEqualTo("simulated time (ms)");
        assertThat(walks.getXValue(1, 0)).isCloseTo(0.5, within(1e-12));
        assertThat(walks.getYValue(1, 0)).isCloseTo(rep0.seriesValues()[0] / 1e6, within(1e-9));
        assertThat(charts.get(1).chart().getXYPlot().getRangeAxis().getLabel()).isEqualTo("walk rate (M walks/s)");
    }

    @Test
    void series_svg_eachVariantOneStrokedPath() {
        ChartSpec walks = SeriesCharts.all(SyntheticResults.compare()).get(1);
        String svg = new ChartWriter(ChartFiles.SVG).svgElement(walks);
        for (String colour : List.of("stroke:rgb(0,114,178)", "stroke:rgb(230,159,0)")) {
            // the legend's line and the variant's path; drawn segment by segment, one per sample
            assertThat(svg.split(Pattern.quote(colour), -1).length - 1).as(colour).isEqualTo(2);
        }
    }

    @Test
    void breakdown_moreThanSixVariants_rotatedLabelsWrittenAsSvgText() {
        ResultsDocument doc = SyntheticResults.sweep();
        ChartSpec c = BreakdownCharts.faults(doc).chart().orElseThrow();
        List<?> variants = c.chart().getCategoryPlot().getDataset().getColumnKeys();
        assertThat(variants).hasSizeGreaterThan(6);
        String svg = new ChartWriter(ChartFiles.SVG).svgElement(c);
        for (Object v : variants) {
            assertThat(svg).contains(">" + v + "</text>");
        }
        // glyph outlines would be one long <path> per label
        Matcher paths = Pattern.compile("<path d='[^']*'").matcher(svg);
        while (paths.find()) {
            assertThat(paths.group().length()).isLessThan(2_000);
        }
    }

    @Test
    void breakdown_longRotatedLabels_noneRunsOffTheImagesLeftEdge() {
        ResultsDocument sweep = SyntheticResults.sweep();
        List<VariantResult> renamed = new ArrayList<>();
        for (VariantResult v : sweep.variants()) {
            renamed.add(Summaries.variant("caching-mode-and-more " + v.name(), Map.of(), v.replications()));
        }
        ChartSpec c = BreakdownCharts.faults(ResultsDocument.of("long", sweep.seed(), renamed)).chart().orElseThrow();
        assertThat(c.chart().getCategoryPlot().getDataset().getColumnKeys()).hasSizeGreaterThan(6);
        BufferedImage png = c.chart().createBufferedImage(ChartStyle.WIDTH, ChartStyle.HEIGHT);
        int inked = 0;
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < 3; x++) {
                inked += (png.getRGB(x, y) & 0xFFFFFF) == 0xFFFFFF ? 0 : 1;
            }
        }
        // the first label reaches ~185 px left of its tick at ~155 px: cut at the edge without the padding
        assertThat(inked).as("non-white pixels in the image's first three columns").isZero();
        assertThat(c.chart().getPadding().getLeft()).isGreaterThan(8);
    }

    @Test
    void breakdown_fewVariants_labelsLevelAndNoExtraPadding() {
        ChartSpec c = BreakdownCharts.faults(SyntheticResults.compare()).chart().orElseThrow();
        assertThat(c.chart().getPadding().getLeft()).isEqualTo(8);
    }

    @Test
    void faults_twoReasons_stackedPerVariantWithMeansAndOverflowsInCaption() {
        ResultsDocument doc = SyntheticResults.compare();
        ChartSpec c = BreakdownCharts.faults(doc).chart().orElseThrow();
        CategoryDataset data = c.chart().getCategoryPlot().getDataset();
        assertThat(data.getRowKeys()).containsExactly("not-present (stage 1)", "permission (stage 2)");
        assertThat(data.getColumnKeys()).containsExactly("hardware", "software");
        double mean = doc.variant("software").summary().get("iommu.faults.not-present.s1").mean();
        assertThat(data.getValue("not-present (stage 1)", "software").doubleValue()).isEqualTo(mean);
        assertThat(c.caption()).contains("Fault-queue overflows: hardware 1, software 1");
    }

    @Test
    void dropZeroRows_keepsOnlySeriesWithAValue() {
        org.jfree.data.category.DefaultCategoryDataset d = new org.jfree.data.category.DefaultCategoryDataset();
        d.addValue(0, "never", "a");
        d.addValue(0, "never", "b");
        d.addValue(0, "sometimes", "a");
        d.addValue(3, "sometimes", "b");
        BreakdownCharts.dropZeroRows(d);
        assertThat(d.getRowKeys()).containsExactly("sometimes");
        assertThat(d.getColumnKeys()).containsExactly("a", "b");
    }

    @Test
    void faults_absentOrAllZero_noChartButANote() {
        VariantResult empty = new VariantResult("v", Map.of(), Map.of(), List.of());
        BreakdownCharts.Outcome none = BreakdownCharts.faults(ResultsDocument.of("s", 1, List.of(empty)));
        assertThat(none.chart()).isEmpty();
        assertThat(none.note()).contains("no iommu.faults");
        assertThat(BreakdownCharts.controlPlaneCost(ResultsDocument.of("s", 1, List.of(empty))).chart()).isEmpty();
    }

    @Test
    void controlPlaneCost_threeOperations_stackedInMilliseconds() {
        ResultsDocument doc = SyntheticResults.compare();
        ChartSpec c = BreakdownCharts.controlPlaneCost(doc).chart().orElseThrow();
        CategoryDataset data = c.chart().getCategoryPlot().getDataset();
        assertThat(data.getRowKeys()).containsExactly("invalidate", "map", "unmap");
        assertThat(c.chart().getCategoryPlot().getRangeAxis().getLabel()).isEqualTo("host CPU time (ms)");
        double map = doc.variant("hardware").summary().get("cp.map.cpu-time").mean();
        assertThat(data.getValue("map", "hardware").doubleValue()).isCloseTo(map / 1e9, within(1e-12));
    }

    @Test
    void hostCpuByCategory_stacksTheCategories_andIsSilentWithoutThem() {
        assertThat(BreakdownCharts.hostCpuByCategory(SyntheticResults.compare()).chart()).isEmpty();
        assertThat(BreakdownCharts.hostCpuByCategory(SyntheticResults.compare()).note()).isEmpty();
        List<VariantResult> vs = new java.util.ArrayList<>();
        for (String name : List.of("strict", "lazy")) {
            double exit = "strict".equals(name) ? 3e9 : 1e9;
            org.iommusim.core.results.Snapshot snap = org.iommusim.core.results.Snapshot.of(1_000_000_000L, List.of(
                    org.iommusim.core.results.StatValue.builder("cp.cpu.vm-exit", org.iommusim.core.stats.StatKind.COUNTER,
                            "ps", "x").field("value", exit).build(),
                    org.iommusim.core.results.StatValue.builder("cp.cpu.driver", org.iommusim.core.stats.StatKind.COUNTER,
                            "ps", "x").field("value", 2e9).build()));
            vs.add(org.iommusim.core.experiment.Summaries.variant(name, new java.util.LinkedHashMap<>(),
                    List.of(new org.iommusim.core.results.Replication(0, 1, snap))));
        }
        ChartSpec c = BreakdownCharts.hostCpuByCategory(ResultsDocument.of("s", 1, vs)).chart().orElseThrow();
        CategoryDataset data = c.chart().getCategoryPlot().getDataset();
        assertThat(data.getRowKeys()).containsExactlyInAnyOrder("vm-exit", "driver");
        assertThat(data.getValue("vm-exit", "strict").doubleValue()).isCloseTo(3.0, within(1e-9)); // ms
    }

    @Test
    void chartSet_compareDocument_everyFamilyDrawnNoNotes() {
        ChartSet set = ChartSet.of(SyntheticResults.compare(), List.of(), java.util.Optional.of("compare"));
        assertThat(set.notes()).isEmpty();
        assertThat(set.charts()).hasSize(1 + 1 + 6 + 2 + 2);
        assertThat(set.charts()).extracting(ChartSpec::id).contains("dma-latency-per-device");
        assertThat(set.charts()).extracting(ChartSpec::id).doesNotHaveDuplicates();
    }

    @Test
    void chartSet_moreVariantsThanLines_noPerVariantLineChartsButNotes() {
        List<VariantResult> many = new java.util.ArrayList<>();
        for (int i = 0; i <= ChartSet.MAX_LINES; i++) {
            many.add(SyntheticResults.variant("v" + i, Map.of("iotlb.entries", Integer.toString(16 << i)), 1 + i));
        }
        ChartSet set = ChartSet.of(ResultsDocument.of("big", 1, many), List.of("iotlb.entries"),
                java.util.Optional.of("sweep"));
        assertThat(set.charts()).extracting(ChartSpec::id).doesNotContain("translation-latency-cdf",
                "walk-rate-over-time").contains("compare-throughput", "sweep-throughput");
        int n = ChartSet.MAX_LINES + 1;
        assertThat(set.notes()).anyMatch(n2 -> n2.startsWith("Latency CDFs: " + n + " variants are too many"))
                .anyMatch(n2 -> n2.startsWith("Time series: " + n + " variants"));
    }

    @Test
    void series_namedVariantsAcrossSweepPoints_onePanelPerPointWithALinePerGroup() {
        List<VariantResult> vs = new java.util.ArrayList<>();
        for (String design : List.of("hardware", "software")) {
            for (int fps : new int[] {1, 10, 100, 300, 1000}) {
                vs.add(SyntheticResults.variant(design + " fractionPerSecond=" + fps,
                        Map.of("fractionPerSecond", Integer.toString(fps)), 1 + fps / 100.0));
            }
        }
        ChartSpec walks = SeriesCharts.all(ResultsDocument.of("churn", 1, vs)).get(1);

        var grid = (org.jfree.chart.plot.CombinedDomainXYPlot) walks.chart().getPlot();
        List<org.jfree.chart.plot.XYPlot> panels = panels(grid);
        assertThat(panels).hasSize(5);
        assertThat(panels).allSatisfy(p -> assertThat(p.getDataset().getSeriesCount()).isEqualTo(2));
        assertThat(panels.get(0).getDataset().getSeriesKey(0)).isEqualTo("hardware fractionPerSecond=1");
        assertThat(panels.get(0).getDataset().getSeriesKey(1)).isEqualTo("software fractionPerSecond=1");
        // shared axes: one x range and one y range everywhere
        assertThat(panels).extracting(p -> p.getDomainAxis().getRange()).containsOnly(panels.get(0).getDomainAxis()
                .getRange());
        assertThat(grid.getSubplots()).hasSize(2).extracting(r -> ((org.jfree.chart.plot.XYPlot) r).getRangeAxis()
                .getRange()).containsOnly(((org.jfree.chart.plot.XYPlot) grid.getSubplots().get(0)).getRangeAxis()
                .getRange());
        assertThat(grid.getFixedLegendItems().getItemCount()).isEqualTo(2);
        assertThat(grid.getFixedLegendItems().get(0).getLabel()).isEqualTo("hardware");
        assertThat(walks.caption()).contains("Small multiples");
    }

    @Test
    void series_manyPlainVariants_onePanelEach_fewStayOneChart() {
        List<VariantResult> vs = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            vs.add(SyntheticResults.variant("v" + i, Map.of(), 1 + i));
        }
        ChartSpec many = SeriesCharts.all(ResultsDocument.of("six", 1, vs)).get(0);
        List<org.jfree.chart.plot.XYPlot> panels = panels((org.jfree.chart.plot.CombinedDomainXYPlot) many.chart()
                .getPlot());
        assertThat(panels).hasSize(6).allSatisfy(p -> assertThat(p.getDataset().getSeriesCount()).isEqualTo(1));
        assertThat(panels).extracting(p -> p.getDataset().getSeriesKey(0)).containsExactly("v0", "v1", "v2", "v3",
                "v4", "v5");

        ChartSpec few = SeriesCharts.all(ResultsDocument.of("four", 1, vs.subList(0, 4))).get(0);
        assertThat(few.chart().getPlot()).isNotInstanceOf(org.jfree.chart.plot.CombinedDomainXYPlot.class);
        assertThat(few.chart().getXYPlot().getDataset().getSeriesCount()).isEqualTo(4);
    }

    @Test
    void deviceCdfs_twoDevices_onePanelEachOnSharedAxes_variantsAsLines() {
        DeviceCharts.Outcome o = DeviceCharts.dmaLatency(SyntheticResults.compare());
        assertThat(o.charts()).extracting(ChartSpec::id).containsExactly("dma-latency-per-device");
        List<org.jfree.chart.plot.XYPlot> panels = panels((org.jfree.chart.plot.CombinedDomainXYPlot) o.charts().get(0)
                .chart().getPlot());
        assertThat(panels).hasSize(2).allSatisfy(p -> assertThat(p.getDataset().getSeriesCount()).isEqualTo(2));
        assertThat(panels.get(0).getDomainAxis().getRange()).isEqualTo(panels.get(1).getDomainAxis().getRange());
        assertThat(o.charts().get(0).caption()).contains("one panel per device (nic0, nvme0)");
    }

    @Test
    void deviceCdfs_devicesInDifferentDisplayUnits_keepAChartEach() {
        List<org.iommusim.core.results.Replication> reps = new java.util.ArrayList<>();
        for (int k = 0; k < 2; k++) {
            reps.add(new org.iommusim.core.results.Replication(k, 1, org.iommusim.core.results.Snapshot.of(1000,
                    List.of(latency("dev.fast.dma-latency", 1_000), latency("dev.slow.dma-latency", 1e8)))));
        }
        VariantResult v = org.iommusim.core.experiment.Summaries.variant("only", Map.of(), reps);
        DeviceCharts.Outcome o = DeviceCharts.dmaLatency(ResultsDocument.of("units", 1, List.of(v)));
        // fast is drawn in ns, slow in µs: one shared axis would mislabel one of them
        assertThat(o.charts()).extracting(ChartSpec::id).containsExactly("dma-latency-fast", "dma-latency-slow");
    }

    private static StatValue latency(String name, double scale) {
        return StatValue.builder(name, org.iommusim.core.stats.StatKind.HISTOGRAM, "ps", "latency")
                .field("mean", 2 * scale).field("count", 10).field("p50", scale).field("p99", 3 * scale)
                .field("min", scale / 2).build();
    }

    /** The panels with data of a small-multiples grid, row by row (the fillers of a short last row left out). */
    private static List<org.jfree.chart.plot.XYPlot> panels(org.jfree.chart.plot.CombinedDomainXYPlot grid) {
        List<org.jfree.chart.plot.XYPlot> out = new java.util.ArrayList<>();
        for (Object row : grid.getSubplots()) {
            for (Object p : ((org.jfree.chart.plot.CombinedRangeXYPlot) row).getSubplots()) {
                org.jfree.chart.plot.XYPlot xy = (org.jfree.chart.plot.XYPlot) p;
                if (xy.getDataset().getSeriesCount() > 0) {
                    out.add(xy);
                }
            }
        }
        return out;
    }
}

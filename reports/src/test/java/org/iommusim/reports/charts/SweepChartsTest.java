package org.iommusim.reports.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.StatSummary;
import org.iommusim.core.results.VariantResult;
import org.iommusim.reports.SyntheticResults;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;

class SweepChartsTest {
    private static final List<String> AXES = List.of("iotlb.entries", "iommu.nesting");

    @Test
    void all_sweepOverThreeDecades_logAxisOneLinePerNesting() {
        List<ChartSpec> charts = SweepCharts.all(SyntheticResults.sweep(), AXES);
        assertThat(charts).extracting(ChartSpec::id).contains("sweep-throughput", "sweep-translation-p99",
                "sweep-pte-reads");
        XYPlot plot = byId(charts, "sweep-pte-reads").chart().getXYPlot();
        assertThat(plot.getDomainAxis()).isInstanceOf(LogAxis.class);
        assertThat(plot.getDomainAxis().getLabel()).startsWith("iotlb.entries");
        YIntervalSeriesCollection data = (YIntervalSeriesCollection) plot.getDataset();
        assertThat(data.getSeriesCount()).isEqualTo(2);
        assertThat(data.getSeriesKey(0)).isEqualTo("iommu.nesting=hardware");
        assertThat(data.getSeriesKey(1)).isEqualTo("iommu.nesting=software");
        assertThat(data.getItemCount(0)).isEqualTo(5);
    }

    @Test
    void chart_pteReads_pointsAndBandsAreTheVariantSummaries() {
        ResultsDocument doc = SyntheticResults.sweep();
        SweepAxes axes = SweepAxes.of(doc, AXES);
        KeyMetric pte = KeyMetric.ALL.stream().filter(m -> m.id().equals("pte-reads")).findFirst().orElseThrow();
        YIntervalSeriesCollection data = (YIntervalSeriesCollection) SweepCharts.chart(doc, axes, pte).orElseThrow()
                .chart().getXYPlot().getDataset();
        StatSummary s = doc.variant("software-256").summary().get("run.pte-reads-per-walk");
        int i = indexOfX(data, 1, 256);
        assertThat(data.getYValue(1, i)).isCloseTo(s.mean(), within(1e-12));
        assertThat(data.getStartYValue(1, i)).isCloseTo(s.ci95Low(), within(1e-12));
        assertThat(data.getEndYValue(1, i)).isCloseTo(s.ci95High(), within(1e-12));
        // the synthetic lines cross between 256 and 4096 entries: hardware above, then below
        assertThat(data.getYValue(0, indexOfX(data, 0, 256))).isGreaterThan(data.getYValue(1, i));
        assertThat(data.getYValue(0, indexOfX(data, 0, 4096))).isLessThan(data.getYValue(1, indexOfX(data, 1, 4096)));
    }

    @Test
    void of_noDeclaredAxes_infersVaryingOverridesInOrder() {
        SweepAxes axes = SweepAxes.of(SyntheticResults.sweep(), List.of());
        assertThat(axes.parameters()).containsExactly("iotlb.entries", "iommu.nesting");
        assertThat(axes.numeric()).isTrue();
    }

    @Test
    void all_sizesWithinTwoDecades_linearAxisInBinaryUnits() {
        List<VariantResult> vs = new ArrayList<>();
        for (String size : List.of("64KiB", "256KiB", "1MiB")) {
            vs.add(SyntheticResults.variant(size, Map.of("iotlb.reach", size), 1));
        }
        ChartSpec c = SweepCharts.all(ResultsDocument.of("s", 1, vs), List.of("iotlb.reach")).get(0);
        XYPlot plot = c.chart().getXYPlot();
        assertThat(plot.getDomainAxis()).isNotInstanceOf(LogAxis.class);
        assertThat(plot.getDomainAxis().getLabel()).isEqualTo("iotlb.reach (MiB)");
        assertThat(plot.getDataset().getXValue(0, 0)).isEqualTo(0.0625);
    }

    @Test
    void all_categoricalValues_categoryAxisInFirstSeenOrder() {
        List<VariantResult> vs = new ArrayList<>();
        for (String p : List.of("lru", "fifo", "random")) {
            vs.add(SyntheticResults.variant(p, Map.of("iotlb.policy", p), 1));
        }
        ChartSpec c = SweepCharts.all(ResultsDocument.of("s", 1, vs), List.of("iotlb.policy")).get(0);
        CategoryPlot plot = c.chart().getCategoryPlot();
        assertThat(plot.getDataset().getColumnKeys()).containsExactly("lru", "fifo", "random");
    }

    @Test
    void of_nothingVaries_notASweep() {
        ResultsDocument doc = ResultsDocument.of("s", 1,
                List.of(SyntheticResults.variant("only", Map.of("a", "1"), 1)));
        assertThat(SweepAxes.of(doc, List.of("a"))).isNull();
        assertThat(SweepCharts.all(doc, List.of())).isEmpty();
    }

    @Test
    void isSweep_compareWithoutManifestSweep_noSweepCharts() {
        ResultsDocument compare = SyntheticResults.compare();
        assertThat(ChartSet.isSweep(compare, List.of(), Optional.of("compare"))).isFalse();
        assertThat(ChartSet.isSweep(compare, List.of(), Optional.empty())).isFalse();
        assertThat(ChartSet.isSweep(SyntheticResults.sweep(), List.of(), Optional.of("sweep"))).isTrue();
        assertThat(ChartSet.isSweep(SyntheticResults.sweep(), List.of(), Optional.empty())).isTrue();
    }

    static ChartSpec byId(List<ChartSpec> charts, String id) {
        return charts.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    private static int indexOfX(YIntervalSeriesCollection data, int series, double x) {
        for (int i = 0; i < data.getItemCount(series); i++) {
            if (data.getXValue(series, i) == x) {
                return i;
            }
        }
        throw new AssertionError("no x=" + x);
    }
}

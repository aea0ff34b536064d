package org.iommusim.reports.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
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
    void chartSet_compareDocument_everyFamilyDrawnNoNotes() {
        ChartSet set = ChartSet.of(SyntheticResults.compare(), List.of(), java.util.Optional.of("compare"));
        assertThat(set.notes()).isEmpty();
        assertThat(set.charts()).hasSize(1 + 2 + 6 + 2 + 2);
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
        assertThat(set.notes()).anyMatch(n -> n.startsWith("Latency CDFs: 13 variants are too many"))
                .anyMatch(n -> n.startsWith("Time series: 13 variants"));
    }
}

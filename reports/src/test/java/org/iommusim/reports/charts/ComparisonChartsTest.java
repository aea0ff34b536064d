package org.iommusim.reports.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.StatSummary;
import org.iommusim.core.results.VariantResult;
import org.iommusim.reports.SyntheticResults;
import org.jfree.data.statistics.StatisticalCategoryDataset;
import org.junit.jupiter.api.Test;

class ComparisonChartsTest {
    @Test
    void all_compareDocument_oneChartPerHeadlineMetric() {
        assertThat(ComparisonCharts.all(SyntheticResults.compare())).extracting(ChartSpec::id).containsExactly(
                "compare-throughput", "compare-translation-p99", "compare-translation-mean", "compare-iotlb-hit-ratio",
                "compare-pte-reads", "compare-control-cpu");
    }

    @Test
    void bars_throughput_meansAndConfidenceHalfWidthsFromSummary() {
        ResultsDocument doc = SyntheticResults.compare();
        ChartSpec spec = ComparisonCharts.bars(doc, KeyMetric.ALL.get(0)).orElseThrow();
        StatisticalCategoryDataset data = (StatisticalCategoryDataset) spec.chart().getCategoryPlot().getDataset();
        assertThat(data.getColumnKeys()).containsExactly("hardware", "software");
        assertThat(data.getRowCount()).isEqualTo(1);
        assertThat(spec.chart().getCategoryPlot().getRangeAxis().getLabel()).contains("GB/s");
        for (int row = 0; row < 2; row++) {
            StatSummary s = doc.variants().get(row).summary().get("run.dma-throughput");
            assertThat(data.getMeanValue(0, row).doubleValue()).isCloseTo(s.mean() / 1e9, within(1e-12));
            assertThat(data.getStdDevValue(0, row).doubleValue()).isCloseTo(s.halfWidth() / 1e9, within(1e-12));
            assertThat(s.halfWidth()).isPositive();
        }
    }

    @Test
    void bars_p99Latency_usesTheP99SummaryKey() {
        ResultsDocument doc = SyntheticResults.compare();
        ChartSpec spec = ComparisonCharts.bars(doc, KeyMetric.ALL.get(1)).orElseThrow();
        StatisticalCategoryDataset data = (StatisticalCategoryDataset) spec.chart().getCategoryPlot().getDataset();
        double p99 = doc.variant("software").summary().get("run.translation-latency.p99").mean();
        assertThat(data.getMeanValue("p99 translation latency", "software").doubleValue())
                .isCloseTo(p99 / 1e6, within(1e-12));
        assertThat(spec.title()).isEqualTo("Which translates faster at the tail? p99 translation latency by variant");
    }

    @Test
    void bars_metricMissingInOneVariant_onlyTheOtherVariantDrawn() {
        VariantResult empty = new VariantResult("empty", Map.of(), Map.of(), List.of());
        ResultsDocument doc = ResultsDocument.of("s", 1,
                List.of(SyntheticResults.compare().variant("hardware"), empty));
        ChartSpec spec = ComparisonCharts.bars(doc, KeyMetric.ALL.get(0)).orElseThrow();
        assertThat(spec.chart().getCategoryPlot().getDataset().getColumnKeys()).containsExactly("hardware");
    }

    @Test
    void all_noHeadlineStatistics_noCharts() {
        ResultsDocument doc = ResultsDocument.of("s", 1,
                List.of(new VariantResult("empty", Map.of(), Map.of(), List.of())));
        assertThat(ComparisonCharts.all(doc)).isEmpty();
    }
}

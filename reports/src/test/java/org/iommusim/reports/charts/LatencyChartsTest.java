package org.iommusim.reports.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.VariantResult;
import org.iommusim.reports.SyntheticResults;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
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

    private static double xAt(XYDataset data, int series, double y) {
        for (int i = 0; i < data.getItemCount(series); i++) {
            if (Math.abs(data.getYValue(series, i) - y) < 1e-9) {
                return data.getXValue(series, i);
            }
        }
        throw new AssertionError("no point at y=" + y + " in series " + data.getSeriesKey(series));
    }
}

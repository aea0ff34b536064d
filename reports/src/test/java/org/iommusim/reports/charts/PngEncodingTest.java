package org.iommusim.reports.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import org.iommusim.reports.SyntheticResults;
import org.jfree.chart.ChartUtils;
import org.junit.jupiter.api.Test;

class PngEncodingTest {
    /** Every kind of chart a report draws (bars, lines, CDFs, sweeps, stacked), at two sizes. */
    @Test
    void of_everyReportChart_sameBytesAsJFreeChartsOwnPngWriter() throws Exception {
        List<ChartSpec> charts = new java.util.ArrayList<>(ChartSet.of(SyntheticResults.compare(), List.of(),
                Optional.of("compare")).charts());
        charts.addAll(ChartSet.of(SyntheticResults.sweep(), List.of("iotlb.entries", "iommu.nesting"), Optional.of("sweep"))
                .charts());
        assertThat(charts).hasSizeGreaterThan(5);
        for (ChartSpec spec : charts) {
            for (int[] size : new int[][] {{ChartStyle.WIDTH, ChartStyle.HEIGHT}, {333, 211}}) {
                ByteArrayOutputStream jfree = new ByteArrayOutputStream();
                ChartUtils.writeChartAsPNG(jfree, spec.chart(), size[0], size[1]);
                assertThat(PngEncoding.of(spec.chart(), size[0], size[1]))
                        .as("%s at %dx%d", spec.id(), size[0], size[1]).isEqualTo(jfree.toByteArray());
            }
        }
    }
}

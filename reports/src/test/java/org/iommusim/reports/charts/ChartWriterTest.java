package org.iommusim.reports.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.iommusim.reports.SyntheticResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartWriterTest {
    /** Every kind of chart a report draws, each chart set built anew for each drawing. */
    private static List<ChartSpec> reportCharts() {
        List<ChartSpec> charts = new ArrayList<>(ChartSet.of(SyntheticResults.compare(), List.of(),
                Optional.of("compare")).charts());
        charts.addAll(ChartSet.of(SyntheticResults.sweep(), List.of("iotlb.entries", "iommu.nesting"),
                Optional.of("sweep")).charts());
        return charts;
    }

    @Test
    void write_sameChartTwice_sameSvgAndPngBytes(@TempDir Path dir) throws Exception {
        ChartWriter writer = new ChartWriter();
        List<ChartSpec> first = reportCharts();
        List<ChartSpec> second = reportCharts();
        assertThat(first).hasSizeGreaterThan(5);
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        for (int i = 0; i < first.size(); i++) {
            ChartWriter.Written a = writer.write(first.get(i), dir.resolve("a"));
            Thread.sleep(2); // the clock JFreeSVG takes its default id prefix from has moved on
            ChartWriter.Written b = writer.write(second.get(i), dir.resolve("b"));
            assertThat(Files.readAllBytes(b.svg())).as(first.get(i).id() + ".svg")
                    .isEqualTo(Files.readAllBytes(a.svg()));
            assertThat(b.pngBytes()).as(first.get(i).id() + ".png").isEqualTo(a.pngBytes());
        }
    }

    @Test
    void write_anyChart_keepsThePngFilesBytesAndTheirBase64(@TempDir Path dir) throws Exception {
        ChartWriter.Written w = new ChartWriter().write(reportCharts().get(0), dir);
        assertThat(w.pngBytes()).isEqualTo(Files.readAllBytes(w.png()));
        assertThat(java.util.Base64.getDecoder().decode(w.pngBase64())).isEqualTo(w.pngBytes());
    }

    @Test
    void svg_chartWithClipPaths_namesThemAfterTheChartId() {
        ChartSpec spec = reportCharts().get(0);
        String svg = new ChartWriter().svg(spec);
        assertThat(svg).contains("<clipPath id='" + ChartWriter.defsPrefix(spec.id()) + "clip-0'");
    }

    @Test
    void defsPrefix_idWithDot_isAnXmlNameStartingWithALetter() {
        assertThat(ChartWriter.defsPrefix("lat.p99-by_dev")).isEqualTo("c-lat_p99-by_dev-")
                .matches("[A-Za-z][A-Za-z0-9_-]*");
    }
}

package org.iommusim.reports.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.iommusim.reports.SyntheticResults;
import javax.imageio.ImageIO;
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
        ChartWriter writer = new ChartWriter(ChartFiles.SVG_AND_PNG);
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
            assertThat(Files.readAllBytes(b.png().orElseThrow())).as(first.get(i).id() + ".png")
                    .isEqualTo(Files.readAllBytes(a.png().orElseThrow()));
        }
    }

    @Test
    void write_svgOnly_writesTheSvgFileOfItsElementAndNoPng(@TempDir Path dir) throws Exception {
        ChartSpec spec = reportCharts().get(0);
        ChartWriter.Written w = new ChartWriter(ChartFiles.SVG).write(spec, dir);
        assertThat(w.png()).isEmpty();
        assertThat(w.files()).containsExactly(dir.resolve(spec.id() + ".svg"));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(w.svg());
        }
        String file = Files.readString(w.svg());
        assertThat(file).startsWith("<?xml version=\"1.0\"?>\n<!DOCTYPE svg ").endsWith(w.svgElement() + "\n");
        assertThat(w.svgElement()).startsWith("<svg ").endsWith("</svg>")
                .contains("width='1200.0' height='700.0' viewBox='0.0 0.0 1200.0 700.0'");
    }

    @Test
    void write_svgAndPng_writesBothSvgFirstAndThePngAtTheChartSize(@TempDir Path dir) throws Exception {
        ChartSpec spec = reportCharts().get(0);
        ChartWriter.Written w = new ChartWriter(ChartFiles.SVG_AND_PNG).write(spec, dir);
        assertThat(w.files()).containsExactly(dir.resolve(spec.id() + ".svg"), dir.resolve(spec.id() + ".png"));
        BufferedImage png = ImageIO.read(w.png().orElseThrow().toFile());
        assertThat(png.getWidth()).isEqualTo(ChartStyle.WIDTH);
        assertThat(png.getHeight()).isEqualTo(ChartStyle.HEIGHT);
    }

    @Test
    void svg_anyChart_namesDejaVuSansBeforeTheGenericFamily() {
        String svg = new ChartWriter(ChartFiles.SVG).svgElement(reportCharts().get(0));
        assertThat(svg).contains("font-family: \"DejaVu Sans\", Verdana, sans-serif;")
                .doesNotContain("font-family: sans-serif;");
    }

    @Test
    void svg_chartWithClipPaths_namesThemAfterTheChartId() {
        ChartSpec spec = reportCharts().get(0);
        String svg = new ChartWriter(ChartFiles.SVG).svgElement(spec);
        assertThat(svg).contains("<clipPath id='" + ChartWriter.defsPrefix(spec.id()) + "clip-0'");
    }

    @Test
    void defsPrefix_idWithDot_isAnXmlNameStartingWithALetter() {
        assertThat(ChartWriter.defsPrefix("lat.p99-by_dev")).isEqualTo("c-lat_p99-by_dev-")
                .matches("[A-Za-z][A-Za-z0-9_-]*");
    }
}

package org.iommusim.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.iommusim.core.experiment.Summaries;
import org.iommusim.core.results.Replication;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.Snapshot;
import org.iommusim.core.results.VariantResult;
import org.iommusim.reports.charts.ChartFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {
    /** One rendered compare folder shared by the read-only tests: rendering takes seconds. */
    @TempDir
    static Path shared;
    private static Path dir;
    private static RenderedReport r;

    @TempDir
    Path tmp;

    @BeforeAll
    static void renderOnce() throws IOException {
        dir = SyntheticResults.writeFolder(shared.resolve("out"), SyntheticResults.compare(),
                SyntheticResults.manifest("compare", null));
        r = Reports.render(dir);
    }

    @Test
    void render_fromTheWrittenDocument_sameFilesAsFromStatsJson() throws IOException {
        Map<ResultsDocument, String> runs = Map.of(
                SyntheticResults.compare(), SyntheticResults.manifest("compare", null),
                SyntheticResults.sweep(), SyntheticResults.manifest("sweep", "[\"iotlb.entries\", \"iommu.nesting\"]"));
        for (Map.Entry<ResultsDocument, String> run : runs.entrySet()) {
            ResultsDocument doc = run.getKey();
            Path fromFile = SyntheticResults.writeFolder(tmp.resolve("file").resolve(doc.scenario()), doc, run.getValue());
            Path fromDoc = SyntheticResults.writeFolder(tmp.resolve("doc").resolve(doc.scenario()), doc, run.getValue());
            RenderedReport a = Reports.render(fromFile);
            RenderedReport b = Reports.render(fromDoc, doc, ChartFiles.SVG, DrawingProgress.NONE);
            assertThat(b.notes()).isEqualTo(a.notes());
            assertThat(b.charts()).hasSameSizeAs(a.charts()).hasSizeGreaterThan(4);
            for (int i = 0; i < a.charts().size(); i++) {
                assertThat(Files.readAllBytes(b.charts().get(i))).as(b.charts().get(i).toString())
                        .isEqualTo(Files.readAllBytes(a.charts().get(i)));
            }
            assertThat(Files.readString(b.html())).isEqualTo(Files.readString(a.html()));
        }
    }

    @Test
    void render_compareFolder_writesEveryChartAsSvgAndTheHtml() throws IOException {
        assertThat(r.html()).isEqualTo(dir.resolve("report.html")).isRegularFile();
        // 12 charts: the two devices share one small-multiples chart
        assertThat(r.charts()).hasSize(12).allSatisfy(p -> assertThat(p).isRegularFile().startsWith(dir))
                .allMatch(p -> p.getFileName().toString().endsWith(".svg"));
        assertThat(r.notes()).isEmpty();
        try (Stream<Path> files = Files.list(dir.resolve("charts"))) {
            assertThat(files.map(p -> p.getFileName().toString())).hasSize(12)
                    .allMatch(n -> n.endsWith(".svg") && !n.startsWith("."));
        }
        assertThat(Files.readString(dir.resolve("charts/translation-latency-cdf.svg")))
                .contains("<svg").contains("width='1200").contains("height='700");
    }

    @Test
    void render_withPngs_writesEachChartAsSvgThenPngAtTheChartSize() throws IOException {
        Path withPngs = SyntheticResults.writeFolder(tmp.resolve("png"), SyntheticResults.compare(),
                SyntheticResults.manifest("compare", null));
        RenderedReport p = Reports.render(withPngs, ChartFiles.SVG_AND_PNG, DrawingProgress.NONE);
        assertThat(p.charts()).hasSize(2 * 12);
        for (int i = 0; i < r.charts().size(); i++) {
            String svg = r.charts().get(i).getFileName().toString();
            assertThat(p.charts().get(2 * i).getFileName()).hasToString(svg);
            assertThat(p.charts().get(2 * i + 1).getFileName()).hasToString(svg.replace(".svg", ".png"));
        }
        try (Stream<Path> files = Files.list(withPngs.resolve("charts"))) {
            assertThat(files.map(f -> f.getFileName().toString())).hasSize(24)
                    .noneMatch(n -> n.endsWith(".tmp") || n.startsWith("."));
        }
        BufferedImage png = ImageIO.read(withPngs.resolve("charts/translation-latency-cdf.png").toFile());
        assertThat(png.getWidth()).isEqualTo(1200);
        assertThat(png.getHeight()).isEqualTo(700);
        String html = Files.readString(p.html());
        assertThat(html).contains("<a href=\"charts/translation-latency-cdf.svg\">SVG</a> · "
                + "<a href=\"charts/translation-latency-cdf.png\">PNG</a>");
        // the page is the SVG-only page with PNG links added
        assertThat(html.replaceAll(" · <a href=\"charts/[a-z0-9-]+\\.png\">PNG</a>", ""))
                .isEqualTo(Files.readString(r.html()));
    }

    @Test
    void render_html_selfContainedWithEscapedTextAndLinks() throws IOException {
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<h1>hw-vs-sw</h1>")
                .contains("Does hardware nesting beat a &lt;shadow&gt; table?")
                .contains("# &lt;b&gt;not bold&lt;/b&gt; &amp; co")
                .contains("<details><summary>config.effective.yaml")
                .contains("href=\"stats.json\"").contains("href=\"stats.csv\"").contains("href=\"stats.txt\"")
                .contains("href=\"charts/compare-throughput.svg\"")
                .contains("25,000,000 events/s").contains("simulation wall time").contains("4.9 s")
                .doesNotContain("<b>not bold</b>").doesNotContain("<link").doesNotContain("src=");
        // nothing to fetch: the only URLs are the inline SVGs' XML namespace names, which are never loaded
        assertThat(html.replaceAll(" xmlns(:[a-z]+)?='http://[^']*'", "")).doesNotContain("http://")
                .doesNotContain("https://");
        assertThat(html.split("<div class=\"chart\" role=\"img\" aria-label=\"", -1)).hasSize(12 + 1);
        assertThat(html.split("<svg xmlns=", -1)).hasSize(12 + 1);
        assertThat(html).doesNotContain("<img").doesNotContain(".png");
    }

    @Test
    void render_sweepFolder_drawsSweepCharts() throws IOException {
        Path dir = SyntheticResults.writeFolder(tmp.resolve("sweep"), SyntheticResults.sweep(),
                SyntheticResults.manifest("sweep", "[\"iotlb.entries\", \"iommu.nesting\"]"));
        RenderedReport r = Reports.render(dir);
        assertThat(r.charts()).extracting(p -> p.getFileName().toString())
                .contains("sweep-throughput.svg", "sweep-translation-p99.svg").allMatch(n -> n.endsWith(".svg"));
        assertThat(Files.readString(r.html())).contains("iotlb.entries, iommu.nesting");
    }

    @Test
    void render_noManifestNoConfigFewStatistics_rendersWhatItCanAndSaysWhatIsMissing() throws IOException {
        VariantResult v = SyntheticResults.compare().variant("hardware");
        Replication rep = v.replications().get(0);
        Snapshot only = Snapshot.of(1, List.of(rep.snapshot().get("run.dma-throughput")));
        ResultsDocument doc = ResultsDocument.of("bare", 1,
                List.of(Summaries.variant("one", Map.of(), List.of(new Replication(0, 1, only)))));
        Path bare = SyntheticResults.writeFolder(tmp.resolve("bare"), doc, null);
        Files.delete(bare.resolve("config.effective.yaml"));
        RenderedReport one = Reports.render(bare);
        assertThat(one.charts()).extracting(p -> p.getFileName().toString())
                .containsExactly("compare-throughput.svg");
        assertThat(one.notes()).anyMatch(n -> n.contains("run.translation-latency"))
                .anyMatch(n -> n.contains("iommu.faults"));
        assertThat(Files.readString(one.html())).contains("manifest.json is missing")
                .contains("config.effective.yaml is not in the results folder").contains("Not drawn");
        String first = Files.readString(one.html());
        assertThat(Files.readString(Reports.render(bare).html())).isEqualTo(first);
        try (Stream<Path> files = Files.list(bare)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void render_statsJsonMissing_inputErrorNamingTheFile() {
        assertThatThrownBy(() -> Reports.render(tmp)).isInstanceOf(ReportInputException.class)
                .hasMessageContaining("stats.json").hasMessageContaining("missing")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void render_statsJsonMalformed_inputErrorNamingTheFile() throws IOException {
        Files.writeString(tmp.resolve("stats.json"), "{\"schemaVersion\": 1, \"scenario\": ");
        assertThatThrownBy(() -> Reports.render(tmp)).isInstanceOf(ReportInputException.class)
                .hasMessageContaining("stats.json").hasMessageContaining("cannot be read")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        Files.writeString(tmp.resolve("stats.json"), "{\"schemaVersion\": 1}");
        assertThatThrownBy(() -> Reports.render(tmp)).isInstanceOf(ReportInputException.class)
                .hasMessageContaining("stats.json: not a results document: ")
                .satisfies(e -> assertThat(e.getMessage()).containsOnlyOnce("stats.json"));
    }

    @Test
    void render_noSuchFolder_inputError() {
        assertThatThrownBy(() -> Reports.render(tmp.resolve("nope"))).isInstanceOf(ReportInputException.class)
                .hasMessageContaining("nope");
    }
}

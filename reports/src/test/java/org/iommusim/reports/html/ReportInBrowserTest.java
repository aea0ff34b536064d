package org.iommusim.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.iommusim.reports.RenderedReport;
import org.iommusim.reports.Reports;
import org.iommusim.reports.SyntheticResults;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end: renders a synthetic compare folder and opens report.html in headless Chromium.
 * The page's own check script reports chart, image and error state in {@code <body>} attributes. The
 * rendered folder and a screenshot stay under {@code target/e2e-report/} for people to look at.
 */
class ReportInBrowserTest {
    private static final Path ARTIFACTS = Path.of("target", "e2e-report");

    @BeforeAll
    static void cleanArtifacts() throws IOException {
        clean(ARTIFACTS);
    }

    @Test
    void reportHtml_inHeadlessChromium_everyChartLoadsAndNoErrors() throws Exception {
        Path scratch = Files.createDirectories(ARTIFACTS.resolve("browser"));
        HeadlessChromium chromium = HeadlessChromium.require(scratch);
        Path dir = SyntheticResults.writeFolder(ARTIFACTS.resolve("results"), SyntheticResults.compare(),
                SyntheticResults.manifest("compare", null));
        RenderedReport report = Reports.render(dir);
        int charts = report.charts().size();

        String dom = chromium.dumpDom(report.html().toAbsolutePath());

        assertThat(attribute(dom, "data-check")).as("the page's load handler ran").isEqualTo("done");
        assertThat(attribute(dom, "data-errors")).as("errors the page logged").isEmpty();
        assertThat(attribute(dom, "data-images")).as("the charts are inline SVG, not images").isEqualTo("0");
        assertThat(attribute(dom, "data-charts")).isEqualTo(Integer.toString(charts));
        assertThat(attribute(dom, "data-charts-drawn")).isEqualTo(Integer.toString(charts));
        assertThat(Arrays.stream(attribute(dom, "data-chart-widths").split(",")).mapToInt(Integer::parseInt))
                .hasSize(charts).containsOnly(1200);

        Path shot = ARTIFACTS.resolve("screenshot.png");
        chromium.screenshot(report.html().toAbsolutePath(), shot, 1200, 2000);
        BufferedImage img = ImageIO.read(shot.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        assertThat(img.getHeight()).isEqualTo(2000);
    }

    @Test
    void sweepReportHtml_inHeadlessChromium_everyChartLoadsAndNoErrors() throws Exception {
        Path scratch = Files.createDirectories(ARTIFACTS.resolve("sweep-browser"));
        HeadlessChromium chromium = HeadlessChromium.require(scratch);
        Path dir = SyntheticResults.writeFolder(ARTIFACTS.resolve("sweep-results"), SyntheticResults.sweep(),
                SyntheticResults.manifest("sweep", "[\"iotlb.entries\", \"iommu.nesting\"]"));
        RenderedReport report = Reports.render(dir);
        int charts = report.charts().size();

        String dom = chromium.dumpDom(report.html().toAbsolutePath());

        assertThat(attribute(dom, "data-errors")).isEmpty();
        assertThat(attribute(dom, "data-charts-drawn")).isEqualTo(Integer.toString(charts));
        assertThat(dom).contains("id=\"sweep-throughput\"");
    }

    @Test
    void checkScript_brokenImage_reportedByThePage() throws Exception {
        Path scratch = Files.createDirectories(ARTIFACTS.resolve("broken"));
        HeadlessChromium chromium = HeadlessChromium.require(scratch);
        Path page = scratch.resolve("broken.html");
        Files.writeString(page, "<!DOCTYPE html><html><head><script>" + PageAssets.CHECK_SCRIPT
                + "</script></head><body><img src=\"data:image/png;base64,AAAA\" alt=\"bad chart\">"
                + "<script>console.error('boom')</script></body></html>");

        String dom = chromium.dumpDom(page.toAbsolutePath());

        assertThat(attribute(dom, "data-check")).isEqualTo("done");
        assertThat(attribute(dom, "data-images-loaded")).isEqualTo("0");
        assertThat(attribute(dom, "data-images-broken")).isEqualTo("bad chart");
        assertThat(attribute(dom, "data-errors")).contains("failed to load img bad chart").contains("boom");
    }

    private static String attribute(String dom, String name) {
        Matcher m = Pattern.compile("<body[^>]*\\s" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(dom);
        assertThat(m.find()).as("<body> has %s in the dumped DOM:%n%s", name,
                dom.length() > 2000 ? dom.substring(0, 2000) : dom).isTrue();
        return m.group(1);
    }

    private static void clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}

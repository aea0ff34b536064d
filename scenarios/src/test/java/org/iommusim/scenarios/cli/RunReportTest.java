package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run draws its report's charts while it writes its other result files: the report it leaves
 * is the one {@code iommusim report} draws afterwards from the finished folder, byte for byte
 * (every chart file and report.html), histograms included.
 */
class RunReportTest {
    @TempDir
    Path dir;

    private final CliRig cli = new CliRig();

    @Test
    void run_reportDrawnBesideTheResultFiles_sameAsRedrawnFromTheFolder() throws IOException {
        Path scenario = CliRig.write(dir, "small.yaml", CliRig.scenario("small.yaml"));
        Path out = dir.resolve("out");
        assertThat(cli.run("run", scenario.toString(), "--out", out.toString(), "-q", "--jobs", "2"))
                .as(cli.err.toString()).isZero();
        assertThat(out.resolve("histograms/v0.hlog")).exists();
        Path copy = dir.resolve("copy");
        Files.createDirectories(copy.resolve("charts"));
        for (Path f : files(out)) {
            if (!f.startsWith("charts") && !f.toString().equals("report.html")) {
                Files.createDirectories(copy.resolve(f).getParent());
                Files.copy(out.resolve(f), copy.resolve(f));
            }
        }
        assertThat(cli.run("report", copy.toString())).as(cli.err.toString()).isZero();
        List<Path> drawn = files(out);
        assertThat(files(copy)).isEqualTo(drawn);
        assertThat(drawn.stream().filter(f -> f.startsWith("charts"))).hasSizeGreaterThan(4);
        for (Path f : drawn) {
            assertThat(Files.readAllBytes(copy.resolve(f))).as(f.toString()).isEqualTo(Files.readAllBytes(out.resolve(f)));
        }
    }

    @Test
    void run_withAndWithoutPng_svgChartsAlwaysPngsOnlyWhenAsked() throws IOException {
        Path scenario = CliRig.write(dir, "small.yaml", CliRig.scenario("small.yaml"));
        Path svgOnly = dir.resolve("svg");
        Path both = dir.resolve("both");
        assertThat(cli.run("run", scenario.toString(), "--out", svgOnly.toString(), "-q")).as(cli.err.toString()).isZero();
        assertThat(cli.run("run", scenario.toString(), "--out", both.toString(), "-q", "--png"))
                .as(cli.err.toString()).isZero();
        List<String> svgs = names(svgOnly.resolve("charts"));
        assertThat(svgs).hasSizeGreaterThan(4).allMatch(n -> n.endsWith(".svg"));
        List<String> withPngs = names(both.resolve("charts"));
        assertThat(withPngs.stream().filter(n -> n.endsWith(".svg"))).isEqualTo(svgs);
        assertThat(withPngs.stream().filter(n -> n.endsWith(".png")))
                .isEqualTo(svgs.stream().map(n -> n.replace(".svg", ".png")).toList());
        // the same SVGs either way; the page adds a PNG link per chart
        for (String svg : svgs) {
            assertThat(Files.readAllBytes(both.resolve("charts").resolve(svg)))
                    .isEqualTo(Files.readAllBytes(svgOnly.resolve("charts").resolve(svg)));
        }
        assertThat(Files.readString(svgOnly.resolve("report.html"))).doesNotContain(".png\"");
        assertThat(Files.readString(both.resolve("report.html"))).contains(">PNG</a>");
    }

    @Test
    void report_withPng_addsThePngsToAnSvgOnlyFolder() throws IOException {
        Path scenario = CliRig.write(dir, "small.yaml", CliRig.scenario("small.yaml"));
        Path out = dir.resolve("out");
        assertThat(cli.run("run", scenario.toString(), "--out", out.toString(), "-q")).as(cli.err.toString()).isZero();
        List<String> svgs = names(out.resolve("charts"));
        assertThat(cli.run("report", out.toString(), "--png")).as(cli.err.toString()).isZero();
        assertThat(names(out.resolve("charts"))).hasSize(2 * svgs.size()).containsAll(svgs)
                .containsAll(svgs.stream().map(n -> n.replace(".svg", ".png")).toList());
    }

    @Test
    void report_withoutPng_removesThePngsAnEarlierRenderingLeft() throws IOException {
        Path scenario = CliRig.write(dir, "small.yaml", CliRig.scenario("small.yaml"));
        Path out = dir.resolve("out");
        assertThat(cli.run("run", scenario.toString(), "--out", out.toString(), "-q", "--png"))
                .as(cli.err.toString()).isZero();
        List<String> all = names(out.resolve("charts"));
        assertThat(all.stream().filter(n -> n.endsWith(".png"))).hasSizeGreaterThan(4);
        assertThat(cli.run("report", out.toString())).as(cli.err.toString()).isZero();
        assertThat(names(out.resolve("charts"))).isEqualTo(all.stream().filter(n -> n.endsWith(".svg")).toList());
        assertThat(Files.readString(out.resolve("report.html"))).doesNotContain(".png\"");
    }

    @Test
    void run_pngWithNoReport_isBadInputAndWritesNothing() {
        Path scenario = CliRig.write(dir, "small.yaml", CliRig.scenario("small.yaml"));
        Path out = dir.resolve("out");
        assertThat(cli.run("run", scenario.toString(), "--out", out.toString(), "--no-report", "--png")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("--png").contains("--no-report").contains("drop one of them")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out).doesNotExist();
    }

    /** The names of the files in {@code folder}, sorted. */
    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every file under {@code root}, relative to it, sorted. */
    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}

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

    /** Every file under {@code root}, relative to it, sorted. */
    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}

package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --spark} in the default jar (no Spark on the class path) and {@code --resume}: bad input
 * says what to do, exit 2, no folder; resuming an interrupted folder completes it with the same
 * stats.json as an uninterrupted run.
 */
class ClusterOptionsTest {
    @TempDir
    Path dir;

    @Test
    void spark_withoutTheClusterJar_isBadInputSayingHowToGetIt() {
        Path scenario = CliRig.write(dir, "sweep.yaml", CliRig.scenario("sweep.yaml"));
        CliRig cli = new CliRig();
        assertThat(cli.run("sweep", scenario.toString(), "--spark", "local[2]", "--out", dir.resolve("o").toString()))
                .isEqualTo(2);
        assertThat(cli.err.toString()).contains("--spark needs the cluster jar").contains("./iommusim launcher")
                .doesNotContain("Exception");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void resume_ofAnInterruptedFolder_completesIt_identicalToAnUninterruptedRun() throws Exception {
        Path scenario = CliRig.write(dir, "sweep.yaml", CliRig.scenario("sweep.yaml"));
        CliRig cli = new CliRig();
        assertThat(cli.run("run", scenario.toString(), "--no-report", "-q", "--set", "duration=30us",
                "--out", dir.resolve("full").toString())).isZero();
        // an interrupted folder: the complete one renamed, one variant's replications dropped
        Path kept = dir.resolve("full-interrupted");
        Files.createDirectories(kept);
        Files.copy(dir.resolve("full/config.effective.yaml"), kept.resolve("config.effective.yaml"));
        var doc = org.iommusim.core.results.ResultsJson.read(dir.resolve("full/stats.json"));
        var variants = new java.util.ArrayList<>(doc.variants());
        var v = variants.get(1);
        variants.set(1, new org.iommusim.core.results.VariantResult(v.name(), v.overrides(), java.util.Map.of(),
                java.util.List.of()));
        org.iommusim.core.results.ResultsJson.write(
                org.iommusim.core.results.ResultsDocument.of(doc.scenario(), doc.seed(), variants), kept.resolve("stats.json"));
        assertThat(cli.run("run", scenario.toString(), "--no-report", "--set", "duration=30us",
                "--resume", kept.toString(), "--out", dir.resolve("resumed").toString())).as(cli.err.toString()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("resumed/stats.json")))
                .isEqualTo(Files.readAllBytes(dir.resolve("full/stats.json")));
        assertThat(cli.run("run", scenario.toString(), "--no-report", "--set", "duration=40us",
                "--resume", kept.toString(), "--out", dir.resolve("other").toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains("different configuration");
        assertThat(dir.resolve("other")).doesNotExist();
    }

    @Test
    void sparkOrResume_withPrecision_isBadInput() {
        Path scenario = CliRig.write(dir, "sweep.yaml", CliRig.scenario("sweep.yaml"));
        CliRig cli = new CliRig();
        assertThat(cli.run("sweep", scenario.toString(), "--set", "precision=0.05", "--spark", "local[2]",
                "--out", dir.resolve("o").toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains("--spark runs a fixed number of replications").contains("precision")
                .doesNotContain("Exception");
        assertThat(cli.run("sweep", scenario.toString(), "--set", "precision=0.05", "--resume", dir.toString(),
                "--out", dir.resolve("p").toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains("--resume runs a fixed number of replications");
        assertThat(dir.resolve("o")).doesNotExist();
        assertThat(dir.resolve("p")).doesNotExist();
    }
}

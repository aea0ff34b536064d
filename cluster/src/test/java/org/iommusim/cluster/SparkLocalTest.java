package org.iommusim.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.ResultsJson;
import org.iommusim.scenarios.runner.Prepared;
import org.iommusim.scenarios.runner.Progress;
import org.iommusim.scenarios.runner.Runner;
import org.iommusim.scenarios.runner.ScenarioSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark in local mode ({@code local[2]}: driver and two executor threads in this JVM) against
 * the local runner: the same stats.json bytes; a task that keeps failing ends the job with its
 * point named, exit 1 and no output folder; a cancelled job keeps what finished.
 */
class SparkLocalTest {
    @TempDir
    Path dir;

    @Test
    void sweep_onLocal2_writesTheSameStatsJsonAsJobs1() throws Exception {
        Path scenario = Cli.scenario(dir, "sweep.yaml");
        Cli cli = new Cli();
        assertThat(cli.run("sweep", scenario.toString(), "--jobs", "1", "--no-report", "-q",
                "--out", dir.resolve("local").toString())).as(cli.err.toString()).isZero();
        assertThat(cli.run("sweep", scenario.toString(), "--spark", "local[2]", "--no-report",
                "--out", dir.resolve("spark").toString())).as(cli.err.toString()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("spark/stats.json")))
                .isEqualTo(Files.readAllBytes(dir.resolve("local/stats.json")));
        assertThat(Files.readString(dir.resolve("spark/sweep.csv")))
                .isEqualTo(Files.readString(dir.resolve("local/sweep.csv")));
    }

    @Test
    void taskThatAlwaysFails_endsTheJobNamingThePoint_exit1_nothingWritten() throws Exception {
        Path scenario = Cli.scenario(dir, "sweep.yaml");
        Cli cli = new Cli();
        System.setProperty(RunPartition.FAIL_POINT, "entries=1024 queueDepth=2");
        try {
            int code = cli.run("sweep", scenario.toString(), "--spark", "local[2,2]", "--no-report", "-q",
                    "--out", dir.resolve("out").toString());
            assertThat(code).as(cli.err.toString()).isEqualTo(1);
        } finally {
            System.clearProperty(RunPartition.FAIL_POINT);
        }
        assertThat(cli.err.toString()).contains("point 'entries=1024 queueDepth=2' replication")
                .contains("failed 2 time(s)");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("sweep.yaml");
        }
    }

    @Test
    void cancelAfterFirstResult_keepsFinishedReplications_incomplete() {
        Prepared p = Prepared.of(ScenarioSource.resolve(Cli.scenario(dir, "sweep.yaml").toString()), java.util.List.of());
        Runner runner = new Runner();
        SparkTaskExecutor spark = new SparkTaskExecutor(SparkMaster.parse("local[1]"));
        CancellingExecutor onFirst = new CancellingExecutor(spark, runner);
        Runner.Outcome o = runner.run(p, onFirst, Progress.silent());
        onFirst.close();
        assertThat(o.complete()).isFalse();
        ResultsDocument doc = o.results();
        int kept = doc.variants().stream().mapToInt(v -> v.replications().size()).sum();
        assertThat(kept).isBetween(1, 7);
        assertThat(ResultsJson.toJson(doc)).contains("\"index\": 0");
    }

    @Test
    void badMaster_isBadInput_exit2_beforeAnythingRuns() {
        Path scenario = Cli.scenario(dir, "sweep.yaml");
        Cli cli = new Cli();
        assertThat(cli.run("sweep", scenario.toString(), "--spark", "locale[2]", "--out", dir.resolve("o").toString()))
                .isEqualTo(2);
        assertThat(cli.err.toString()).contains("is not a Spark master URL").contains("spark://HOST:PORT")
                .doesNotContain("Exception");
        assertThat(cli.run("sweep", scenario.toString(), "--spark", "local[2]", "--jobs", "2")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("--jobs applies to local runs");
        assertThat(dir.resolve("o")).doesNotExist();
    }
}

package org.iommusim.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.ResultsJson;
import org.iommusim.scenarios.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a Spark run (SIGTERM; Ctrl-C takes the same shutdown path, where Spark's own hook
 * stops its context too) keeps the points that finished in {@code NAME-interrupted} with
 * {@code "complete": false}, as a local run does, and nothing under the requested name.
 */
class SparkInterruptTest {
    /**
     * A heartbeat saying a run finished. On the Spark path simulated time advances only when a
     * run's result arrives, and the heartbeat printed then may still count it as not done (it is
     * counted right after), so a non-zero simulated time says it too.
     */
    private static final Pattern SOME_DONE = Pattern.compile("[1-9][0-9]*/8 runs done|simulated [1-9]");

    @TempDir
    Path dir;

    @Test
    @Timeout(240)
    void stoppedSparkRun_keepsFinishedPoints_inInterruptedFolder() throws Exception {
        Path scenario = Files.writeString(dir.resolve("long.yaml"), Files.readString(Cli.scenario(dir, "sweep.yaml"))
                .replace("duration: 100us", "duration: 20ms")); // seconds per run: stopped mid-sweep
        Path out = dir.resolve("out");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("-Dio.netty") || a.startsWith("-Djdk.reflect")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "sweep",
                scenario.toString(), "--spark", "local[1]", "--no-report", "--out", out.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            while (System.nanoTime() < deadline && p.isAlive()
                    && !SOME_DONE.matcher(Files.readString(dir.resolve("log.txt"))).find()) {
                Thread.sleep(100);
            }
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("log.txt"));
        Path kept = dir.resolve("out-interrupted");
        assertThat(out).as(log).doesNotExist();
        assertThat(dir.resolve(".out.partial")).as(log).doesNotExist();
        assertThat(new ObjectMapper().readTree(kept.resolve("manifest.json").toFile()).get("complete").asBoolean())
                .as(log).isFalse();
        ResultsDocument doc = ResultsJson.read(kept.resolve("stats.json"));
        assertThat(doc.variants().stream().mapToInt(v -> v.replications().size()).sum()).as(log).isBetween(1, 7);
        assertThat(log).contains("interrupted; finished replications are in");
    }
}

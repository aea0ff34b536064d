package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.ResultsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a run (SIGTERM here; Ctrl-C's SIGINT takes the same shutdown path) keeps the
 * replications that finished in {@code NAME-interrupted} with {@code "complete": false}, and
 * leaves nothing under the requested name that could pass for a complete result.
 */
class InterruptTest {
    @TempDir
    Path dir;

    /**
     * Starts a run of {@code text} in a JVM of its own and stops it once its staging folder exists
     * and its progress line matches {@code progress}.
     */
    private String runAndStop(String text, String progress) throws Exception {
        Path scenario = CliRig.write(dir, "long.yaml", text);
        Path out = dir.resolve("out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", scenario.toString(), "--out", out.toString(), "--no-report"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        Path staging = dir.resolve(".out.partial");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Pattern wanted = Pattern.compile(progress);
        while (!(Files.isDirectory(staging) && wanted.matcher(Files.readString(dir.resolve("log.txt"))).find())
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        p.destroy();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return Files.readString(dir.resolve("log.txt"));
    }

    @Test
    void stoppedRun_keepsFinishedReplications_inInterruptedFolder_everyFileMarked() throws Exception {
        String text = CliRig.scenario("small.yaml").replace("duration: 30us", "duration: 5ms")
                .replace("replications: 2", "replications: 50");
        String log = runAndStop(text, " [1-9][0-9]*/100 runs done"); // some replications finished
        Path out = dir.resolve("out");
        Path staging = dir.resolve(".out.partial");
        Path kept = dir.resolve("out-interrupted");
        assertThat(out).as(log).doesNotExist();
        assertThat(staging).doesNotExist();
        assertThat(kept.resolve("manifest.json")).as(log).exists();
        JsonNode manifest = new ObjectMapper().readTree(kept.resolve("manifest.json").toFile());
        assertThat(manifest.get("complete").asBoolean()).isFalse();
        ResultsDocument doc = ResultsJson.read(kept.resolve("stats.json"));
        int finished = doc.variants().stream().mapToInt(v -> v.replications().size()).sum();
        assertThat(finished).as(log).isLessThan(100).isPositive();
        assertThat(log).contains("interrupted");
        assertThat(doc.complete()).isFalse();
        assertThat(Files.readString(kept.resolve("stats.json"))).contains("\"complete\": false");
        String mark = "INCOMPLETE: the run was interrupted; " + finished + " replication(s) finished";
        assertThat(Files.readString(kept.resolve("stats.csv"))).startsWith("# " + mark);
        assertThat(Files.readString(kept.resolve("stats.txt"))).startsWith(mark);
    }

    @Test
    void stoppedBeforeAnyReplicationFinished_leavesNothing() throws Exception {
        String text = CliRig.scenario("small.yaml").replace("duration: 30us", "duration: 1000s\nsampling: 0ps");
        String log = runAndStop(text, "simulated [0-9.]+[pnum]?s of"); // running, none finished
        assertThat(log).contains("interrupted before any replication finished");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).as(log).containsExactlyInAnyOrder("long.yaml", "log.txt");
        }
    }
}

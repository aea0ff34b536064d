package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    @Test
    void stoppedRun_keepsFinishedReplications_inInterruptedFolder() throws Exception {
        String text = CliRig.scenario("small.yaml").replace("duration: 30us", "duration: 20ms")
                .replace("replications: 2", "replications: 50");
        Path scenario = CliRig.write(dir, "long.yaml", text);
        Path out = dir.resolve("out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", scenario.toString(), "--out", out.toString(), "--no-report"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        Path staging = dir.resolve(".out.partial");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.isDirectory(staging) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(3000); // some replications finish
        p.destroy();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve("log.txt"));
        Path kept = dir.resolve("out-interrupted");
        assertThat(out).as(log).doesNotExist();
        assertThat(staging).doesNotExist();
        assertThat(kept.resolve("manifest.json")).as(log).exists();
        JsonNode manifest = new ObjectMapper().readTree(kept.resolve("manifest.json").toFile());
        assertThat(manifest.get("complete").asBoolean()).isFalse();
        ResultsDocument doc = ResultsJson.read(kept.resolve("stats.json"));
        int finished = doc.variants().stream().mapToInt(v -> v.replications().size()).sum();
        assertThat(finished).as(log).isLessThan(100);
        assertThat(log).contains("interrupted");
    }
}

package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.ResultsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * warmup: auto and precision together: the run is deterministic (same stats.json twice, whatever
 * --jobs), the manifest records the warm-up each replication used and how many ran, and bad
 * combinations are refused before anything runs.
 */
class SteadyStateTest {
    @TempDir
    Path dir;

    private final CliRig cli = new CliRig();

    private Path scenario(String runControl) {
        String text = CliRig.scenario("small.yaml").replace("warmup: 5us\nreplications: 2\n", runControl);
        return CliRig.write(dir, "steady.yaml", text);
    }

    private Path run(Path scenario, String out, String jobs) {
        Path o = dir.resolve(out);
        assertThat(cli.run("run", scenario.toString(), "--out", o.toString(), "--no-report", "-q", "--jobs", jobs))
                .as(cli.err.toString()).isZero();
        return o;
    }

    @Test
    void autoWarmupAndPrecision_runDeterministically_andAreRecorded() throws Exception {
        Path s = scenario("warmup: auto\nreplications: 2\nsampling: 1us\nprecision: 0.2\nmaxReplications: 6\n");
        Path a = run(s, "a", "1");
        Path b = run(s, "b", "2");
        assertThat(Files.readAllBytes(b.resolve("stats.json"))).isEqualTo(Files.readAllBytes(a.resolve("stats.json")));
        assertThat(Files.readAllBytes(b.resolve("findings.json")))
                .isEqualTo(Files.readAllBytes(a.resolve("findings.json")));
        JsonNode m = new ObjectMapper().readTree(a.resolve("manifest.json").toFile());
        assertThat(m.get("warmup").asText()).isEqualTo("auto");
        assertThat(m.get("precision").asDouble()).isEqualTo(0.2);
        ResultsDocument doc = ResultsJson.read(a.resolve("stats.json"));
        for (JsonNode l : m.get("runLength")) {
            int n = l.get("replications").asInt();
            assertThat(n).isBetween(2, 6);
            assertThat(doc.variant(l.get("variant").asText()).replications()).hasSize(n);
            assertThat(l.get("warmups")).hasSize(n);
            assertThat(l.get("precisionMet").asBoolean() || n == 6).isTrue();
        }
        // some replication's warm-up was chosen above zero: the pilot's first microseconds are a transient
        assertThat(m.get("runLength").toString()).containsPattern("\"[1-9][0-9]*us\"");
    }

    @Test
    void precision_addsReplicationsUntilTheCap_whenTheTargetIsOutOfReach() throws Exception {
        Path s = scenario("warmup: 5us\nreplications: 2\nprecision: 0.0001\nmaxReplications: 4\n");
        JsonNode m = new ObjectMapper().readTree(run(s, "c", "2").resolve("manifest.json").toFile());
        for (JsonNode l : m.get("runLength")) {
            assertThat(l.get("replications").asInt()).isEqualTo(4);
            assertThat(l.get("precisionMet").asBoolean()).isFalse();
            assertThat(l.get("furthestFromTarget").asText()).startsWith("run.");
        }
    }

    @Test
    void autoWarmup_isWrittenBackAsAuto_inTheEffectiveConfiguration() {
        Path s = scenario("warmup: auto\nreplications: 2\nsampling: 1us\n");
        assertThat(cli.run("config", "--dump", s.toString())).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("warmup: auto  # scenario ");
    }

    @Test
    void autoWarmupWithoutSampling_isBadInput() {
        Path s = scenario("warmup: auto\nsampling: 0ps\n");
        assertThat(cli.run("run", s.toString(), "--out", dir.resolve("x").toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains("warmup").contains("sampling is 0");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void capBelowTheFirstBatch_isBadInput() {
        Path s = scenario("warmup: 5us\nreplications: 5\nprecision: 0.05\nmaxReplications: 3\n");
        assertThat(cli.run("validate", s.toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains("maxReplications").contains("below replications");
    }
}

package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a run of the small scenario (hardware vs software nesting) writes findings.json,
 * prints the findings before the summary table, opens stats.txt with them, gives the same
 * findings.json bytes twice, and --quiet prints only the results path.
 */
class FindingsOutputTest {
    @TempDir
    Path dir;

    private final CliRig cli = new CliRig();

    private Path run(String out, String... extra) {
        return cli.runScenarioOk(dir, "small.yaml", out, extra);
    }

    @Test
    void run_writesFindingsAndPrintsThemFirst() throws Exception {
        Path out = run("a");
        String console = cli.out.toString();
        assertThat(console).startsWith("Findings (");
        assertThat(console.indexOf("software vs hardware: ")).isLessThan(console.indexOf("run.dma-throughput  "))
                .isPositive();
        JsonNode json = new ObjectMapper().readTree(out.resolve("findings.json").toFile());
        assertThat(json.get("scenario").asText()).isEqualTo("small");
        JsonNode cpu = null;
        for (JsonNode f : json.get("findings")) {
            if ("run.control-cpu-time".equals(f.path("statistic").asText())) {
                cpu = f;
            }
        }
        assertThat(cpu).as(json.toString()).isNotNull();
        assertThat(cpu.get("kind").asText()).isEqualTo("difference");
        assertThat(cpu.get("variant").asText()).isEqualTo("software");
        assertThat(cpu.get("variantMean").asDouble()).isGreaterThan(cpu.get("referenceMean").asDouble());
        // a tested difference: p is a number (a deterministic one would carry p = null, read as 0)
        assertThat(cpu.path("deterministic").asBoolean(true)).isFalse();
        assertThat(cpu.get("p").isNumber()).as(cpu.toString()).isTrue();
        assertThat(cpu.get("p").asDouble()).isLessThan(0.05);
        assertThat(cpu.get("differenceCi95Low").asDouble()).isPositive();
        assertThat(Files.readString(out.resolve("stats.txt"))).startsWith("Findings (");
    }

    @Test
    void run_findingsJsonIsByteIdenticalAcrossRuns_andQuietPrintsOnlyThePath() throws Exception {
        Path outA = run("a", "-q", "--jobs", "2");
        byte[] a = Files.readAllBytes(outA.resolve("findings.json"));
        // -q prints the results folder's path and nothing else (issue 18)
        assertThat(cli.out.toString()).isEqualTo(outA + System.lineSeparator());
        byte[] b = Files.readAllBytes(run("b", "-q").resolve("findings.json"));
        assertThat(b).isEqualTo(a);
    }
}

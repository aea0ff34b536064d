package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Which tables {@code bench model} prints: workloads, catalog scenarios, or both. */
class ModelBenchCommandTest {
    private final CliRig cli = new CliRig();

    @Test
    void scenarioAlone_measuresOnlyThatCatalogScenario() throws Exception {
        assertThat(cli.run("bench", "model", "--json", "--scenario", "walk-cost", "--set", "duration=2us",
                "--set", "warmup=0ps")).as(cli.err.toString()).isZero();
        JsonNode root = new ObjectMapper().readTree(cli.out.toString());
        assertThat(root.get("results")).isEmpty();
        assertThat(root.get("catalog")).hasSize(1);
        JsonNode row = root.get("catalog").get(0);
        assertThat(row.get("scenario").asText()).isEqualTo("walk-cost");
        for (String f : new String[] {"simulatedPs", "wallSeconds", "cpuSeconds", "simulatedPerWallSecond"}) {
            assertThat(row.get(f).asDouble()).as(f).isPositive();
        }
    }

    @Test
    void workloadAndScenario_printBothTables_workloadAlone_noCatalog() {
        String[] shortRun = {"--set", "duration=2us", "--set", "warmup=0ps", "--rounds", "1", "--warmups", "0"};
        assertThat(cli.run(concat(new String[] {"bench", "model", "--workload", "iotlb-hit", "--scenario", "walk-cost"},
                shortRun))).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("iotlb-hit").contains("catalog scenarios").contains("walk-cost ");
        assertThat(cli.run(concat(new String[] {"bench", "model", "--workload", "iotlb-hit"}, shortRun))).isZero();
        assertThat(cli.out.toString()).contains("iotlb-hit").doesNotContain("catalog scenarios");
        assertThat(cli.run(concat(new String[] {"bench", "model", "--no-catalog", "--scenario", "walk-cost",
            "--workload", "iotlb-hit"}, shortRun))).isZero();
        assertThat(cli.out.toString()).doesNotContain("catalog scenarios");
    }

    @Test
    void unknownScenario_exitsTwoNamingTheCatalog() {
        assertThat(cli.run("bench", "model", "--scenario", "nope")).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(cli.err.toString()).contains("no catalog scenario 'nope'").contains("hw-vs-sw");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

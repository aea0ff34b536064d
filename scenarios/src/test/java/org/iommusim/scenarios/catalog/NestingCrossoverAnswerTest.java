package org.iommusim.scenarios.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer {@code nesting-crossover}'s header states, as its findings give it (the scenario
 * as shipped): the first findings are the crossovers of the VM's DMA throughput, software
 * falling below hardware between 4 and 8 Gb/s of per-packet maps for both working sets, the
 * larger working set crossing earlier; below it the shadow's cheaper walks win, above it the
 * shadow's exits need more than the host's cores and the NIC drops packets; no warning.
 */
class NestingCrossoverAnswerTest {
    private static final String AXIS = "devices.nic0.nic.lineRateGbps";

    @TempDir
    Path dir;

    @Test
    void softwareFallsBelowHardwareBetween4And8Gbps_earlierWithTheLargerWorkingSet() throws Exception {
        CatalogAnswer run = CatalogAnswer.run(dir, "nesting-crossover");
        assertThat(run.ofKind("warning")).as("no saturation or growing-queue warning").isEmpty();
        List<JsonNode> crossovers = run.ofKind("crossover").stream()
                .filter(c -> c.path("statistic").asText().equals("run.dma-throughput")).toList();
        assertThat(crossovers).extracting(c -> c.path("others").asText()).containsExactly("span=16MiB", "span=256MiB");
        assertThat(run.findings().get(0)).as("the crossover is the first finding").isEqualTo(crossovers.get(0));
        double[] estimates = new double[2];
        for (int i = 0; i < 2; i++) {
            JsonNode c = crossovers.get(i);
            assertThat(c.path("axis").asText()).isEqualTo(AXIS);
            assertThat(c.path("reference").asText()).isEqualTo("hardware");
            assertThat(c.path("variant").asText()).isEqualTo("software");
            assertThat(c.path("from").asText()).isEqualTo("4");
            assertThat(c.path("to").asText()).isEqualTo("8");
            assertThat(c.path("differenceFrom").asDouble()).as("software ahead below").isPositive();
            assertThat(c.path("differenceTo").asDouble()).as("hardware ahead above").isNegative();
            estimates[i] = c.path("estimate").asDouble();
            assertThat(estimates[i]).isBetween(4.0, 8.0);
        }
        assertThat(estimates[1]).as("the larger working set crosses earlier").isLessThan(estimates[0]);

        for (String span : List.of("16MiB", "256MiB")) {
            String low = "lineRateGbps=1 span=" + span;
            String high = "lineRateGbps=8 span=" + span;
            JsonNode below = run.difference("run.dma-throughput", low);
            assertThat(below).as(low).isNotNull();
            assertThat(below.get("relativeChange").asDouble()).as("%s: software ahead", low).isPositive();
            assertThat(run.mean("software " + low, "run.pte-reads-per-walk"))
                    .isLessThan(run.mean("hardware " + low, "run.pte-reads-per-walk"));
            assertThat(run.mean("software " + low, "host.cores.utilisation")).as(low).isBetween(0.1, 0.5);
            assertThat(run.mean("software " + high, "host.cores.utilisation")).as("%s: cores used up", high)
                    .isGreaterThan(0.98);
            assertThat(run.mean("software " + high, "dev.nic0.rx.dropped")).as(high).isPositive();
            assertThat(run.mean("hardware " + high, "dev.nic0.rx.dropped")).as(high).isZero();
            for (String v : List.of("hardware " + low, "software " + low, "hardware " + high, "software " + high)) {
                assertThat(run.mean(v, "run.dma-faults")).as(v).isZero();
                assertThat(run.mean(v, "run.stale-uses")).as(v).isZero();
            }
        }
    }
}

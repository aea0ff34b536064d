package org.iommusim.scenarios.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer {@code np-to-present}'s header states, as its findings give it (two replications,
 * as the scenario runs: fixed packet intervals make them identical): at every map rate lazy fill
 * takes 20-30 % less host CPU than caching mode, which traps twice per packet, while its DMAs
 * wait for the fill (more than three times caching mode's DMA latency); every packet's DMA
 * faults without either; caching mode's packet time crosses below lazy fill's between
 * 1.5 and 2.5 Gb/s (150 k and 250 k maps per second); no warning.
 */
class NpToPresentAnswerTest {
    private static final String[] RATES = {"0.25", "0.5", "1", "1.5", "2.5"};

    @TempDir
    Path dir;

    @Test
    void lazyFillSavesHostCpuAtEveryRate_cachingModeWinsDmaLatency_faultLosesEveryPacket() throws Exception {
        CatalogAnswer run = CatalogAnswer.run(dir, "np-to-present");
        assertThat(run.ofKind("warning")).as("no saturation or growing queue").isEmpty();
        for (String rate : RATES) {
            String at = "lineRateGbps=" + rate;
            JsonNode cpu = run.significant("run.control-cpu-time", "lazy-fill", at);
            assertThat(cpu.get("reference").asText()).isEqualTo("caching-mode");
            assertThat(cpu.get("relativeChange").asDouble()).as(at).isBetween(-0.30, -0.20);
            JsonNode latency = run.difference("run.dma-latency", "lazy-fill", at);
            assertThat(latency).as("%s: the DMA waits for the fill", at).isNotNull();
            assertThat(latency.get("relativeChange").asDouble()).as(at).isGreaterThan(2.0);
            double packets = run.mean("caching-mode " + at, "dev.nic0.rx.packets");
            assertThat(packets).as(at).isEqualTo(run.mean("caching-mode " + at, "dev.nic0.rx.arrivals")).isPositive();
            // the mechanism: caching mode traps for the map and the unmap, the others for the unmap only
            assertThat(run.mean("caching-mode " + at, "cp.events.exits-to-user")).isEqualTo(2 * packets);
            assertThat(run.mean("lazy-fill " + at, "cp.events.exits-to-user")).isEqualTo(packets);
            assertThat(run.mean("lazy-fill " + at, "cp.op.lazy-fill.count")).as("one fill per map").isEqualTo(packets);
            assertThat(run.mean("caching-mode " + at, "cp.shadow.guest-ptes-read")).as("12 PTEs per 4 KiB sync")
                    .isEqualTo(12 * 2 * packets);
            String fault = "fault " + at;
            assertThat(run.mean(fault, "run.dma-faults")).as("%s: every packet's DMA faults", at)
                    .isEqualTo(run.mean(fault, "dev.nic0.rx.arrivals"));
            assertThat(run.mean(fault, "dev.nic0.rx.packets")).isZero();
            for (String v : new String[] {"caching-mode ", "lazy-fill "}) {
                assertThat(run.mean(v + at, "run.dma-faults")).as(v + at).isZero();
            }
        }
        assertThat(run.ofKind("crossover")).anySatisfy(c -> {
            assertThat(c.get("statistic").asText()).isEqualTo("dev.nic0.rx.packet-time");
            assertThat(c.get("variant").asText()).isEqualTo("lazy-fill");
            assertThat(c.get("from").asText()).isEqualTo("1.5");
            assertThat(c.get("to").asText()).isEqualTo("2.5");
            assertThat(c.get("differenceFrom").asDouble()).isNegative();
        });
    }
}

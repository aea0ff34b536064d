package org.iommusim.scenarios.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer {@code gpa-churn}'s header states, as its findings give it (two replications
 * instead of three: the remaps arrive at fixed intervals, so the per-remap costs are exact): at every remap rate the software shadow costs significantly more control-plane CPU
 * than hardware nesting, about twice as much per remap with eight reverse-map entries visited
 * per remap; hardware nesting instead loses DMA throughput to the flushes, most at the top
 * rate; the remaps asked for are the remaps done, without a fault or a stale use.
 */
class GpaChurnAnswerTest {
    private static final double[] RATES = {2, 8, 32, 128, 256};
    private static final double PAGES = 1024;
    private static final double DURATION_S = 1e-3;

    @TempDir
    Path dir;

    @Test
    void softwareCostsTwiceTheCpuAtEveryRate_hardwarePaysInThroughput() throws Exception {
        CatalogAnswer run = CatalogAnswer.run(dir, "gpa-churn", "--set", "replications=2");
        for (double rate : RATES) {
            String at = "fractionPerSecond=" + (int) rate;
            JsonNode cpu = run.significant("run.control-cpu-time", "software", at);
            assertThat(cpu.get("relativeChange").asDouble()).as(at).isBetween(0.8, 1.4);
            double remaps = run.mean("software " + at, "wl.churn.pages-remapped");
            assertThat(remaps).as("%s: offered vs achieved", at).isCloseTo(rate * PAGES * DURATION_S, offset(1.5));
            for (String v : List.of("hardware " + at, "software " + at)) {
                assertThat(run.mean(v, "run.dma-faults")).as(v).isZero();
                assertThat(run.mean(v, "run.stale-uses")).as(v).isZero();
            }
        }
        // eight reverse-map entries per remap (a remap straddling the window's ends counts on one side only)
        String top = "software fractionPerSecond=256";
        assertThat(run.mean(top, "cp.shadow.rmap-entries") / run.mean(top, "wl.churn.pages-remapped"))
                .as("fan-out").isCloseTo(8, offset(0.1));
        JsonNode throughput = run.significant("run.dma-throughput", "software", "fractionPerSecond=256");
        assertThat(throughput.get("relativeChange").asDouble()).as("software over hardware").isGreaterThan(0.3);
    }
}

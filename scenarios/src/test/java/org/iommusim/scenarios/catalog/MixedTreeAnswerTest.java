package org.iommusim.scenarios.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer {@code mixed-tree}'s header states, as its findings give it (two replications
 * instead of three): shadowing the L2 table too costs significantly more host control-plane CPU
 * (caching-mode traps for the L2 driver's maps, guest-table re-walks of 12 PTEs per 4 KiB
 * invalidation, and two shadows to rewrite per GPA remap), while walking it in hardware makes
 * the drive's translations significantly slower (every GPA remap flushes the nested
 * translations), while the total DMA throughput moves by less than 3 %; no fault, no stale use,
 * no warning.
 */
class MixedTreeAnswerTest {
    @TempDir
    Path dir;

    @Test
    void shadowingTheL2TableCostsHostCpu_walkingItInHardwareCostsTranslationLatency() throws Exception {
        CatalogAnswer run = CatalogAnswer.run(dir, "mixed-tree", "--set", "replications=2");
        assertThat(run.ofKind("warning")).as("no saturation or growing queue").isEmpty();
        JsonNode cpu = run.significant("run.control-cpu-time", "l2-software", "");
        assertThat(cpu.get("relativeChange").asDouble()).isBetween(0.25, 0.55);
        JsonNode translation = run.significant("dev.nvme0.translation-latency", "l2-software", "");
        assertThat(translation.get("relativeChange").asDouble()).isLessThan(-0.5);
        JsonNode flushes = run.difference("iommu.invalidation.parent-change-flushes", "l2-software", "");
        assertThat(flushes).isNotNull();
        assertThat(flushes.get("relativeChange").asDouble()).as("only vf is hardware-nested").isEqualTo(-0.5);
        // the mechanism: caching mode doubles the L2 driver's trapped invalidations, each a 4 KiB sync of 12 PTEs
        double invalidations = run.mean("l2-software", "cp.op.invalidate.count");
        assertThat(invalidations).isEqualTo(2 * run.mean("l2-hardware", "cp.op.invalidate.count")).isPositive();
        assertThat(run.mean("l2-software", "cp.shadow.guest-ptes-read")).isEqualTo(12 * invalidations);
        assertThat(run.mean("l2-hardware", "cp.shadow.guest-ptes-read")).isZero();
        assertThat(run.mean("l2-software", "cp.shadow.rmap-entries"))
                .isGreaterThan(3 * run.mean("l2-hardware", "cp.shadow.rmap-entries"));
        // the drive does a few % more I/Os under l2-software; the total, mostly dev1's, barely moves
        // (+1.3 % in the header's run: resolvable since session 9's preset lets the drive's misses overlap)
        JsonNode throughput = run.difference("run.dma-throughput", "l2-software", "");
        assertThat(throughput == null ? 0 : Math.abs(throughput.get("relativeChange").asDouble()))
                .as("total throughput within 3 %").isLessThan(0.03);
        for (String v : List.of("l2-hardware", "l2-software")) {
            assertThat(run.mean(v, "run.dma-faults")).as(v).isZero();
            assertThat(run.mean(v, "run.stale-uses")).as(v).isZero();
            assertThat(run.mean(v, "wl.churn.pages-remapped")).as("%s: 25 x 4096 pages per second for 2 ms", v)
                    .isBetween(203.0, 206.0);
        }
    }
}

package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.iommusim.core.results.Replication;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.ResultsJson;
import org.iommusim.core.results.VariantResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * VALIDATION item 7 end to end: under strict unmap (the default policy) no DMA uses a removed
 * translation, also when a NIC's per-packet 4 KiB map/unmap shares the IOMMU and its invalidation
 * queue with other devices. Regression: the functional page table used to free a leaf table as
 * soon as its last page was unmapped; while that unmap's invalidation waited behind the other
 * devices' descriptors, a map of the next buffer in the same 2 MiB region allocated a new leaf
 * table and the DMA to it walked through the cached pointer to the freed one (this scenario
 * counted 25 stale uses per replication on average). Linux frees a table only when the unmap
 * covers its whole range, so a 4 KiB unmap frees nothing and is leaf-only. Run under every
 * architecture preset ({@code --set iommu.preset}): its caches, TBU micro-TLB, context reads and
 * its driver's invalidation commands; intel-vtd is the default.
 */
class StrictUnmapStaleUseTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iommusim.hw.iommu.arch.ArchPresets#names")
    void nicSharingTheIommuWithOtherDevices_strictUnmap_hasNoStaleUse(String preset) throws Exception {
        Path out = new CliRig().runScenarioOk(dir, "strict-shared-iommu.yaml", "out", "-q", "--set",
                "iommu.preset=" + preset);
        ResultsDocument doc = ResultsJson.read(out.resolve("stats.json"));
        for (VariantResult v : doc.variants()) {
            assertThat(v.replications()).isNotEmpty();
            for (Replication r : v.replications()) {
                assertThat(r.snapshot().has("iommu.stale-uses")).isTrue();
                assertThat(r.snapshot().scalars().get("iommu.stale-uses")).as("%s replication %d", preset, r.index()).isZero();
                assertThat(r.snapshot().scalars().get("run.stale-uses")).as("%s replication %d", preset, r.index()).isZero();
                System.out.printf("%s replication %d: stale uses %.0f, unmaps %.0f%n", preset, r.index(),
                        r.snapshot().scalars().get("iommu.stale-uses"), r.snapshot().scalars().get("cp.op.unmap.count"));
                assertThat(r.snapshot().scalars()).as("the NIC mapped and unmapped buffers")
                        .hasEntrySatisfying("cp.op.unmap.count", n -> assertThat(n).isPositive());
            }
        }
    }
}

package org.iommusim.scenarios.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer {@code sva-gpu}'s header states, as its findings give it: with 4 KiB process pages
 * every page of the GPU's sequential copies misses, a hardware-nested walk reads two PTEs and a
 * shadow walk one, so software nesting moves the data significantly faster (about twice); with
 * 2 MiB process pages (hardware-thp) the walks all but vanish, the IOTLB hits and hardware
 * nesting is as fast as software.
 */
class SvaGpuAnswerTest {
    @TempDir
    Path dir;

    @Test
    void softwareNestingCopiesTwiceAsFast_hugePagesRemoveTheDifference() throws Exception {
        CatalogAnswer run = CatalogAnswer.run(dir, "sva-gpu", "--set", "duration=500us");
        assertThat(run.warnings()).as("no saturation or instability").isEmpty();
        assertThat(run.mean("hardware", "run.pte-reads-per-walk")).as("2D: stage-1 leaf + stage-2 leaf")
                .isCloseTo(2.0, offset(0.1));
        assertThat(run.mean("software", "run.pte-reads-per-walk")).as("1D: the shadow's leaf")
                .isCloseTo(1.0, offset(0.05));
        assertThat(run.mean("hardware", "run.iotlb-hit-ratio")).as("a copy never returns to a page").isZero();
        assertThat(run.mean("hardware", "iommu.walk.joined")).as("a page's requests join its walk")
                .isGreaterThan(5 * run.mean("hardware", "iommu.walk.count"));
        assertThat(run.significant("run.dma-throughput", "software", "").get("relativeChange").asDouble())
                .as("software over hardware").isBetween(0.8, 1.2);
        assertThat(run.significant("run.dma-throughput", "hardware-thp", "").get("relativeChange").asDouble())
                .as("huge pages over 4 KiB pages").isBetween(0.8, 1.2);
        assertThat(run.mean("hardware-thp", "run.dma-throughput")).as("as fast as software")
                .isCloseTo(run.mean("software", "run.dma-throughput"), offset(0.02 * run.mean("software", "run.dma-throughput")));
        assertThat(run.mean("hardware-thp", "run.iotlb-hit-ratio")).isGreaterThan(0.9);
    }
}

package org.iommusim.scenarios.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer {@code sva-gpu}'s header states, as its findings give it: the GPU's copies are
 * link-bound under either nesting (its ATC merges the misses to a page and overlaps the walks),
 * so hardware nesting costs no throughput; the 2D walk reads two PTEs for each the shadow reads
 * (a leaf each, and with up to 16 walks of the device overlapping, the levels a walk re-reads
 * before an earlier one has filled the walk caches), and translation latency is significantly higher; with 4 KiB pages nothing is reused (hit
 * ratios 0); 2 MiB process pages (hardware-thp) cut the walks and the translation latency.
 */
class SvaGpuAnswerTest {
    @TempDir
    Path dir;

    @Test
    void linkBoundUnderEitherNesting_the2dWalkCostsLatency_hugePagesCutTheWalks() throws Exception {
        CatalogAnswer run = CatalogAnswer.run(dir, "sva-gpu", "--set", "duration=500us");
        assertThat(run.warnings()).as("no saturation or instability").isEmpty();
        for (String v : new String[] {"hardware", "software", "hardware-thp"}) {
            assertThat(run.mean(v, "dev.gpu0.link.down.utilisation")).as("%s: link-bound", v).isGreaterThan(0.99);
        }
        assertThat(run.difference("run.dma-throughput", "software", "")).as("no throughput difference").isNull();
        assertThat(run.mean("hardware", "run.pte-reads-per-walk") / run.mean("software", "run.pte-reads-per-walk"))
                .as("2D: a stage-1 and a stage-2 read for each read of the shadow's 1D walk").isCloseTo(2.0, offset(0.1));
        assertThat(run.mean("software", "run.pte-reads-per-walk")).as("1D: at least the shadow's leaf")
                .isGreaterThanOrEqualTo(1.0);
        assertThat(run.mean("hardware-thp", "run.pte-reads-per-walk")).as("2 MiB pages: stage-1 leaf + stage-2 leaf")
                .isCloseTo(2.0, offset(0.1));
        assertThat(run.significant("run.translation-latency", "software", "").get("relativeChange").asDouble())
                .as("software against hardware").isLessThan(-0.3);
        assertThat(run.mean("hardware", "run.iotlb-hit-ratio")).as("a copy never returns to a page").isZero();
        assertThat(run.mean("hardware", "iommu.atc.device1.merged-misses")).as("one request per page")
                .isGreaterThan(run.mean("hardware", "iommu.walk.count"));
        assertThat(run.significant("iommu.walk.count", "hardware-thp", "").get("relativeChange").asDouble())
                .as("huge pages: fewer walks").isLessThan(-0.5);
        assertThat(run.significant("run.translation-latency", "hardware-thp", "").get("relativeChange").asDouble())
                .isLessThan(-0.5);
    }
}

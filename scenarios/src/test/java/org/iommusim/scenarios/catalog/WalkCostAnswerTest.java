package org.iommusim.scenarios.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer {@code walk-cost}'s header states, as its findings give it (two replications
 * instead of three): cold walks read exactly the closed form n*m + n + m PTEs (VALIDATION item
 * 1), each a 270 ns memory read (the intel-vtd preset), so a cold walk costs 24 or 35 reads'
 * time and translation latency is significantly higher cold than warm; warm walks read 2 PTEs
 * at either depth (the walk caches hold every level above the leaves), so 5x5 costs nothing
 * more than 4x4 warm; the IOTLB's hit ratio is about C/N (VALIDATION item 2).
 */
class WalkCostAnswerTest {
    private static final double PTE_READ_PS = 270_000;
    private static final double IOTLB_ENTRIES = 128;
    private static final double PAGES = 4096;

    @TempDir
    Path dir;

    @Test
    void coldWalksReadTheClosedForm_warmWalksReadTwoPtesAtEitherDepth() throws Exception {
        CatalogAnswer run = CatalogAnswer.run(dir, "walk-cost", "--set", "replications=2");
        assertThat(run.warnings()).as("no saturation or instability").isEmpty();
        assertThat(run.mean("4x4-cold", "run.pte-reads-per-walk")).as("n*m + n + m for 4x4").isEqualTo(24.0);
        assertThat(run.mean("5x5-cold", "run.pte-reads-per-walk")).as("n*m + n + m for 5x5").isEqualTo(35.0);
        assertThat(run.mean("4x4-cold", "iommu.walk.latency")).as("24 reads of 270 ns")
                .isCloseTo(24 * PTE_READ_PS, offset(0.01 * 24 * PTE_READ_PS));
        assertThat(run.mean("5x5-cold", "iommu.walk.latency")).as("35 reads of 270 ns")
                .isCloseTo(35 * PTE_READ_PS, offset(0.01 * 35 * PTE_READ_PS));
        for (String warm : new String[] {"4x4-warm", "4x4-walk-caches", "5x5-warm"}) {
            assertThat(run.mean(warm, "run.pte-reads-per-walk")).as("%s: the leaves of both stages", warm)
                    .isCloseTo(2.0, offset(0.01));
            assertThat(run.mean(warm, "iommu.walk.pte-reads.s1.l2")).as("%s: nothing above the leaves", warm).isZero();
        }
        for (String cold : new String[] {"4x4-cold", "5x5-cold"}) {
            assertThat(run.significant("run.translation-latency", cold, "").get("relativeChange").asDouble())
                    .as("%s over 4x4-warm", cold).isGreaterThan(10);
            assertThat(run.significant("run.dma-throughput", cold, "").get("relativeChange").asDouble())
                    .as("one read in flight: the DMA rate follows the latency").isLessThan(-0.8);
        }
        assertThat(run.difference("run.translation-latency", "5x5-warm", "")).as("warm, the depth costs nothing").isNull();
        assertThat(run.difference("run.pte-reads-per-walk", "5x5-warm", "")).isNull();
        assertThat(run.mean("4x4-warm", "run.iotlb-hit-ratio")).as("C/N")
                .isCloseTo(IOTLB_ENTRIES / PAGES, offset(0.015));
    }
}

package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.results.Snapshot;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.LinkConfig;
import org.junit.jupiter.api.Test;

/** Same seed, same statistics (every one, device, link and IOMMU); another seed, other numbers. */
class DmaDeterminismTest {
    private static Snapshot run(long seed) {
        DeviceRig rig = new DeviceRig(seed, TimedIommuConfig.defaults(), 80 * SimTime.NS, LinkConfig.defaults(),
                4096L * 4096, PageSize.SIZE_4K);
        DmaEngine e = rig.device(DmaConfig.defaults().withReadFraction(0.6), new IssueMode.OpenLoop(2_000_000, true),
                PatternSpec.of("zipf", DeviceRig.BASE, 4096L * 4096, 4096));
        e.start();
        rig.sim.runUntil(2 * SimTime.MS);
        return rig.stats.snapshot();
    }

    @Test
    void sameSeed_identicalStatistics_otherSeedDiffers() {
        Snapshot a = run(4);
        assertThat(run(4)).isEqualTo(a);
        assertThat(run(5)).isNotEqualTo(a);
        assertThat(a.get("dev1.completed").primary()).isGreaterThan(3000);
        assertThat(a.has("dev1.faults.not-present")).isTrue();
        assertThat(a.has("link.down.payload-throughput")).isTrue();
    }
}

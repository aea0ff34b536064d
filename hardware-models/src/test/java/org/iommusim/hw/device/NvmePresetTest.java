package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.LinkConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The {@code nvme} preset: random 4 KiB I/O at queue depth Q obeys Little's law (IOPS = Q /
 * mean latency, 1 %), and its storage read/write mix maps to the opposite DMA directions.
 */
class NvmePresetTest {
    private static final long WORKING_SET = 64L << 20;

    private static DeviceRig rig(long seed) {
        return new DeviceRig(seed, TimedIommuConfig.defaults(), 80 * SimTime.NS, LinkConfig.defaults(), WORKING_SET,
                PageSize.SIZE_4K);
    }

    @ParameterizedTest(name = "queue depth {0}")
    @ValueSource(ints = {1, 32, 64})
    void randomIo_obeysLittlesLaw(int q) {
        long seed = 40 + q;
        DeviceRig rig = rig(seed);
        NvmeConfig c = NvmeConfig.defaults().withQueueDepth(q).withWorkingSet(WORKING_SET);
        DmaEngine e = c.createEngine(rig.sim, rig.stats, rig.streams, "dev1", DeviceRig.DEVICE, DeviceRig.BASE,
                rig.iommu, rig.link);
        e.start();
        rig.stats.resetAfter(200 * SimTime.US);
        rig.sim.runUntil(5 * SimTime.MS);

        DmaStats s = e.stats();
        double littles = q / s.meanTagTimePs() * SimTime.S; // tags: a posted write frees its tag early
        System.out.printf("seed %d nvme QD%d: %.0f IOPS, mean latency %.1f ns, Q/R %.0f IOPS, %d completed%n", seed,
                q, s.iops(), s.meanLatencyPs() / 1e3, littles, s.completed());
        assertThat(s.completed()).as("seed %d", seed).isGreaterThan(1000);
        assertThat(s.aborted()).isZero();
        assertThat(s.iops()).as("seed %d", seed).isCloseTo(littles, withinPercentage(1));
    }

    @Test
    void storageReads_areDmaWrites() {
        DeviceRig rig = rig(3);
        NvmeConfig c = NvmeConfig.defaults().withWorkingSet(WORKING_SET).withReadFraction(1.0);
        DmaEngine e = c.createEngine(rig.sim, rig.stats, rig.streams, "dev1", DeviceRig.DEVICE, DeviceRig.BASE,
                rig.iommu, rig.link);
        e.start();
        rig.sim.runUntil(SimTime.MS);
        assertThat(rig.counter("dev1.write-bytes")).isPositive();
        assertThat(rig.counter("dev1.read-bytes")).isZero();
        assertThat(c.dmaConfig().maxOutstanding()).isEqualTo(64);
    }
}

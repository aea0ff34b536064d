package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.LinkConfig;
import org.iommusim.hw.pcie.LinkDirection;
import org.iommusim.hw.pcie.PcieGeneration;
import org.junit.jupiter.api.Test;

/**
 * The engine's own limits: its tags (Little's law: throughput = tags / round trip) and its
 * per-DMA issue gap (throughput ≤ 1 / gap), and a device with no IOMMU on its path.
 */
class DmaEngineLimitsTest {
    private static final LinkConfig LINK = LinkConfig.defaults().withLink(PcieGeneration.GEN3, 8);
    private static final long MEM = 400 * SimTime.NS;

    private static DeviceRig rig() {
        return new DeviceRig(3, TimedIommuConfig.defaults(), 80 * SimTime.NS, LINK, 1 << 20, PageSize.SIZE_4K);
    }

    /** Unloaded round trip of one 64 B read without translation: request up, memory, completion down. */
    private static long roundTrip(DeviceRig rig) {
        return LINK.serializationPs(LINK.requestOverheadBytes()) + LINK.latencyPs() + MEM
                + rig.link.transferTimePs(64, LinkDirection.DOWNSTREAM) + LINK.latencyPs();
    }

    @Test
    void noIommu_readLatencyIsLinkAndMemoryOnly_noTranslations() {
        DeviceRig rig = rig();
        DmaEngine e = rig.deviceWithoutIommu(DmaConfig.defaults().withRequestBytes(64).withMemoryLatency(MEM)
                .withMaxOutstanding(1), new IssueMode.ClosedLoop(1), PatternSpec.of("uniform", DeviceRig.BASE,
                1 << 20, 64));
        e.start();
        rig.sim.runUntil(100 * SimTime.US);

        assertThat(rig.counter("dev1.translations")).isZero();
        assertThat(rig.counter("iommu.translations")).isZero();
        assertThat((long) e.stats().meanLatencyPs()).isEqualTo(roundTrip(rig));
    }

    @Test
    void tags_limitThroughputByLittlesLaw() {
        DeviceRig rig = rig();
        int tags = 32;
        DmaEngine e = rig.deviceWithoutIommu(DmaConfig.defaults().withRequestBytes(64).withMemoryLatency(MEM)
                .withMaxOutstanding(tags), new IssueMode.ClosedLoop(tags), PatternSpec.of("uniform", DeviceRig.BASE,
                1 << 20, 64));
        e.start();
        rig.stats.resetAfter(20 * SimTime.US);
        rig.sim.runUntil(500 * SimTime.US);

        double expected = tags * 64.0 / (roundTrip(rig) / 1e12);
        assertThat(expected).as("below the link's 64 B read limit").isLessThan(LINK.readBandwidth(64));
        assertThat(e.stats().throughputBytesPerSecond()).isCloseTo(expected, withinPercentage(1));
    }

    @Test
    void issueGap_capsTheDmaRate() {
        DeviceRig rig = rig();
        long gap = 50 * SimTime.NS;
        DmaEngine e = rig.deviceWithoutIommu(DmaConfig.defaults().withRequestBytes(64).withMemoryLatency(MEM)
                .withMaxOutstanding(64).withIssueGap(gap), new IssueMode.ClosedLoop(64),
                PatternSpec.of("uniform", DeviceRig.BASE, 1 << 20, 64));
        e.start();
        rig.stats.resetAfter(20 * SimTime.US);
        rig.sim.runUntil(500 * SimTime.US);

        assertThat(e.stats().throughputBytesPerSecond()).as("one 64 B DMA per 50 ns")
                .isCloseTo(64.0 / 50e-9, withinPercentage(0.5));
    }
}

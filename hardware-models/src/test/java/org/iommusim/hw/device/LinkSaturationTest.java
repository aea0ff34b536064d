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
 * A device with enough requests in flight is link-bound: its throughput is the TLP bandwidth
 * (usable bandwidth less the DLLP/SKP share) times the payload share of the wire bytes, {@code 4096 / (4096 + 16 · 24)} for 4 KiB writes at
 * MPS 256 — the closed form, reached through the whole engine (translations hit the IOTLB).
 */
class LinkSaturationTest {
    @Test
    void closedLoopWrites_saturateUpstreamAtPayloadEfficiency() {
        LinkConfig link = LinkConfig.defaults().withLink(PcieGeneration.GEN3, 4);
        DeviceRig rig = new DeviceRig(2, TimedIommuConfig.defaults(), 80 * SimTime.NS, link, 64 * 4096,
                PageSize.SIZE_4K);
        DmaEngine e = rig.device(DmaConfig.defaults().withReadFraction(0), new IssueMode.ClosedLoop(32),
                PatternSpec.of("sequential", DeviceRig.BASE, 64 * 4096, 4096));
        e.start();
        rig.stats.resetAfter(100 * SimTime.US);
        rig.sim.runUntil(5 * SimTime.MS);

        double expected = link.usableBytesPerSecond() * (1 - link.dllpShare()) * 4096 / (4096 + 16 * 24);
        assertThat(expected).isCloseTo(link.writeBandwidth(4096), withinPercentage(1e-9));
        System.out.printf("gen3 x4 writes: %.4f GB/s, closed form %.4f GB/s, link utilisation %.4f%n",
                e.stats().throughputBytesPerSecond() / 1e9, expected / 1e9,
                rig.link.server(LinkDirection.UPSTREAM).utilisation());
        assertThat(rig.link.server(LinkDirection.UPSTREAM).utilisation()).isCloseTo(1.0, withinPercentage(0.1));
        assertThat(e.stats().throughputBytesPerSecond()).isCloseTo(expected, withinPercentage(0.5));
    }
}

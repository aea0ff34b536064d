package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.LinkConfig;
import org.iommusim.hw.pcie.PcieGeneration;
import org.junit.jupiter.api.Test;

/**
 * Per-read completion handling (issue 14 P2): the device consumes a read's completions for
 * {@code completionHandlingPs} after the last has arrived and holds the read's tag meanwhile, so
 * with the tags binding the read rate falls by Little's law — tags / (round trip + handling) —
 * while a write (posted, no completions) is not affected. No IOMMU on the path, gen3 x8.
 */
class CompletionHandlingTest {
    private static final LinkConfig LINK = LinkConfig.defaults().withLink(PcieGeneration.GEN3, 8)
            .withLatency(158 * SimTime.NS);

    private static DmaEngine run(double readFraction, long handlingPs) {
        DeviceRig rig = new DeviceRig(5, TimedIommuConfig.defaults(), 80 * SimTime.NS, LINK, 0, PageSize.SIZE_4K);
        DmaEngine e = rig.deviceWithoutIommu(DmaConfig.defaults().withReadFraction(readFraction).withRequestBytes(64)
                        .withMaxOutstanding(32).withMemoryLatency(270 * SimTime.NS).withCompletionHandling(handlingPs),
                new IssueMode.ClosedLoop(32), PatternSpec.of("sequential", DeviceRig.BASE, 1L << 20, 64));
        e.start();
        rig.stats.resetAfter(20 * SimTime.US);
        rig.sim.runUntil(1020 * SimTime.US);
        return e;
    }

    @Test
    void completionHandling_holdsTheReadTagAndLowersTheTagBoundRate() {
        double roundTrip = run(1, 0).stats().meanTagTimePs();
        DmaEngine e = run(1, 200 * SimTime.NS);
        assertThat(e.stats().meanTagTimePs()).isCloseTo(roundTrip + 200_000, withinPercentage(0.5));
        assertThat(e.stats().iops()).isCloseTo(32 * SimTime.S / (roundTrip + 200_000), withinPercentage(1));
    }

    @Test
    void completionHandling_doesNotTouchPostedWrites() {
        assertThat(run(0, 200 * SimTime.NS).stats().iops()).isEqualTo(run(0, 0).stats().iops());
    }
}

package org.iommusim.hw.device;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.stats.TimeWeighted;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.ats.AtsConfig;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.LinkConfig;
import org.iommusim.hw.pcie.PcieGeneration;

/**
 * The flow-control tests' shared rig: one DMA device with no IOMMU on the path, on a gen3 x8
 * link of 158 ns one way ({@link #GEN3_X8}, credits as each test sets them), 270 ns to memory,
 * keeping {@code tags} sequential DMAs of one size in flight for 2 ms after 20 µs of warm-up.
 */
final class CreditRig {
    static final LinkConfig GEN3_X8 = LinkConfig.defaults().withLink(PcieGeneration.GEN3, 8)
            .withLatency(158 * SimTime.NS);

    private CreditRig() {
    }

    /** Runs reads ({@code readFraction} 1) or writes (0) of {@code bytes} with {@code tags} in flight. */
    static DmaEngine run(LinkConfig link, double readFraction, int tags, int bytes) {
        DeviceRig rig = new DeviceRig(3, TimedIommuConfig.defaults(), 80 * SimTime.NS, link, 0, PageSize.SIZE_4K);
        DmaEngine e = rig.deviceWithoutIommu(DmaConfig.defaults().withReadFraction(readFraction)
                        .withRequestBytes(bytes).withMaxOutstanding(tags).withMemoryLatency(270 * SimTime.NS),
                new IssueMode.ClosedLoop(tags), PatternSpec.of("sequential", DeviceRig.BASE, 1L << 20, bytes));
        e.start();
        rig.stats.resetAfter(20 * SimTime.US);
        rig.sim.runUntil(2020 * SimTime.US);
        return e;
    }

    /**
     * Mean time a header credit of {@code creditClass} ({@code posted} or {@code non-posted}) is held
     * per DMA (Little's law: credits in use / DMA rate) for 64 B sequential reads ({@code readFraction}
     * 1) or writes (0), 4 tags, through an IOMMU that translates one request at a time with 1 us per
     * PTE read and no caches, with or without ATS on the device.
     */
    static double headerCreditHoldingPs(LinkConfig link, double readFraction, boolean ats, String creditClass) {
        DeviceRig rig = new DeviceRig(3, TimedIommuConfig.defaults().withCachesOff().withInFlight(1, 1),
                SimTime.US, link, 1L << 20, PageSize.SIZE_4K);
        if (ats) {
            rig.iommu.enableAts(DeviceRig.DEVICE, AtsConfig.defaults());
        }
        DmaEngine e = rig.device(DmaConfig.defaults().withReadFraction(readFraction).withRequestBytes(64)
                        .withMaxOutstanding(4).withMemoryLatency(270 * SimTime.NS), new IssueMode.ClosedLoop(4),
                PatternSpec.of("sequential", DeviceRig.BASE, 1L << 20, 64));
        e.start();
        rig.stats.resetAfter(20 * SimTime.US);
        rig.sim.runUntil(520 * SimTime.US);
        double inUse = ((TimeWeighted) rig.stats.get("link." + creditClass + "-credits.headers-in-use")).mean();
        return inUse / e.stats().iops() * SimTime.S;
    }
}

package org.iommusim.hw.iommu;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.iommu.ats.AtsConfig;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.testing.TreeFixture;

/**
 * The ATS tests' shared fixture: device 1 attached to a 4-level table with four 4 KiB pages
 * mapped at {@link #IOVA} → {@link #HPA}, the IOMMU's caches off (an ATS request's walk is 4 PTE
 * reads of {@link #MEM}), and an ATC on device 1.
 */
final class AtsRig {
    static final long PAGE = 4096;
    static final long IOVA = 0x20_0000L;
    static final long HPA = 0x40_0000_0000L;
    static final long MEM = 100 * SimTime.NS;

    private AtsRig() {
    }

    /** The fixture with {@code policy} for unmaps and {@code ats} for device 1's ATC. */
    static ControlRig rig(UnmapPolicy policy, AtsConfig ats) {
        TreeFixture f = new TreeFixture();
        int root = f.root(4);
        f.attach(1, 0, root);
        for (int i = 0; i < 4; i++) {
            f.map(root, IOVA + i * PAGE, HPA + i * PAGE, PAGE, PageSize.SIZE_4K);
        }
        ControlRig c = new ControlRig(f, TimedIommuConfig.defaults().withCachesOff(), MEM, 1, policy);
        c.rig.iommu.enableAts(1, ats);
        return c;
    }

    /** An ATC miss's round trip under {@code a}: ATC lookup, link up, the 4-read walk, link down. */
    static long missRoundTrip(AtsConfig a) {
        return a.atc().latencyPs() + 2 * a.linkPs() + 4 * MEM;
    }
}

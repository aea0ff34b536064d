package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.iommu.control.CostModel;
import org.iommusim.hw.iommu.control.HostCpu;
import org.iommusim.hw.iommu.control.HostCpuConfig;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.iommu.inval.InvQueueConfig;
import org.iommusim.hw.iommu.inval.InvalidationQueue;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;

/**
 * The kernel's software walk of its own table in map and unmap: one PTE read per entry slot the
 * edit's descent examines at each level it reaches (empty slots included), counted in the
 * functional core and charged at the cost model's per-PTE read cost.
 */
class SoftwareWalkCostTest {
    private static final long PAGE = 4096;
    private static final long IOVA = 0x20_0000L;
    private static final long HPA = 0x40_0000_0000L;

    @Test
    void mapOfOne4kPage_onEmpty4LevelTable_readsOnePtePerLevel() {
        TreeFixture f = new TreeFixture();
        int root = f.root(4);

        Effects e = f.map(root, IOVA, HPA, PAGE, PageSize.SIZE_4K);

        assertThat(e.ptesRead()).as("levels 4, 3, 2, 1: one slot each").isEqualTo(4);
        assertThat(e.ptesWritten()).as("3 table pointers and the leaf").isEqualTo(4);
    }

    @Test
    void unmap_readsEverySlotInRange_emptyOnesIncluded() {
        TreeFixture f = new TreeFixture();
        int root = f.root(4);
        f.map(root, IOVA, HPA, PAGE, PageSize.SIZE_4K);
        Effects second = f.map(root, IOVA + 2 * PAGE, HPA, PAGE, PageSize.SIZE_4K);

        Effects e = f.unmap(root, IOVA, 3 * PAGE);

        assertThat(second.ptesRead()).as("tables exist: still one slot per level").isEqualTo(4);
        assertThat(e.ptesRead()).as("levels 4, 3, 2: one slot; level 1: three slots, the middle empty")
                .isEqualTo(3 + 3);
        assertThat(e.leavesUnmapped()).isEqualTo(2);
    }

    @Test
    void timedMap_latencyGrowsByReadsTimesPerPteReadCost() {
        CostModel d = CostModel.defaults();
        CostModel free = new CostModel(d.syscallPs(), d.trapPs(), 0, d.pteWritePs(), d.mapPagePs(), d.unmapPagePs(),
                d.rmapEntryPs(), d.shadowWritePs(), d.guestReadPs(), d.descriptorPs(), d.waitPs(), d.pageRequestPs(),
                d.shadowFaultPs());

        long charged = mapLatency(d);
        long uncharged = mapLatency(free);

        assertThat(d.pteReadPs()).isPositive();
        assertThat(charged - uncharged).isEqualTo(4 * d.pteReadPs());
    }

    @Test
    void timedUnmap_countsKernelPtesRead() {
        TreeFixture f = new TreeFixture();
        int root = f.root(4);
        f.attach(1, 0, root);
        f.map(root, IOVA, HPA, PAGE, PageSize.SIZE_4K);
        TimedRig rig = new TimedRig(f, TimedIommuConfig.defaults(), 80 * SimTime.NS);
        TimedControlPlane tcp = timed(rig, CostModel.defaults());

        tcp.unmap(root, IOVA, PAGE, false, (r, l) -> { });
        rig.sim.run();

        assertThat(((org.iommusim.core.stats.Counter) rig.stats.get("cp.kernel.ptes-read")).get()).isEqualTo(4);
    }

    private static long mapLatency(CostModel costs) {
        TreeFixture f = new TreeFixture();
        int root = f.root(4);
        f.attach(1, 0, root);
        TimedRig rig = new TimedRig(f, TimedIommuConfig.defaults(), 80 * SimTime.NS);
        TimedControlPlane tcp = timed(rig, costs);
        List<Long> latency = new ArrayList<>();

        tcp.map(root, IOVA, HPA, PAGE, Prot.RW, PageSize.SIZE_4K, false, (r, l) -> latency.add(l));
        rig.sim.run();

        assertThat(latency).hasSize(1);
        return latency.get(0);
    }

    private static TimedControlPlane timed(TimedRig rig, CostModel costs) {
        HostCpu cpu = new HostCpu(rig.sim, rig.stats, "host", new HostCpuConfig(1));
        InvalidationQueue queue = new InvalidationQueue(rig.sim, rig.stats, "invq", InvQueueConfig.defaults(),
                rig.iommu.effectHook());
        return new TimedControlPlane(rig.sim, rig.stats, "cp", rig.f.cp, rig.iommu, cpu, costs, queue,
                UnmapPolicy.strictPolicy());
    }
}

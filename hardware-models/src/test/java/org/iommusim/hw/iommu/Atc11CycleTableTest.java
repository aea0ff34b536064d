package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.hw.iommu.control.CostModel;
import org.iommusim.hw.iommu.control.HostEvents.Category;
import org.iommusim.hw.iommu.control.HostPath;
import org.iommusim.hw.iommu.control.OpStats;
import org.iommusim.hw.iommu.control.PathConfig;
import org.iommusim.hw.iommu.control.ViommuMode;
import org.iommusim.hw.iommu.inval.InvQueueConfig;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.junit.jupiter.api.Test;

/**
 * With item costs set from the vIOMMU ATC'11 cycle table (Amit et al., map + unmap of one page,
 * strict; docs/CALIBRATION.md), the model's map + unmap costs exactly the table's cycles, split
 * the same way into software logic (entries, table work) and hardware interaction (descriptors
 * and the invalidation wait): every item is charged once, nothing is added. One cycle = 1 ns.
 * Row by row: bare metal = two DMA-API calls; trap-and-emulate = two VM exits (in-kernel
 * emulation); sidecore = two iommufd calls on the polling core. PTE work is folded into the
 * entries (the table does not split it out); the hardware part is two descriptors (range +
 * wait) plus the queue's processing.
 */
class Atc11CycleTableTest {
    private static final long CYCLE = 1_000; // ps

    private static CostModel costs(long syscall, long trap, long descriptor) {
        return new CostModel(syscall, trap, 0, 0, 0, 0, 0, 0, 0, descriptor, 0, 0, 0);
    }

    private static InvQueueConfig queue(long rangePs) {
        InvQueueConfig d = InvQueueConfig.defaults();
        return new InvQueueConfig(d.depth(), d.maxRangePages(), rangePs, d.pasidPs(), d.domainPs(), d.globalPs(),
                d.deviceAtcPs(), 0);
    }

    private static void check(PathRig r, boolean guest, long sw, long hw) {
        r.tcp.map(r.root, PathRig.IOVA, PathRig.HPA, PathRig.PAGE, Prot.RW, PageSize.SIZE_4K, HostPath.DMA_API, guest,
                r.done());
        r.rig.sim.run();
        r.tcp.unmap(r.root, PathRig.IOVA, PathRig.PAGE, HostPath.DMA_API, guest, r.done());
        r.rig.sim.run();
        var ev = r.tcp.events();
        long hardware = ev.cpu(Category.DESCRIPTORS) + ev.cpu(Category.INVALIDATION_WAIT);
        long total = r.tcp.stats().cpuTime(OpStats.Kind.MAP) + r.tcp.stats().cpuTime(OpStats.Kind.UNMAP);
        assertThat(hardware).as("hardware interaction").isEqualTo(hw * CYCLE);
        assertThat(total - hardware).as("software logic").isEqualTo(sw * CYCLE);
        assertThat(total).isEqualTo((sw + hw) * CYCLE);
    }

    @Test
    void bareMetal_6909Cycles() {
        PathConfig p = new PathConfig(ViommuMode.TRAP_USER, 1_158 * CYCLE, 0, 0, 0);
        PathRig r = new PathRig(costs(0, 0, 1_000 * CYCLE), p, queue(2_593 * CYCLE), UnmapPolicy.strictPolicy());
        check(r, false, 2_316, 4_593);
    }

    @Test
    void trapAndEmulate_34969Cycles() {
        PathConfig p = new PathConfig(ViommuMode.TRAP_KERNEL, 0, 0, 0, 0);
        PathRig r = new PathRig(costs(0, 15_322_500, 1_000 * CYCLE), p, queue(2_324 * CYCLE),
                UnmapPolicy.strictPolicy());
        check(r, true, 30_645, 4_324);
    }

    @Test
    void sidecore_9225Cycles() {
        PathConfig p = new PathConfig(ViommuMode.SIDECORE, 0, 0, 0, 0);
        PathRig r = new PathRig(costs(3_660_500, 0, 500 * CYCLE), p, queue(904 * CYCLE), UnmapPolicy.strictPolicy());
        check(r, true, 7_321, 1_904);
    }
}

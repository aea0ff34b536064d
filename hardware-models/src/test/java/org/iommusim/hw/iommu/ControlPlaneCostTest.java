package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.iommu.control.CostModel;
import org.iommusim.hw.iommu.control.OpStats;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;

/**
 * Control-plane operations take simulated time priced from their work and contend for cores;
 * their effects happen at the modelled instant; a strict unmap holds its core until its
 * invalidation's wait descriptor completes. Times are hand-computed from the default
 * {@link CostModel} and invalidation-queue processing times (range 200 ns, wait 50 ns).
 */
class ControlPlaneCostTest {
    private static final long PAGE = 4096;
    private static final long IOVA = 0x20_0000L;
    private static final long HPA = 0x40_0000_0000L;

    private record Op(Result<Effects> result, long latency, long at) {
    }

    private static ControlRig rig(int cores, UnmapPolicy policy) {
        TreeFixture f = new TreeFixture();
        int root = f.root(4);
        f.attach(1, 0, root);
        return new ControlRig(f, TimedIommuConfig.defaults(), 80 * SimTime.NS, cores, policy);
    }

    private static TimedControlPlane.Done into(List<Op> ops, ControlRig c) {
        return (r, l) -> ops.add(new Op(r, l, c.rig.sim.now()));
    }

    @Test
    void map_chargesIoctlPteWritesAndPerPageWork_andChangesTablesAfterTheEntry() {
        ControlRig c = rig(1, UnmapPolicy.strictPolicy());
        int root = c.rig.f.cp.attached(1, 0).id();
        List<Op> ops = new ArrayList<>();

        c.tcp.map(root, IOVA, HPA, PAGE, Prot.RW, PageSize.SIZE_4K, false, into(ops, c));
        c.rig.sim.runUntil(c.costs.syscallPs() - 1);
        assertThat(c.rig.f.cp.ioasid(root)).isNotNull();
        assertThat(c.rig.f.translate(1, 0, IOVA, org.iommusim.hw.pagetable.Access.READ).ok)
                .as("not mapped before the ioctl entry has been paid").isFalse();
        c.rig.sim.run();

        Effects e = ops.get(0).result().value();
        long expected = c.costs.syscallPs() + e.ptesRead() * c.costs.pteReadPs()
                + e.ptesWritten() * c.costs.pteWritePs() + c.costs.mapPagePs();
        assertThat(ops.get(0).latency()).isEqualTo(expected);
        assertThat(c.tcp.stats().cpuTime(OpStats.Kind.MAP)).isEqualTo(expected);
    }

    @Test
    void strictUnmap_holdsItsCoreUntilTheWaitCompletes() {
        ControlRig c = rig(1, UnmapPolicy.strictPolicy());
        int root = c.rig.f.cp.attached(1, 0).id();
        c.rig.f.map(root, IOVA, HPA, PAGE, PageSize.SIZE_4K);
        List<Op> ops = new ArrayList<>();

        c.tcp.unmap(root, IOVA, PAGE, false, into(ops, c));
        c.rig.sim.run();

        Effects e = ops.get(0).result().value();
        long cpu = unmapCpu(c.costs, e, 2);
        long queue = 200 * SimTime.NS + 50 * SimTime.NS;
        assertThat(e.invalidations()).hasSize(1);
        assertThat(ops.get(0).latency()).isEqualTo(cpu + queue);
        assertThat(c.tcp.stats().cpuTime(OpStats.Kind.UNMAP)).as("the core spins on the wait").isEqualTo(cpu + queue);
    }

    @Test
    void lazyUnmap_returnsBeforeTheInvalidation_whichTheTimeoutDrains() {
        ControlRig c = rig(1, UnmapPolicy.lazy(256, SimTime.US));
        int root = c.rig.f.cp.attached(1, 0).id();
        c.rig.f.map(root, IOVA, HPA, PAGE, PageSize.SIZE_4K);
        c.rig.translateNow(1, IOVA);
        long t0 = c.rig.sim.now();
        List<Op> ops = new ArrayList<>();

        c.tcp.unmap(root, IOVA, PAGE, org.iommusim.hw.iommu.control.HostPath.DMA_API, false, into(ops, c));
        c.rig.sim.run();

        Effects e = ops.get(0).result().value();
        // a DMA-API unmap (the path a lazy policy defers): call + IOVA free + PTE work, no pinning and no
        // descriptor (Linux writes nothing at a lazy unmap; the drain writes the flush)
        long cpu = org.iommusim.hw.iommu.control.PathConfig.DEFAULT_DMA_CALL_PS
                + org.iommusim.hw.iommu.control.PathConfig.DEFAULT_IOVA_ALLOC_PS + e.ptesRead() * c.costs.pteReadPs()
                + e.ptesWritten() * c.costs.pteWritePs();
        assertThat(ops.get(0).latency()).isEqualTo(cpu);
        assertThat(c.tcp.deferred()).isZero();
        assertThat(c.rig.iommu.iotlb().size()).as("drained by the timeout").isZero();
        assertThat(c.rig.sim.now()).as("timeout 1 us after the unmap returned, then domain-selective flush + wait")
                .isEqualTo(t0 + cpu + SimTime.US + 350 * SimTime.NS);
    }

    @Test
    void guestOperation_paysTheExitTheExitToUserAndTheIoctl_hostMapAlsoItsPinning() {
        ControlRig c = rig(1, UnmapPolicy.strictPolicy());
        int root = c.rig.f.cp.attached(1, 0).id();
        List<Op> ops = new ArrayList<>();

        c.tcp.map(root, IOVA, HPA, PAGE, Prot.RW, PageSize.SIZE_4K, true, into(ops, c));
        c.tcp.map(root, IOVA + PAGE, HPA + PAGE, PAGE, Prot.RW, PageSize.SIZE_4K, false, into(ops, c));
        c.rig.sim.run();

        Effects e0 = ops.get(0).result().value();
        // the default vIOMMU is trap-and-emulate in user space; the guest's PTE map pins nothing
        long first = c.costs.trapPs() + c.tcp.paths().exitToUserPs() + c.costs.syscallPs()
                + e0.ptesRead() * c.costs.pteReadPs() + e0.ptesWritten() * c.costs.pteWritePs();
        assertThat(ops.get(0).latency()).isEqualTo(first);
        Effects e1 = ops.get(1).result().value();
        long second = c.costs.syscallPs() + e1.ptesRead() * c.costs.pteReadPs()
                + e1.ptesWritten() * c.costs.pteWritePs() + c.costs.mapPagePs();
        assertThat(ops.get(1).latency()).as("one core: waits for the first").isEqualTo(first + second);
    }

    @Test
    void twoCores_runTwoOperationsAtOnce() {
        ControlRig c = rig(2, UnmapPolicy.strictPolicy());
        int root = c.rig.f.cp.attached(1, 0).id();
        List<Op> ops = new ArrayList<>();

        c.tcp.map(root, IOVA, HPA, PAGE, Prot.RW, PageSize.SIZE_4K, false, into(ops, c));
        c.tcp.map(root, IOVA + 0x4000_0000L, HPA + PAGE, PAGE, Prot.RW, PageSize.SIZE_4K, false, into(ops, c));
        c.tcp.map(root, IOVA + PAGE, HPA + 2 * PAGE, PAGE, Prot.RW, PageSize.SIZE_4K, false, into(ops, c));
        c.rig.sim.run();

        assertThat(ops.get(0).at()).isEqualTo(ops.get(0).latency());
        assertThat(ops.get(1).latency()).as("second core: no wait").isEqualTo(ops.get(1).at());
        assertThat(ops.get(2).latency()).as("third op waits for the first core to free")
                .isGreaterThan(ops.get(0).latency());
        assertThat(((org.iommusim.core.stats.Tally) c.rig.stats.get("host.cores.wait")).max()).isPositive();
    }

    @Test
    void parentUnmapUnderHardwareNestedChild_flushesTheChildDomainAndCountsIt() {
        TreeFixture f = TreeFixture.anyDepth();
        int parent = f.root(4);
        f.map(parent, 0, HPA, 0x10_0000L, PageSize.SIZE_4K);
        f.map(parent, 0x10_0000L, HPA + 0x10_0000L, PAGE, PageSize.SIZE_4K); // the child's data page
        int child = f.child(parent, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4);
        GuestPageTable t = f.guestTable(child, 0, 0x10_0000L);
        TreeFixture.ok(t.map(IOVA, 0x10_0000L, PageSize.SIZE_4K, Prot.RW));
        f.attach(1, 0, child);
        ControlRig c = new ControlRig(f, TimedIommuConfig.defaults(), 80 * SimTime.NS, 1, UnmapPolicy.strictPolicy());
        assertThat(c.rig.translateNow(1, IOVA).ok()).isTrue();
        assertThat(c.rig.iommu.iotlb().size()).isEqualTo(1);
        List<Op> ops = new ArrayList<>();

        c.tcp.unmap(parent, 0x10_0000L, PAGE, false, into(ops, c)); // the child's data page
        c.rig.sim.run();

        assertThat(ops.get(0).result().value().invalidations()).extracting(i -> i.cause().name())
                .contains("UNMAP", "PARENT_CHANGE");
        assertThat(c.rig.counter("invalidation.parent-change-flushes")).isEqualTo(1);
        assertThat(c.rig.iommu.iotlb().size()).isZero();
        assertThat(c.rig.translateNow(1, IOVA).ok()).as("stage-2 fault now").isFalse();
    }

    /** Host CPU of a one-page unmap: ioctl, its software PTE reads and writes, the page, and its descriptors. */
    private static long unmapCpu(CostModel k, Effects e, int descriptors) {
        return k.syscallPs() + e.ptesRead() * k.pteReadPs() + e.ptesWritten() * k.pteWritePs() + k.unmapPagePs()
                + descriptors * k.descriptorPs();
    }
}

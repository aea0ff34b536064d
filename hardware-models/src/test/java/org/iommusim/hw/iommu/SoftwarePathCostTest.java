package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.SimTime;
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
 * Each host path and each vIOMMU mode charges its costs where they fall (issue 16): the right
 * categories of {@code cp.cpu.*}, the right event counts, nothing else — and the categories sum
 * to the operations' core time.
 */
class SoftwarePathCostTest {
    private static final long NS = SimTime.NS;

    private static PathRig rig(PathConfig paths) {
        return new PathRig(CostModel.defaults(), paths, InvQueueConfig.defaults(), UnmapPolicy.strictPolicy());
    }

    private static void mapUnmap(PathRig r, HostPath path, boolean guest) {
        r.tcp.map(r.root, PathRig.IOVA, PathRig.HPA, PathRig.PAGE, Prot.RW, PageSize.SIZE_4K, path, guest, r.done());
        r.rig.sim.run();
        r.tcp.unmap(r.root, PathRig.IOVA, PathRig.PAGE, path, guest, r.done());
        r.rig.sim.run();
    }

    private static long sumOfCategories(PathRig r) {
        long t = 0;
        for (Category c : Category.values()) {
            t += r.tcp.events().cpu(c);
        }
        return t;
    }

    private static long opTime(PathRig r) {
        return r.tcp.stats().cpuTime(OpStats.Kind.MAP) + r.tcp.stats().cpuTime(OpStats.Kind.UNMAP);
    }

    @Test
    void dmaApi_isAFunctionCallWithAnIovaAllocation_noSyscallNoPinning() {
        PathRig r = rig(PathConfig.defaults());
        mapUnmap(r, HostPath.DMA_API, false);
        var ev = r.tcp.events();
        assertThat(ev.dmaApiCalls()).isEqualTo(2);
        assertThat(ev.cpu(Category.DMA_API)).isEqualTo(2 * PathConfig.DEFAULT_DMA_CALL_PS);
        assertThat(ev.iovaSlowPaths()).as("the first allocation finds empty magazines").isEqualTo(1);
        assertThat(ev.cpu(Category.IOVA)).isEqualTo(PathConfig.DEFAULT_IOVA_SLOW_PATH_PS
                + PathConfig.DEFAULT_IOVA_ALLOC_PS);
        assertThat(ev.cpu(Category.SYSCALL)).isZero();
        assertThat(ev.cpu(Category.PINNING)).isZero();
        assertThat(ev.pagesPinned()).isZero();
        assertThat(ev.cpu(Category.INVALIDATION_WAIT)).as("strict unmap spins on its wait").isPositive();
        assertThat(sumOfCategories(r)).isEqualTo(opTime(r));
    }

    @Test
    void dmaApi_reusedIova_isServedByTheRcache() {
        PathRig r = rig(PathConfig.defaults());
        mapUnmap(r, HostPath.DMA_API, false);
        mapUnmap(r, HostPath.DMA_API, false);
        assertThat(r.tcp.events().iovaAllocs()).isEqualTo(2);
        assertThat(r.tcp.events().iovaSlowPaths()).isEqualTo(1);
    }

    @Test
    void vfio_isAnIoctlWithPerPagePinning() {
        PathRig r = rig(PathConfig.defaults());
        mapUnmap(r, HostPath.VFIO, false);
        var ev = r.tcp.events();
        assertThat(ev.ioctls()).isEqualTo(2);
        assertThat(ev.cpu(Category.SYSCALL)).isEqualTo(2 * CostModel.defaults().syscallPs());
        assertThat(ev.pagesPinned()).isEqualTo(1);
        assertThat(ev.cpu(Category.PINNING)).isEqualTo(200 * NS + 150 * NS);
        assertThat(ev.dmaApiCalls()).isZero();
        assertThat(sumOfCategories(r)).isEqualTo(opTime(r));
    }

    @Test
    void static_isAFunctionCallWithoutAllocator() {
        PathRig r = rig(PathConfig.defaults());
        mapUnmap(r, HostPath.STATIC, false);
        var ev = r.tcp.events();
        assertThat(ev.cpu(Category.DMA_API)).isEqualTo(2 * PathConfig.DEFAULT_DMA_CALL_PS);
        assertThat(ev.iovaAllocs()).isZero();
        assertThat(ev.cpu(Category.SYSCALL) + ev.cpu(Category.PINNING) + ev.cpu(Category.IOVA)).isZero();
    }

    @Test
    void trapUser_paysExitExitToUserAndTwoIoctls() {
        PathRig r = rig(PathConfig.defaults().withViommu(ViommuMode.TRAP_USER));
        mapUnmap(r, HostPath.DMA_API, true);
        var ev = r.tcp.events();
        assertThat(ev.vmExits()).isEqualTo(2);
        assertThat(ev.exitsToUser()).isEqualTo(2);
        assertThat(ev.ioctls()).as("iommufd + KVM_RUN per operation").isEqualTo(4);
        assertThat(ev.cpu(Category.VM_EXIT)).isEqualTo(2 * CostModel.defaults().trapPs());
        assertThat(ev.cpu(Category.EXIT_TO_USER)).isEqualTo(2 * PathConfig.DEFAULT_EXIT_TO_USER_PS);
        assertThat(ev.dmaApiCalls()).as("a guest's path is its vIOMMU's").isZero();
        assertThat(sumOfCategories(r)).isEqualTo(opTime(r));
    }

    @Test
    void trapKernel_paysTheExitOnly() {
        PathRig r = rig(PathConfig.defaults().withViommu(ViommuMode.TRAP_KERNEL));
        mapUnmap(r, HostPath.DMA_API, true);
        var ev = r.tcp.events();
        assertThat(ev.vmExits()).isEqualTo(2);
        assertThat(ev.exitsToUser()).isZero();
        assertThat(ev.ioctls()).isZero();
        assertThat(ev.cpu(Category.SYSCALL) + ev.cpu(Category.EXIT_TO_USER)).isZero();
    }

    @Test
    void sidecore_runsOnItsOwnCoreWithoutExits() {
        PathRig r = rig(PathConfig.defaults().withViommu(ViommuMode.SIDECORE));
        mapUnmap(r, HostPath.DMA_API, true);
        var ev = r.tcp.events();
        assertThat(ev.vmExits()).isZero();
        assertThat(ev.ioctls()).isEqualTo(2);
        assertThat(r.counter("host.sidecore.cores.completions")).isEqualTo(2);
        assertThat(r.counter("host.cores.completions")).as("the host's own cores are not used").isZero();
        assertThat(sumOfCategories(r)).isEqualTo(opTime(r));
    }

    @Test
    void sidecore_occupiesItsCoreWhole_pollingWhenIdle() {
        PathRig r = rig(PathConfig.defaults().withViommu(ViommuMode.SIDECORE));
        mapUnmap(r, HostPath.DMA_API, true);
        r.rig.sim.runUntil(r.rig.sim.now() + 100 * SimTime.US); // mostly idle: the core polls
        double useful = ((org.iommusim.core.stats.Derived) r.rig.stats.get("host.sidecore.cores.utilisation")).get();
        double polling = ((org.iommusim.core.stats.Derived) r.rig.stats.get("host.sidecore.polling")).get();
        assertThat(((org.iommusim.core.stats.Derived) r.rig.stats.get("host.sidecore.occupied")).get()).isEqualTo(1.0);
        assertThat(useful).isPositive();
        assertThat(polling).as("the idle share is polling, not free").isGreaterThan(0.9);
        assertThat(useful + polling).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        PathRig noSidecore = rig(PathConfig.defaults());
        assertThat(noSidecore.rig.stats.get("host.sidecore.polling")).as("only a sidecore polls").isNull();
    }

    @Test
    void hwQueue_guestOperationsTakeNoHostCpu() {
        PathRig r = rig(PathConfig.defaults().withViommu(ViommuMode.HW_QUEUE));
        mapUnmap(r, HostPath.DMA_API, true);
        assertThat(opTime(r)).isZero();
        assertThat(sumOfCategories(r)).isZero();
        assertThat(r.tcp.events().vmExits()).isZero();
        assertThat(r.latencies).as("the guest's commands still take time to complete").allMatch(l -> l > 0);
    }

    @Test
    void virtioIommu_requestsExitByKickAndPin() {
        PathRig r = rig(PathConfig.defaults().withViommu(ViommuMode.VIRTIO_IOMMU));
        mapUnmap(r, HostPath.DMA_API, true);
        var ev = r.tcp.events();
        assertThat(ev.vmExits()).isEqualTo(2);
        assertThat(r.counter("cp.events.vm-exits.virtio-kick")).isEqualTo(2);
        assertThat(ev.exitsToUser()).isEqualTo(2);
        assertThat(ev.pagesPinned()).isEqualTo(1);
        assertThat(ev.cpu(Category.PINNING)).isPositive();
    }

    @Test
    void driverWork_chargesItsCostOnACore() {
        PathRig r = rig(PathConfig.defaults());
        boolean[] ran = {false};
        r.tcp.driverWork(700 * NS, (error, latency) -> ran[0] = error == null);
        r.rig.sim.run();
        assertThat(ran[0]).isTrue();
        assertThat(r.tcp.events().cpu(Category.DRIVER)).isEqualTo(700 * NS);
        assertThat(r.tcp.stats().cpuTime(OpStats.Kind.DRIVER)).isEqualTo(700 * NS);
        assertThat(r.rig.sim.now()).isEqualTo(700 * NS);
    }
}

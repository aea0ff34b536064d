package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.iommu.control.CostModel;
import org.iommusim.hw.iommu.control.HostPath;
import org.iommusim.hw.iommu.control.PathConfig;
import org.iommusim.hw.iommu.inval.InvQueueConfig;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.junit.jupiter.api.Test;

/**
 * When a host unmap's flush happens under a lazy policy: a VFIO/iommufd unmap flushes before it
 * returns (its pages are unpinned), only a DMA-API unmap is deferred to the flush queue; and a
 * deferred unmap's IOVA goes back to the allocator only when the flush queue has drained, so it
 * cannot be handed out before its flush.
 */
class HostUnmapTimingTest {
    private static final long PAGE = PathRig.PAGE;

    private static PathRig lazy() {
        return new PathRig(CostModel.defaults(), PathConfig.defaults(), InvQueueConfig.defaults(),
                UnmapPolicy.lazy(256, 10 * SimTime.MS));
    }

    private static void map(PathRig r, long iova, HostPath path) {
        r.tcp.map(r.root, iova, PathRig.HPA + iova, PAGE, Prot.RW, PageSize.SIZE_4K, path, false, r.done());
        r.rig.sim.runUntil(r.rig.sim.now() + 100 * SimTime.US);
    }

    private static void unmap(PathRig r, long iova, HostPath path) {
        r.tcp.unmap(r.root, iova, PAGE, path, false, r.done());
        r.rig.sim.runUntil(r.rig.sim.now() + 100 * SimTime.US);
    }

    @Test
    void vfioUnmap_flushesBeforeItReturns_underALazyPolicy() {
        PathRig r = lazy();
        map(r, PathRig.IOVA, HostPath.VFIO);
        unmap(r, PathRig.IOVA, HostPath.VFIO);
        assertThat(r.tcp.deferred()).as("nothing left in the flush queue").isZero();
        assertThat(r.counter("cp.flush-queue.flushes")).isZero();
        assertThat(r.counter("invq.descriptors.wait")).as("the unmap waited for its invalidation").isEqualTo(1);
    }

    @Test
    void dmaApiUnmap_isDeferred_underALazyPolicy() {
        PathRig r = lazy();
        map(r, PathRig.IOVA, HostPath.DMA_API);
        unmap(r, PathRig.IOVA, HostPath.DMA_API);
        assertThat(r.tcp.deferred()).isEqualTo(1);
        assertThat(r.counter("invq.descriptors.wait")).isZero();
    }

    @Test
    void lazyUnmapsIova_isNotReusedBeforeTheFlush() {
        PathRig r = lazy();
        map(r, PathRig.IOVA, HostPath.DMA_API); // empty magazines: slow path
        unmap(r, PathRig.IOVA, HostPath.DMA_API);
        map(r, PathRig.IOVA + 2 * PAGE, HostPath.DMA_API);
        assertThat(r.tcp.events().iovaSlowPaths()).as("the unmapped IOVA is still in the flush queue").isEqualTo(2);
        r.tcp.flush();
        r.rig.sim.runUntil(r.rig.sim.now() + 100 * SimTime.US);
        map(r, PathRig.IOVA + 4 * PAGE, HostPath.DMA_API);
        assertThat(r.tcp.events().iovaSlowPaths()).as("after the drain the rcache has it").isEqualTo(2);
    }

    @Test
    void strictUnmapsIova_isReusedAtOnce() {
        PathRig r = new PathRig(CostModel.defaults(), PathConfig.defaults(), InvQueueConfig.defaults(),
                UnmapPolicy.strictPolicy());
        map(r, PathRig.IOVA, HostPath.DMA_API);
        unmap(r, PathRig.IOVA, HostPath.DMA_API);
        map(r, PathRig.IOVA + 2 * PAGE, HostPath.DMA_API);
        assertThat(r.tcp.events().iovaSlowPaths()).isEqualTo(1);
    }
}

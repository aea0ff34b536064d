package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.junit.jupiter.api.Test;

/**
 * VALIDATION item 7 with a loaded invalidation queue: a NIC's per-packet strict 4 KiB map/unmap
 * while other users of the same control plane and invalidation queue (three map/unmap chains on
 * the NIC's IOASID, far from its buffers) keep descriptors ahead of the NIC's, so the NIC's
 * invalidations wait. Regression: when the page table freed a leaf table as soon as its last page
 * was unmapped, the next buffer's map in the same 2 MiB region allocated a new leaf table while
 * that invalidation waited, and the DMA walked through the cached pointer to the freed table —
 * stale uses under strict unmap. Linux frees a table only when the unmap covers its whole range,
 * so these unmaps free nothing and are leaf-only.
 */
class NicSharedQueueStaleUseTest {
    private static final long FAR = DeviceRig.BASE + (1L << 30); // another GiB of the same IOASID
    private static final long FAR_HPA = DeviceRig.HPA + (1L << 30);
    private static final long PAGE = 4096;

    @Test
    void perPacketStrictUnmap_withOtherUsersLoadingTheInvalidationQueue_hasNoStaleUse() {
        NicConfig c = NicConfig.defaults().withRings(64, 0).withLineRate(10e9);
        NicRig r = new NicRig(3, TimedIommuConfig.defaults(), UnmapPolicy.strictPolicy(), c);
        int ioasid = r.rig.f.cp.attached(DeviceRig.DEVICE, 0).id();
        long[] chainOps = new long[1];
        for (int chain = 0; chain < 3; chain++) {
            loadChain(r, ioasid, chain, 0, chainOps);
        }
        r.nic.start();
        r.rig.sim.runUntil(400 * SimTime.US);

        long packets = r.counter("nic.rx.packets");
        long unmaps = r.counter("cp.op.unmap.count");
        System.out.printf("strict NIC + 3 map/unmap chains: %d packets, %d unmaps (%d by the chains), %d stale uses%n",
                packets, unmaps, chainOps[0], r.counter("iommu.stale-uses"));
        assertThat(packets).isGreaterThan(100);
        assertThat(chainOps[0]).as("the other users kept the queue busy").isGreaterThan(packets);
        assertThat(r.counter("iommu.stale-uses")).isZero();
    }

    /** Maps and unmaps one 4 KiB page of its own, over and over, through the shared control plane. */
    private static void loadChain(NicRig r, int ioasid, int chain, long k, long[] ops) {
        long iova = FAR + ((chain * 1024L + (k % 1024)) * PAGE);
        r.tcp.map(ioasid, iova, FAR_HPA + (iova - FAR), PAGE, Prot.RW, PageSize.SIZE_4K, false, (m, l1) ->
                r.tcp.unmap(ioasid, iova, PAGE, false, (u, l2) -> {
                    ops[0]++;
                    if (r.rig.sim.now() < 400 * SimTime.US) {
                        loadChain(r, ioasid, chain, k + 1, ops);
                    }
                }));
    }
}

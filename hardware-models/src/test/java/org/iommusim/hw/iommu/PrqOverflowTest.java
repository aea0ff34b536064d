package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.iommu.fault.PageRequestHandler;
import org.iommusim.hw.iommu.fault.PageRequestPath;
import org.iommusim.hw.iommu.fault.PriConfig;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;

/**
 * A full page request queue answers automatically and the device retries (VT-d §7.4.1, SMMUv3
 * §8.1): with a one-entry queue, two DMAs fault on two unmapped pages at once. The first request
 * is queued and its page mapped after the handler latency; the second finds the queue full, gets
 * the automatic Success response, nothing is mapped, it retries — faults, asks again — and once
 * the first has left the queue its request is queued and answered.
 */
class PrqOverflowTest {
    private static final long PAGE = 4096;
    private static final long MEM = 100 * SimTime.NS;
    private static final long HPA = 0x4000_0000L;

    @Test
    void fullQueue_autoResponds_deviceRetriesUntilItsRequestIsQueued() {
        TreeFixture f = new TreeFixture();
        int root = f.root(4);
        f.map(root, 64 * PAGE, HPA, PAGE, PageSize.SIZE_4K); // tables exist; pages 0 and 1 are not mapped
        f.attach(1, 0, root);
        TimedRig rig = new TimedRig(f, TimedIommuConfig.defaults().withCachesOff(), MEM);
        PriConfig config = new PriConfig(2 * SimTime.US, 1, SimTime.US);
        PageRequestPath path = new PageRequestPath(rig.sim, rig.stats, "pri", config);
        int[] mapped = new int[1];
        rig.iommu.setPageRequests(path, new PageRequestHandler() {
            @Override
            public boolean recoverable(int device, int pasid, int ioasid, FaultReason reason, int stage) {
                return true;
            }

            @Override
            public void handle(int device, int pasid, int ioasid, long iova, Access access, FaultReason reason,
                               int stage) {
                mapped[0]++;
                f.map(ioasid, iova & ~(PAGE - 1), HPA + iova, PAGE, PageSize.SIZE_4K);
            }
        });

        rig.translate(1, 0, 0);
        rig.translate(1, PAGE, 1);
        rig.sim.run();

        assertThat(rig.done).hasSize(2).allMatch(TimedRig.Done::ok);
        assertThat(path.autoResponses()).as("the second DMA's first two requests").isEqualTo(2);
        assertThat(rig.counter("faults.page-requests")).isEqualTo(4);
        assertThat(mapped[0]).as("only queued requests reach software").isEqualTo(2);
        assertThat(rig.done.get(1).latency()).isGreaterThan(rig.done.get(0).latency());
    }
}

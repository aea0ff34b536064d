package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iommusim.hw.iommu.ColdWalkTimingTest.HPA_BASE;
import static org.iommusim.hw.iommu.ColdWalkTimingTest.IOVA;
import static org.iommusim.hw.iommu.ColdWalkTimingTest.MEM;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.AllocSpec;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.iommu.fault.FaultQueue;
import org.iommusim.hw.iommu.fault.FaultQueueConfig;
import org.iommusim.hw.iommu.fault.FaultReporter;
import org.iommusim.hw.iommu.fault.FaultStage;
import org.iommusim.hw.iommu.fault.PageGroup;
import org.iommusim.hw.iommu.fault.PageRequestGroups;
import org.iommusim.hw.iommu.fault.PageRequestHandler;
import org.iommusim.hw.iommu.fault.PageRequestPath;
import org.iommusim.hw.iommu.fault.PriConfig;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;

/**
 * Faults on the timed path: an unrecoverable fault aborts the DMA and is recorded in the fault
 * queue; a full queue counts overflows and nothing breaks; a recoverable (PRI) fault goes back to
 * its device unrecorded (the device's page request group and retry: PageRequestGroupDmaTest);
 * a shadow miss fixed by lazy fill is no fault at all.
 */
class FaultPathTest {
    private static final long PAGE = 4096;

    private static TimedRig emptyRoot() {
        TreeFixture f = TreeFixture.anyDepth();
        int root = f.root(4);
        f.attach(1, 0, root);
        return new TimedRig(f, TimedIommuConfig.defaults().withCachesOff(), MEM);
    }

    @Test
    void unmappedPage_abortsTheDmaAndRecordsTheFault() {
        TimedRig rig = emptyRoot();
        FaultQueue q = new FaultQueue(rig.sim, rig.stats, "faultq", FaultQueueConfig.defaults(), null, null);
        rig.iommu.setFaultReporter(FaultReporter.of(q, rig.f.cp));

        TimedRig.Done d = rig.translateNow(1, IOVA);

        assertThat(d.ok()).isFalse();
        assertThat(d.reason()).isEqualTo(FaultReason.NOT_PRESENT);
        assertThat(d.stage()).isEqualTo(1);
        assertThat(d.latency()).as("one read: the empty root entry").isEqualTo(MEM);
        assertThat(rig.counter("faults.not-present.s1")).isEqualTo(1);
        assertThat(q.faults(FaultStage.SINGLE)).isEqualTo(1);
    }

    @Test
    void faultQueueFull_overflowsAreCountedAndEveryDmaCompletes() {
        TimedRig rig = emptyRoot();
        FaultQueue q = new FaultQueue(rig.sim, rig.stats, "faultq", new FaultQueueConfig(2, SimTime.MS), null, null);
        rig.iommu.setFaultReporter(FaultReporter.of(q, rig.f.cp));

        for (int i = 0; i < 5; i++) {
            rig.translate(1, IOVA + i * PAGE, i);
        }
        rig.sim.run();

        assertThat(rig.done).hasSize(5).allMatch(d -> !d.ok());
        assertThat(q.overflows()).isEqualTo(3);
        assertThat(rig.counter("faults.overflows")).isEqualTo(3);
    }

    @Test
    void recoverableFault_failsBackToTheDevice_recordsNoFault_countsAPageRequest() {
        TimedRig rig = emptyRoot();
        FaultQueue q = new FaultQueue(rig.sim, rig.stats, "faultq", new FaultQueueConfig(8, SimTime.US), null, null);
        rig.iommu.setFaultReporter(FaultReporter.of(q, rig.f.cp));
        PageRequestPath path = new PageRequestPath(rig.sim, rig.stats, "pri", new PriConfig(10 * SimTime.US));
        rig.iommu.setPageRequests(new PageRequestGroups(path, rig.f.cp, new PageRequestHandler() {
            @Override
            public boolean recoverable(int device, int pasid, int ioasid, FaultReason reason, int stage) {
                return reason == FaultReason.NOT_PRESENT;
            }

            @Override
            public void handle(int ioasid, PageGroup group) {
                throw new AssertionError("the IOMMU sends no page request itself");
            }
        }, PriConfig.defaults(), rig.stats, "pri"));

        TimedRig.Done d = rig.translateNow(1, IOVA + 0x20);

        // 1 read finds the empty root; the failure goes back at once (the device asks, PageRequestGroupDmaTest)
        assertThat(d.ok()).isFalse();
        assertThat(d.latency()).isEqualTo(MEM);
        assertThat(rig.counter("faults.page-requests")).isEqualTo(1);
        assertThat(q.overflows()).isZero();
        assertThat(path.requests()).as("only a device sends page requests").isZero();
    }

    @Test
    void shadowMissFixedByLazyFill_isNotAFault() {
        TreeFixture f = TreeFixture.anyDepth();
        int parent = f.root(4);
        f.map(parent, 0, HPA_BASE, 1L << 21, PageSize.SIZE_4K);
        int shadow = f.alloc(AllocSpec.child(parent, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4).withLazyFill(true));
        GuestPageTable table = f.guestTable(shadow, 0, 0x10_0000L);
        TreeFixture.ok(table.map(IOVA, 0x10_0000L, PageSize.SIZE_4K, Prot.RW)); // no invalidation
        f.attach(1, 0, shadow);
        TimedIommuConfig c = TimedIommuConfig.defaults().withCachesOff();
        TimedRig rig = new TimedRig(f, c, MEM);

        TimedRig.Done d = rig.translateNow(1, IOVA);

        assertThat(d.ok()).as("%s", d).isTrue();
        assertThat(d.hpa()).isEqualTo(HPA_BASE + 0x10_0000L);
        assertThat(rig.counter("faults.not-present.s1")).isZero();
        assertThat(rig.counter("faults.page-requests")).isZero();
        assertThat(rig.reads()).as("the missed attempt and the retried walk").isGreaterThan(4);
        assertThat(d.latency()).isEqualTo(rig.reads() * MEM + c.lazyFillPs());
    }
}

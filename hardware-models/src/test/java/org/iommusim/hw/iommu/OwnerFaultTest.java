package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iommusim.hw.iommu.ColdWalkTimingTest.DATA_GPA;
import static org.iommusim.hw.iommu.ColdWalkTimingTest.HPA_BASE;
import static org.iommusim.hw.iommu.ColdWalkTimingTest.IOVA;
import static org.iommusim.hw.iommu.ColdWalkTimingTest.MEM;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.iommu.fault.FaultQueue;
import org.iommusim.hw.iommu.fault.FaultQueueConfig;
import org.iommusim.hw.iommu.fault.FaultReporter;
import org.iommusim.hw.iommu.fault.FaultStage;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;

/**
 * Stage-1 faults of a bound (bind-invalidate) guest table go to the table's owner, not the host
 * fault queue; stage-2 faults of the same tree and faults of host-managed (map-unmap) tables go
 * to the host fault queue, never to an owner.
 */
class OwnerFaultTest {
    /** What the owner heard. */
    private record Heard(int device, int pasid, long iova, FaultReason reason) {
    }

    private static final long PAGE = 4096;
    /** Mapped in the guest table to a GPA the parent does not map: a stage-2 fault. */
    private static final long IOVA_S2 = IOVA + 16 * PAGE;
    /** Not mapped in the guest table: a stage-1 fault. */
    private static final long IOVA_S1 = IOVA + 32 * PAGE;

    private final TreeFixture f = TreeFixture.anyDepth();
    private final int parent = f.root(4);
    private final int child = f.child(parent, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4);
    private final List<Heard> heard = new ArrayList<>();
    private TimedRig rig;
    private FaultQueue queue;

    private void build() {
        f.map(parent, 0, HPA_BASE, 1L << 21, PageSize.SIZE_4K);
        GuestPageTable table = f.guestTable(child, 0, DATA_GPA);
        TreeFixture.ok(table.map(IOVA, DATA_GPA, PageSize.SIZE_4K, Prot.RW));
        TreeFixture.ok(table.map(IOVA_S2, 1L << 22, PageSize.SIZE_4K, Prot.RW)); // GPA 4 MiB: unmapped
        f.attach(1, 0, child);
        rig = new TimedRig(f, TimedIommuConfig.defaults().withCachesOff(), MEM);
        queue = new FaultQueue(rig.sim, rig.stats, "faultq", FaultQueueConfig.defaults(), null, null);
        rig.iommu.setFaultReporter(FaultReporter.of(queue, f.cp));
        rig.iommu.setOwnerFaultHandler(child, (device, pasid, iova, reason) ->
                heard.add(new Heard(device, pasid, iova, reason)));
    }

    @Test
    void stageOneFault_ofBoundGuestTable_isReportedToTheOwner_notTheHostQueue() {
        build();

        TimedRig.Done d = rig.translateNow(1, IOVA_S1 + 0x18);

        assertThat(d.ok()).isFalse();
        assertThat(d.stage()).isEqualTo(1);
        assertThat(heard).containsExactly(new Heard(1, 0, IOVA_S1 + 0x18, FaultReason.NOT_PRESENT));
        assertThat(rig.counter("faults.reported-to-owner")).isEqualTo(1);
        assertThat(rig.counter("faults.reported-to-owner.ioasid" + child)).isEqualTo(1);
        assertThat(queue.faults(FaultStage.STAGE1) + queue.faults(FaultStage.STAGE2)
                + queue.faults(FaultStage.SINGLE)).as("nothing in the host queue").isZero();
        assertThat(rig.counter("faults.not-present.s1")).as("the DMA is still aborted").isEqualTo(1);
    }

    @Test
    void stageTwoFault_ofTheSameTree_goesToTheHostQueue_notTheOwner() {
        build();

        TimedRig.Done d = rig.translateNow(1, IOVA_S2);

        assertThat(d.ok()).isFalse();
        assertThat(d.stage()).isEqualTo(2);
        assertThat(heard).isEmpty();
        assertThat(rig.counter("faults.reported-to-owner")).isZero();
        assertThat(queue.faults(FaultStage.STAGE2)).isEqualTo(1);
    }

    @Test
    void ownerWithoutHandler_faultIsCountedOnly() {
        build();
        rig.iommu.setOwnerFaultHandler(child, null);

        rig.translateNow(1, IOVA_S1);

        assertThat(heard).isEmpty();
        assertThat(rig.counter("faults.reported-to-owner")).isEqualTo(1);
        assertThat(queue.faults(FaultStage.STAGE1)).isZero();
    }

    @Test
    void stageOneFault_ofMapUnmapTable_goesToTheHostQueue() {
        build();
        f.attach(2, 0, parent);
        rig.iommu.setOwnerFaultHandler(parent, (device, pasid, iova, reason) ->
                heard.add(new Heard(device, pasid, iova, reason)));

        TimedRig.Done d = rig.translateNow(2, 1L << 30);

        assertThat(d.ok()).isFalse();
        assertThat(heard).isEmpty();
        assertThat(rig.counter("faults.reported-to-owner")).isZero();
        assertThat(queue.faults(FaultStage.SINGLE)).isEqualTo(1);
    }
}

package org.iommusim.hw.iommu.fault;

import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.IoasidView;
import org.iommusim.hw.nesting.WalkShape;
import org.iommusim.hw.pagetable.FaultReason;

/**
 * Where the IOMMU records a translation fault (the fault queue). Returns false when the record
 * was dropped because the queue was full; the IOMMU counts that overflow and carries on (never
 * fatal). {@link #UNBOUNDED} accepts everything; {@link #of} records into a {@link FaultQueue}.
 * Stage-1 faults of bind-invalidate IOASIDs never come here: their owner hears them
 * ({@link OwnerFaultHandler}); nor do faults that become page requests (no fault is recorded for them).
 */
@FunctionalInterface
public interface FaultReporter {
    FaultReporter UNBOUNDED = (device, pasid, ioasid, iova, reason, stage) -> true;

    boolean report(int device, int pasid, int ioasid, long iova, FaultReason reason, int stage);

    /**
     * Records into {@code queue} (which names a missing attachment {@code no-context}, see
     * {@link FaultReason#recordName()}); stage 2 is
     * STAGE2, stage 1 is STAGE1 for a hardware-nested IOASID and SINGLE otherwise (as is a fault
     * with no IOASID).
     */
    static FaultReporter of(FaultQueue queue, ControlPlane cp) {
        return (device, pasid, ioasid, iova, reason, stage) -> {
            IoasidView x = ioasid < 0 ? null : cp.ioasid(ioasid);
            boolean nested = x != null && x.walkShape() == WalkShape.NESTED;
            FaultStage s = stage == 2 ? FaultStage.STAGE2
                    : nested && stage == 1 ? FaultStage.STAGE1 : FaultStage.SINGLE;
            return queue.report(reason, s, device, pasid, iova);
        };
    }
}

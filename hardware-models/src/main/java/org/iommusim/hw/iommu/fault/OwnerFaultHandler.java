package org.iommusim.hw.iommu.fault;

import org.iommusim.hw.pagetable.FaultReason;

/**
 * The owner (the user, typically a guest) of a {@code bind-invalidate} IOASID, told about a
 * stage-1 fault of its own bound table: the scenario layer installs one per IOASID with
 * {@code TimedIommu.setOwnerFaultHandler} (e.g. to inject the fault into the guest's virtual
 * IOMMU). Without one the fault is only counted. Called at the instant the walk ends, before
 * the DMA is aborted or a page request is sent.
 */
@FunctionalInterface
public interface OwnerFaultHandler {
    /** Counts only (the default). */
    OwnerFaultHandler COUNT_ONLY = (device, pasid, iova, reason) -> { };

    void fault(int device, int pasid, long iova, FaultReason reason);
}

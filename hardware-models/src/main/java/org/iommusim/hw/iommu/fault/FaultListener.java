package org.iommusim.hw.iommu.fault;

import org.iommusim.hw.pagetable.FaultReason;

/**
 * Told when the software handler has finished with a fault record — where the integration
 * reports a stage-1 fault of a bound table to its owner, or counts an aborted DMA.
 */
@FunctionalInterface
public interface FaultListener {
    /** @param latencyPs time from recording the fault to the end of its handling */
    void handled(FaultReason reason, FaultStage stage, int device, int pasid, long address, long latencyPs);
}

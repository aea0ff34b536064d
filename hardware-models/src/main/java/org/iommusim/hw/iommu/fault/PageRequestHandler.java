package org.iommusim.hw.iommu.fault;

import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;

/**
 * Software that resolves recoverable faults (PCIe PRI page requests): it says which faults it
 * takes and, when the page request's response is due (the {@code PageRequestPath}'s handler
 * latency), makes the page translate — typically a map through the {@code ControlPlane} or a
 * guest PTE write through a {@code GuestPageTable}. The IOMMU then retries the translation. A
 * fault it declines, or one still unresolved after {@link #maxAttempts()} page requests,
 * aborts the DMA.
 */
public interface PageRequestHandler {
    /** Whether this fault is recoverable for this device / PASID / IOASID. */
    boolean recoverable(int device, int pasid, int ioasid, FaultReason reason, int stage);

    /** Resolves the fault (when the page response is due); the translation is then retried. */
    void handle(int device, int pasid, int ioasid, long iova, Access access, FaultReason reason, int stage);

    /** Page requests per DMA before it is aborted. */
    default int maxAttempts() {
        return 3;
    }
}

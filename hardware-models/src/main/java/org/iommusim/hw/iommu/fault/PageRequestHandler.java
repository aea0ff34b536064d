package org.iommusim.hw.iommu.fault;

import org.iommusim.hw.pagetable.FaultReason;

/**
 * Software that resolves recoverable faults (PCIe PRI page requests): it says which faults it
 * takes and, when a page request group's response is due (the {@code PageRequestPath}'s handler
 * latency), makes each page of the group translate — typically a map through the
 * {@code ControlPlane} or a guest PTE write through a {@code GuestPageTable} — and writes one
 * response for the group (Linux iopf: the group's faults are handled one by one, then one
 * {@code iopf_group_response}). The device then retries the group's translations. A fault it
 * declines, or one still unresolved after {@link #maxAttempts()} groups, aborts the DMA.
 */
public interface PageRequestHandler {
    /** Whether this fault is recoverable for this device / PASID / IOASID. */
    boolean recoverable(int device, int pasid, int ioasid, FaultReason reason, int stage);

    /**
     * Resolves every page of {@code group} (when its response is due) for the IOASID attached to
     * its device and PASID now ({@code ioasid}, -1: none) and pays for the one group response.
     */
    void handle(int ioasid, PageGroup group);

    /** Page request groups per DMA before it is aborted. */
    default int maxAttempts() {
        return 3;
    }
}

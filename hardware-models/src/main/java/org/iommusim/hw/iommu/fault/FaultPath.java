package org.iommusim.hw.iommu.fault;

import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.pagetable.FaultReason;

/**
 * What happens to a translation's fault once the walk found it: a stage-1 fault of a bound
 * ({@code bind-invalidate}) table goes to that IOASID's owner ({@link OwnerFaults}); any other
 * fault the {@link PageRequestHandler} does not take as recoverable is reported to the host fault
 * queue ({@link FaultReporter}; an overflow is counted, never fatal). A recoverable one is a failed
 * ATS translation that goes back to its device, which asks for the page in a page request group
 * ({@link PageRequestGroups}): the IOMMU records no fault for it and counts it
 * ({@code faults.page-requests}). Either way the translation ends failed here; the device's
 * retry after the group response is a new translation. Shadow misses that lazy fill resolves
 * never get here (the functional walk retries them itself).
 *
 * <p>The data path talks to it in plain values (device, PASID, address, IOASID, reason, stage);
 * it keeps no per-request state. Statistics: {@code faults.overflows} and
 * {@code faults.page-requests} under the IOMMU's prefix (passed in, the data path declares them)
 * and the owner counts of {@link OwnerFaults}.
 */
public final class FaultPath {
    private final ControlPlane controlPlane;
    private final OwnerFaults owners;
    private final Counter overflows;
    private final Counter pageRequests;
    private FaultReporter reporter = FaultReporter.UNBOUNDED;
    private PageRequestGroups groups;

    /**
     * @param overflows    counts faults the host queue dropped because it was full
     * @param pageRequests counts page requests sent
     */
    public FaultPath(ControlPlane controlPlane, StatsRegistry stats, String prefix, Counter overflows,
                     Counter pageRequests) {
        this.controlPlane = controlPlane;
        this.owners = new OwnerFaults(stats, prefix, controlPlane);
        this.overflows = overflows;
        this.pageRequests = pageRequests;
    }

    /** Stage-1 faults of bind-invalidate IOASID {@code ioasid} go to {@code handler} (null: only counted). */
    public void setOwnerFaultHandler(int ioasid, OwnerFaultHandler handler) {
        owners.set(ioasid, handler);
    }

    /** Host faults (every fault that is not an owner's) go to {@code reporter} (the fault queue). */
    public void setReporter(FaultReporter reporter) {
        this.reporter = reporter;
    }

    /**
     * Recoverable faults: {@code groups}' handler decides which; the devices ask for their pages
     * through {@code groups}. Null: every fault is reported and aborts the DMA.
     */
    public void setPageRequests(PageRequestGroups groups) {
        this.groups = groups;
    }

    /** The device side of page requests, or null: PRI is off. */
    public PageRequestGroups pageRequests() {
        return groups;
    }

    /**
     * A translation of {@code device} / {@code pasid} at {@code iova} faulted ({@code ioasid}: the
     * IOASID of the failing walk, or -1): reports it to its owner or the host queue, unless it is
     * recoverable — then its device will ask for the page and nothing is recorded.
     */
    public void report(int device, int pasid, long iova, int ioasid, FaultReason reason, int stage) {
        boolean recoverable = groups != null && groups.recoverable(device, pasid, reason, stage);
        if (owners.ownerFault(ioasid, stage)) {
            owners.deliver(ioasid, device, pasid, iova, reason);
        } else if (!recoverable && !reporter.report(device, pasid, ioasid, iova, reason, stage)) {
            overflows.increment();
        }
        if (recoverable) {
            pageRequests.increment();
        }
    }
}

package org.iommusim.hw.iommu;

import org.iommusim.hw.faultq.PageRequestPath;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.IoasidView;
import org.iommusim.hw.pagetable.FaultReason;

/**
 * What happens to a walk's fault: a stage-1 fault of a bound ({@code bind-invalidate}) table goes
 * to that IOASID's owner ({@link OwnerFaults}); any other fault is reported to the host fault
 * queue ({@link FaultReporter}; an overflow is counted, never fatal). Then, if the
 * {@link PageRequestHandler} takes it as recoverable, the request sends a page request on the
 * {@link PageRequestPath} and waits; at the response the handler maps the page and the IOMMU
 * retries the translation. Otherwise the IOMMU aborts the DMA. Shadow misses that lazy fill
 * resolves never get here (the functional walk retries them itself).
 *
 * <p>Does not model: page-request groups or queue overflow on the PRI side.
 */
final class FaultPath {
    private final ControlPlane controlPlane;
    private final DataPathStats stats;
    final OwnerFaults owners;
    FaultReporter reporter = FaultReporter.UNBOUNDED;
    PageRequestHandler handler;
    PageRequestPath path;

    FaultPath(ControlPlane controlPlane, DataPathStats stats, OwnerFaults owners) {
        this.controlPlane = controlPlane;
        this.stats = stats;
        this.owners = owners;
    }

    /** Reports the fault; returns true if a page request was sent (the request now waits for it). */
    boolean pageRequest(Request r, int ioasid, FaultReason reason, int stage) {
        boolean recoverable = handler != null && r.priAttempts < handler.maxAttempts()
                && handler.recoverable(r.device, r.pasid, ioasid, reason, stage);
        if (owners.ownerFault(ioasid, stage)) {
            owners.deliver(ioasid, r.device, r.pasid, r.iova, reason);
        } else if (!reporter.report(r.device, r.pasid, ioasid, r.iova, reason, stage, recoverable)) {
            stats.faultQueueOverflows.increment();
        }
        r.reason = reason;
        r.stage = stage;
        if (!recoverable) {
            return false;
        }
        r.priAttempts++;
        r.step = Request.Step.PRI_WAIT;
        stats.pageRequests.increment();
        path.request(r.device, r.pasid, r.iova, r);
        return true;
    }

    /** The page response arrived: the handler resolves the fault; the request is ready to retry. */
    void respond(Request r) {
        IoasidView x = controlPlane.attached(r.device, r.pasid);
        r.domain = x == null ? -1 : x.id();
        handler.handle(r.device, r.pasid, r.domain, r.iova, r.access, r.reason, r.stage);
        r.reason = null;
        r.stage = 0;
        r.step = Request.Step.LOOKUP_MISS;
    }
}

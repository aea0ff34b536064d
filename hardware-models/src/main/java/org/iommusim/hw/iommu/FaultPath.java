package org.iommusim.hw.iommu;

import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.faultq.PageRequestPath;
import org.iommusim.hw.faultq.PriCallback;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.pagetable.Access;
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
public final class FaultPath {
    private final ControlPlane controlPlane;
    private final Counter overflows;
    private final Counter pageRequests;
    private final OwnerFaults owners;
    private FaultReporter reporter = FaultReporter.UNBOUNDED;
    private PageRequestHandler handler;
    private PageRequestPath path;

    /** Counts fault-queue overflows into {@code overflows} and page requests into {@code pageRequests}. */
    public FaultPath(ControlPlane controlPlane, StatsRegistry registry, String prefix, Counter overflows,
                     Counter pageRequests) {
        this.controlPlane = controlPlane;
        this.overflows = overflows;
        this.pageRequests = pageRequests;
        this.owners = new OwnerFaults(registry, prefix, controlPlane);
    }

    /** Stage-1 faults of bind-invalidate IOASID {@code ioasid} go to {@code handler} (null: only counted). */
    public void setOwnerFaultHandler(int ioasid, OwnerFaultHandler handler) {
        owners.set(ioasid, handler);
    }

    /** Host faults go to {@code reporter} (the fault queue). */
    public void setFaultReporter(FaultReporter reporter) {
        this.reporter = reporter;
    }

    /** Recoverable faults: {@code handler} decides which and maps the page; {@code path} times the page request. */
    public void setPageRequests(PageRequestPath path, PageRequestHandler handler) {
        if (handler != null && path == null) {
            throw new IllegalArgumentException("a page-request handler needs a page-request path for its timing");
        }
        this.path = path;
        this.handler = handler;
    }

    /**
     * Reports the fault of a request of {@code device}/{@code pasid} at {@code iova} that has made
     * {@code attempts} page requests so far; returns true if a page request was sent (the request
     * now waits for {@code callback}).
     */
    public boolean pageRequest(int device, int pasid, long iova, int ioasid, FaultReason reason, int stage,
                               int attempts, PriCallback callback) {
        boolean recoverable = handler != null && attempts < handler.maxAttempts()
                && handler.recoverable(device, pasid, ioasid, reason, stage);
        if (owners.ownerFault(ioasid, stage)) {
            owners.deliver(ioasid, device, pasid, iova, reason);
        } else if (!reporter.report(device, pasid, ioasid, iova, reason, stage, recoverable)) {
            overflows.increment();
        }
        if (!recoverable) {
            return false;
        }
        pageRequests.increment();
        path.request(device, pasid, iova, callback);
        return true;
    }

    /** The page response arrived: the handler resolves the fault; the request is ready to retry. */
    public void respond(int device, int pasid, int domain, long iova, Access access, FaultReason reason, int stage) {
        handler.handle(device, pasid, domain, iova, access, reason, stage);
    }
}

package org.iommusim.hw.iommu.fault;

import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.IoasidView;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;

/**
 * What happens to a translation's fault once the walk found it: a stage-1 fault of a bound
 * ({@code bind-invalidate}) table goes to that IOASID's owner ({@link OwnerFaults}); any other
 * fault the {@link PageRequestHandler} does not take as recoverable is reported to the host fault
 * queue ({@link FaultReporter}; an overflow is counted, never fatal). A recoverable one is a failed
 * ATS translation that the device answers with a page request: the IOMMU records no fault, a page
 * request goes
 * out on the {@link PageRequestPath} and the requester waits for its {@link PriCallback}; at the
 * response the handler maps the page ({@link #resolve}) and the IOMMU retries the translation.
 * Otherwise the IOMMU aborts the DMA. Shadow misses that lazy fill resolves never get here (the
 * functional walk retries them itself).
 *
 * <p>The data path talks to it in plain values (device, PASID, address, IOASID, reason, stage);
 * it keeps no per-request state. Statistics: {@code faults.overflows} and
 * {@code faults.page-requests} under the IOMMU's prefix (passed in, the data path declares them)
 * and the owner counts of {@link OwnerFaults}.
 *
 * <p>A full page request queue answers automatically ({@link PageRequestPath}): then
 * {@link #resolve} maps nothing and the retry faults again (another page request while
 * attempts remain, else the DMA aborts). Does not model: multi-request page groups.
 */
public final class FaultPath {
    private final ControlPlane controlPlane;
    private final OwnerFaults owners;
    private final Counter overflows;
    private final Counter pageRequests;
    private FaultReporter reporter = FaultReporter.UNBOUNDED;
    private PageRequestHandler handler;
    private PageRequestPath path;

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
     * Recoverable faults: {@code handler} decides which and maps the page; {@code path} times the
     * page request and its response. Null handler: every fault aborts the DMA.
     */
    public void setPageRequests(PageRequestPath path, PageRequestHandler handler) {
        if (handler != null && path == null) {
            throw new IllegalArgumentException("a page-request handler needs a page-request path for its timing");
        }
        this.path = path;
        this.handler = handler;
    }

    /**
     * A translation of {@code device} / {@code pasid} at {@code iova} faulted ({@code ioasid}: the
     * IOASID of the failing walk, or -1) after {@code attempts} page requests: reports it to its
     * owner or the host queue. Returns true if a page request was sent — {@code callback} hears
     * the response, then {@link #resolve} — and false if the DMA is to be aborted.
     */
    public boolean report(int device, int pasid, long iova, int ioasid, FaultReason reason, int stage, int attempts,
                          PriCallback callback) {
        boolean recoverable = handler != null && attempts < handler.maxAttempts()
                && handler.recoverable(device, pasid, ioasid, reason, stage);
        if (owners.ownerFault(ioasid, stage)) {
            owners.deliver(ioasid, device, pasid, iova, reason);
        } else if (!recoverable && !reporter.report(device, pasid, ioasid, iova, reason, stage)) {
            // a recoverable fault is a failed ATS translation: it goes back to the device, whose page
            // request is queued instead; the IOMMU records no fault (VT-d, SMMUv3 and AMD-Vi alike)
            overflows.increment();
        }
        if (!recoverable) {
            return false;
        }
        pageRequests.increment();
        path.request(device, pasid, iova, callback);
        return true;
    }

    /**
     * The page response of a fault {@link #report} sent arrived: the handler resolves the fault
     * (maps the page). Returns the IOASID attached to {@code device} / {@code pasid} now (-1:
     * none), for the retry.
     */
    public int resolve(int device, int pasid, long iova, Access access, FaultReason reason, int stage) {
        IoasidView x = controlPlane.attached(device, pasid);
        int domain = x == null ? -1 : x.id();
        if (!path.answeringAutomatically()) {
            handler.handle(device, pasid, domain, iova, access, reason, stage);
        }
        return domain;
    }
}

package org.iommusim.hw.iommu;

import org.iommusim.core.kernel.Event;
import org.iommusim.hw.iommu.fault.PriCallback;
import org.iommusim.hw.memmodel.ReadCallback;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;

/**
 * One translation request of a DMA, pooled by {@link TimedIommu} (no allocation per request in
 * steady state). It is its own reusable event (and memory-read callback) for the steps that take
 * time outside a walk: the context/PASID lookup and its reads, the IOTLB lookup, and the
 * page-request (PRI) response. Intrusive links put it on the admission
 * queue or on a walk's list of joiners without allocating.
 */
final class Request extends Event implements PriCallback, ReadCallback {
    enum Step { ATC_HIT, ATS_REQUEST, ATS_RETURN, CONTEXT, LOOKUP_HIT, LOOKUP_MISS, PRI_WAIT }

    private final TimedIommu iommu;
    int device;
    int pasid;
    long iova;
    Access access;
    long tag;
    TranslationCallback callback;
    long arrival;
    /** The stale-use epoch when the request arrived: removals up to it happened before it was requested. */
    long arrivalEpoch;
    int domain;
    Step step;
    // Result.
    boolean ok;
    long hpa;
    FaultReason reason;
    int stage;
    boolean staleUse;
    int priAttempts;
    int contextReads;
    /** Sent to the IOMMU as an ATS translation request (returns over the link, fills the ATC). */
    boolean ats;
    /** Holds an in-flight slot of the IOMMU. */
    boolean inIommu;
    // The translation's page size, permissions and stale-use stamp (for the ATC fill).
    int pageShift;
    int perms;
    long stamp;
    /** The GPA the translation's stage-1 output gave (hardware-nested child), else NO_GPA: for stale-use checks. */
    long gpa;
    /** The context latency to charge when a stalled lookup resumes. */
    long lookupDelay;
    /** Arrival number within its device ({@link DevicePipelines}). */
    long seq;
    /** Finished in the IOMMU, waiting in the reorder buffer. */
    boolean done;
    /** Holds one of its device's pending-miss slots. */
    boolean missSlot;
    // Links.
    Request robPrev;
    Request robNext;
    Request stallNext;
    Request prev;
    Request next;
    Request nextJoiner;
    Request nextFree;

    Request(TimedIommu iommu) {
        this.iommu = iommu;
    }

    void set(int dev, int pas, long addr, Access acc, long callerTag, TranslationCallback cb, long now) {
        device = dev;
        pasid = pas;
        iova = addr;
        access = acc;
        tag = callerTag;
        callback = cb;
        arrival = now;
        domain = -1;
        ok = false;
        hpa = 0;
        reason = null;
        stage = 0;
        staleUse = false;
        priAttempts = 0;
        contextReads = 0;
        ats = false;
        inIommu = false;
        pageShift = 12;
        perms = 0;
        stamp = 0;
        gpa = StaleUseTracker.NO_GPA;
        missSlot = false;
        prev = null;
        next = null;
        nextJoiner = null;
        stallNext = null;
    }

    /** The page request was answered: let the handler map the page, then retry the translation. */
    @Override
    public void pageReady(int dev, int pas, long address, long latencyPs) {
        iommu.pageReady(this);
    }

    /** A context-structure read returned. */
    @Override
    public void readComplete(long address, long completionPs, long latencyPs) {
        iommu.contextStep(this);
    }

    @Override
    public void fire() {
        switch (step) {
            case LOOKUP_HIT -> iommu.complete(this);
            case ATC_HIT -> iommu.finish(this);
            case ATS_REQUEST -> iommu.admit(this);
            case ATS_RETURN -> iommu.atsReturn(this);
            case LOOKUP_MISS -> iommu.miss(this);
            case CONTEXT -> iommu.contextStep(this);
            default -> throw new IllegalStateException("unexpected step " + step);
        }
    }
}

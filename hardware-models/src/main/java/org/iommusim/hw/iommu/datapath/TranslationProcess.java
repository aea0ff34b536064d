package org.iommusim.hw.iommu.datapath;

import org.iommusim.core.kernel.Event;
import org.iommusim.hw.cache.Iotlb;
import org.iommusim.hw.ioasid.IoasidView;
import org.iommusim.hw.memtiming.ReadCallback;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;

/**
 * One translation request of a DMA TLP from arrival to completion, as the hardware handles it
 * (gem5's {@code SMMUTranslationProcess}); its continuations below appear in execution order:
 * arrive → device ATC ({@link AtcSteps}) → admission → context/PASID cache → TBU micro-TLB
 * (SMMUv3) → IOTLB → miss slot → walk ({@link Walk}) → walked → complete or fault → ATS return
 * ({@link AtcSteps}) → hand back in order ({@link TranslationRequest#deliver}). What it asks and
 * has found is its {@link TranslationRequest} state; the IOMMU's steps are here, an ATS device's
 * side in the base class {@link AtcSteps} (a run of TLPs: {@link TlpRuns}). A step that takes time
 * schedules the next through one of its own events or callbacks; the shared units it uses
 * ({@link IommuUnits}) hold no reference back but its list places ({@link Admission.Ticket},
 * {@link DevicePipelines.Seat}).
 * Only it writes its state; the stale-use oracle knows it by {@link #id}. Pooled. Does not model:
 * the data access after translation, the PCIe link of non-ATS requests, ordering across devices.
 */
final class TranslationProcess extends AtcSteps implements ReadCallback {
    final Admission.Ticket ticket = new Admission.Ticket(this);
    final DevicePipelines.Seat seat = new DevicePipelines.Seat(this);
    private final Event contextMissed = Event.of(this::readContext);
    private final Event iotlbHit = Event.of(this::complete);
    private final Event iotlbMissed = Event.of(this::missed);
    private int contextReads;
    private boolean inIommu; // holds an in-flight slot
    private long lookupDelay; // the context latency to charge when a stalled lookup resumes
    private boolean resumed; // its stalled lookup was resumed by its pipeline: no stall check again

    TranslationProcess(IommuUnits units, int id) {
        super(units, id);
    }

    /** A TLP's translation request arrives now: to the device's ATC if it has one, else to admission. */
    void arrive(int dev, int pas, long addr, Access acc, long callerTag, TranslationCallback cb) {
        begin(dev, pas, addr, acc, callerTag, cb);
        u.oracle.requestArrived(id);
        u.pipelines.enter(this);
        if (u.atcs.enabled(device)) {
            lookUpAtc();
        } else {
            admit();
        }
    }

    /** Admission under the in-flight bounds, then the context lookup (or a wait for a slot). */
    @Override
    void admit() {
        if (u.admission.arrive(ticket)) {
            admitted();
        }
    }

    /** Holds an in-flight slot now (at once, or when a completing request released one); a run, one per TLP. */
    void admitted() {
        if (count > 1) {
            u.runs.admitted(this);
            return;
        }
        inIommu = true;
        callback.accepted(tag);
        if (!u.context.enabled()) {
            lookUpIotlb(0);
        } else if (u.context.hit(device, pasid)) {
            lookUpIotlb(u.contextHitLatency);
        } else {
            contextReads = u.context.missReads(device, pasid);
            u.sim.schedule(contextMissed, u.context.missLatencyPs());
        }
    }

    /** The next context-structure read of a context miss, or, after the last, the IOTLB lookup. */
    private void readContext() {
        if (contextReads > 0) {
            contextReads--;
            u.memory.read(u.context.address(device, pasid, contextReads), this);
            return;
        }
        IoasidView x = u.controlPlane.attached(device, pasid);
        if (x != null) {
            u.context.fill(device, pasid, x.id());
        }
        lookUpIotlb(0);
    }

    @Override
    public void readComplete(long address, long completionPs, long latencyPs) {
        readContext();
    }

    /** The IOTLB lookup after {@code delay} of context latency (or a wait behind its device's stalled miss). */
    private void lookUpIotlb(long delay) {
        boolean wasResumed = resumed;
        resumed = false;
        if (!wasResumed && u.pipelines.stalled(this)) {
            lookupDelay = delay;
            u.pipelines.stall(this);
            return;
        }
        if (u.passThrough(device)) {
            ok = true;
            hpa = iova;
            hitBy(PASS_THROUGH_HIT, -1);
            u.hits.schedule(iotlbHit, delay);
            return;
        }
        IoasidView x = u.controlPlane.attached(device, pasid);
        domain = x == null ? -1 : x.id();
        if (usesMicroTlb()) {
            Iotlb micro = u.caches.microTlbs().of(device);
            int slot = micro.lookup(domain, pasid, iova);
            if (slot != Iotlb.MISS && permits(micro, slot)) {
                translatedBy(micro, slot);
                microTlbHit = true;
                hitBy(MICRO_TLB_HIT, slot);
                u.oracle.atcHit(id, device, iova, slot, micro.pageSize(slot));
                u.hits.schedule(iotlbHit, delay + u.microTlbHitLatency);
                return;
            }
            delay += u.caches.microTlbs().latencyPs();
        }
        Iotlb iotlb = u.caches.iotlb();
        if (!iotlb.cache().enabled() || domain < 0) {
            if (delay == 0) {
                missed();
            } else {
                u.misses.schedule(iotlbMissed, delay);
            }
            return;
        }
        int slot = iotlb.lookup(domain, pasid, iova);
        if (slot != Iotlb.MISS && permits(iotlb, slot)) {
            translatedBy(iotlb, slot);
            u.oracle.iotlbHit(id, domain, iova, slot, iotlb.pageSize(slot));
            u.stats.iotlbServed.increment();
            hitBy(IOTLB_HIT, slot);
            u.hits.schedule(iotlbHit, delay + u.iotlbHitLatency);
        } else {
            if (slot == Iotlb.MISS && !usesMicroTlb()) {
                missDelay = delay + u.iotlbLatency; // a run's others may miss with it (TlpRuns)
            }
            u.misses.schedule(iotlbMissed, delay + u.iotlbLatency);
        }
    }

    /** A lookup that waited behind a stalled miss of its device runs now. */
    void resumeLookup() {
        resumed = true;
        lookUpIotlb(lookupDelay);
    }

    /**
     * An IOTLB miss: joins the walk in flight for its page, or takes one of its device's
     * pending-miss slots and walks — or waits for a slot (stalling its device's pipeline when in
     * order).
     */
    private void missed() {
        while (count > 1 && !u.walkers.inFlight(domain, pasid, iova)) {
            firstAlone().missed(); // a run joins its page's walk; until there is one, its TLPs miss one by one
        }
        boolean joins = u.walkers.inFlight(domain, pasid, iova);
        if (!joins) {
            u.pipelines.missed(this); // a new miss holds its device's stream; one joining its page's walk merges into it
        }
        if (seat.holdsMissSlot() || joins || u.pipelines.takeMissSlot(this)) {
            walk();
        }
    }

    /** A miss that waited got its slot ({@link DevicePipelines}). */
    void missSlotGranted() {
        walk();
    }

    /** Joins the walk in flight for the page, or starts one (also a retry after a page request). */
    private void walk() {
        u.walkers.walk(this, domain, pasid, iova, access);
    }

    /**
     * Walk {@code walkId} ended: with a translation that allows this request's access, complete;
     * one that does not (the walk checked a joiner's lesser access), walk again; a fault, report it.
     */
    void walked(int walkId, boolean translated, long outHpa, int outPerms, int outPageShift, int ioasid,
                FaultReason why, int atStage) {
        if (servedBy(translated, outPerms)) {
            takeWalksTranslation(walkId, outHpa, outPerms, outPageShift);
            complete();
        } else if (count > 1) {
            while (count > 1) { // walks again or faults TLP by TLP
                firstAlone().walked(walkId, translated, outHpa, outPerms, outPageShift, ioasid, why, atStage);
            }
            walked(walkId, translated, outHpa, outPerms, outPageShift, ioasid, why, atStage);
        } else if (translated) {
            walk();
        } else {
            fault(ioasid, why, atStage);
        }
    }

    /**
     * The first TLP of run {@code this}, which holds its slots and has missed, split off as a
     * request of its own in the same state (the run keeps the others).
     */
    private TranslationProcess firstAlone() {
        TranslationProcess p = TlpRuns.splitOff(this, 1);
        p.inIommu = true;
        p.domain = domain;
        return p;
    }

    /** Whether a walk's result ({@code translated}, with permissions {@code outPerms}) serves its access. */
    boolean servedBy(boolean translated, int outPerms) {
        return translated && (outPerms & access.mask()) == access.mask();
    }

    /** Takes walk {@code walkId}'s translation, which serves it; every TLP it carries is told to the stale-use oracle. */
    private void takeWalksTranslation(int walkId, long outHpa, int outPerms, int outPageShift) {
        translatedByWalk(outHpa, outPerms, outPageShift);
        u.oracle.servedByWalk(id, walkId, iova, count);
    }

    /** Whether it holds in-flight slots (admitted, not yet completed). */
    boolean inIommu() {
        return inIommu;
    }

    /**
     * Walk {@code walkId}'s translation serves it ({@link ServedTogether}): translated, its miss
     * slot freed, its in-flight slots counted free by the caller; handed back with {@link #finish}.
     */
    void servedWith(int walkId, long outHpa, int outPerms, int outPageShift) {
        takeWalksTranslation(walkId, outHpa, outPerms, outPageShift);
        if (seat.holdsMissSlot()) {
            u.pipelines.releaseMissSlot(this);
        }
        inIommu = false;
    }

    /** Reports the fault and ends failed; a recoverable one's device asks for the page and retries (PageRequestGroups). */
    private void fault(int ioasid, FaultReason why, int atStage) {
        failedWith(why, atStage);
        u.faults.report(device, pasid, iova, ioasid, why, atStage);
        ok = false;
        u.stats.fault(why, atStage);
        complete();
    }

    /**
     * The IOMMU is done with this request: free its miss slot and in-flight slot (admitting
     * waiters); an ATS request's answer then travels back over the link, any other request ends now.
     */
    private void complete() {
        if (ok && !microTlbHit && usesMicroTlb()) {
            long size = 1L << pageShift;
            u.oracle.fillFromRequest(id, domain);
            u.caches.microTlbs().of(device).fill(domain, pasid, iova, size, hpa & -size, perms);
        }
        if (seat.holdsMissSlot()) {
            u.pipelines.releaseMissSlot(this);
        }
        if (inIommu) {
            inIommu = false;
            u.admission.releaseAndAdmit(ticket);
            if (ats) {
                answerOverLink();
                return;
            }
        }
        finish();
    }

    /** Done: to its device's reorder buffer, which hands it back in order ({@link #deliver}). */
    @Override
    void finish() {
        u.pipelines.done(this);
    }
}

package org.iommusim.hw.iommu.datapath;

import org.iommusim.core.kernel.Event;
import org.iommusim.hw.cache.Iotlb;
import org.iommusim.hw.iommu.fault.PriCallback;
import org.iommusim.hw.ioasid.IoasidView;
import org.iommusim.hw.iommu.ats.AtsConfig;
import org.iommusim.hw.memtiming.ReadCallback;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;

/**
 * One translation request of a DMA TLP from arrival to completion, as the hardware handles it
 * (gem5's {@code SMMUTranslationProcess}); its continuations below appear in execution order:
 * arrive → device ATC → admission → context/PASID cache → TBU micro-TLB (SMMUv3) → IOTLB → miss
 * slot → walk ({@link Walk})
 * → walked → complete or fault → ATS return → hand back in order. A step that takes time
 * schedules the next through one of its own events or callbacks; the shared units it uses
 * ({@link IommuUnits}) hold no reference back but its list places ({@link Admission.Ticket},
 * {@link DevicePipelines.Seat}). Its state is private; the stale-use oracle knows it by
 * {@link #id}. Pooled: allocated once, nothing per request in steady state.
 *
 * <p>Does not model: the data access after translation, the PCIe link of non-ATS requests,
 * ordering across devices. Tells its caller when it is taken in ({@code accepted}).
 */
final class TranslationProcess implements PriCallback, ReadCallback {
    private final IommuUnits u;
    /** This process's number in the pool (how the stale-use oracle names it). */
    final int id;
    final Admission.Ticket ticket = new Admission.Ticket(this);
    final DevicePipelines.Seat seat = new DevicePipelines.Seat(this);
    private final Event atcHit = Event.of(this::finish);
    private final Event atsRequestArrived = Event.of(this::admit);
    private final Event contextMissed = Event.of(this::readContext);
    private final Event iotlbHit = Event.of(this::complete);
    private final Event iotlbMissed = Event.of(this::missed);
    private final Event atsAnswerArrived = Event.of(this::atsReturned);
    private int device;
    private int pasid;
    private long iova;
    private Access access;
    private long tag;
    private TranslationCallback callback;
    private long arrival;
    private int domain;
    private boolean ok;
    private long hpa;
    private FaultReason reason;
    private int stage;
    private int priAttempts;
    private int contextReads;
    private boolean ats; // sent to the IOMMU as an ATS translation request
    private boolean inIommu; // holds an in-flight slot
    private boolean microTlbHit; // translated by its device's TBU micro-TLB
    private int pageShift;
    private int perms;
    /** The context latency to charge when a stalled lookup resumes. */
    private long lookupDelay;

    TranslationProcess(IommuUnits units, int id) {
        this.u = units;
        this.id = id;
    }

    int device() {
        return device;
    }

    long arrival() {
        return arrival;
    }

    /** A TLP's translation request arrives now: to the device's ATC if it has one, else to admission. */
    void arrive(int dev, int pas, long addr, Access acc, long callerTag, TranslationCallback cb) {
        device = dev;
        pasid = pas;
        iova = addr;
        access = acc;
        tag = callerTag;
        callback = cb;
        arrival = u.sim.now();
        domain = -1;
        ok = false;
        hpa = 0;
        reason = null;
        stage = 0;
        priAttempts = 0;
        ats = false;
        microTlbHit = false;
        pageShift = 12;
        perms = 0;
        u.oracle.requestArrived(id);
        u.pipelines.enter(this);
        if (u.atcs.enabled(device)) {
            lookUpAtc();
        } else {
            admit();
        }
    }

    /** Device side: an ATC hit is done after the ATC latency; a miss goes over the link to the IOMMU. */
    private void lookUpAtc() {
        Iotlb atc = u.atcs.atc(device);
        AtsConfig c = u.atcs.config(device);
        int slot = atc.lookup(0, pasid, iova);
        int need = access.mask();
        if (slot != Iotlb.MISS && (atc.permissions(slot) & need) == need) {
            ok = true;
            hpa = atc.translate(slot, iova);
            u.oracle.atcHit(id, device, iova, slot, atc.pageSize(slot));
            callback.accepted(tag);
            u.sim.schedule(atcHit, c.atc().latencyPs());
        } else {
            ats = true;
            u.sim.schedule(atsRequestArrived, c.atc().latencyPs() + c.linkPs());
        }
    }

    /** Admission under the in-flight bounds, then the context lookup (or a wait for a slot). */
    private void admit() {
        if (u.admission.arrive(ticket)) {
            admitted();
        }
    }

    /** Holds an in-flight slot now (at once, or when a completing request released one). */
    void admitted() {
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
        if (u.pipelines.stalled(this)) {
            lookupDelay = delay;
            u.pipelines.stall(this);
            return;
        }
        if (u.passThrough(device)) {
            ok = true;
            hpa = iova;
            u.sim.schedule(iotlbHit, delay);
            return;
        }
        IoasidView x = u.controlPlane.attached(device, pasid);
        domain = x == null ? -1 : x.id();
        if (usesMicroTlb()) {
            Iotlb micro = u.caches.microTlbs().of(device);
            int slot = micro.lookup(domain, pasid, iova);
            if (slot != Iotlb.MISS && (micro.permissions(slot) & access.mask()) == access.mask()) {
                ok = true;
                microTlbHit = true;
                hpa = micro.translate(slot, iova);
                pageShift = Long.numberOfTrailingZeros(micro.pageSize(slot));
                perms = micro.permissions(slot);
                u.oracle.atcHit(id, device, iova, slot, micro.pageSize(slot));
                u.sim.schedule(iotlbHit, delay + u.microTlbHitLatency);
                return;
            }
            delay += u.caches.microTlbs().latencyPs();
        }
        Iotlb iotlb = u.caches.iotlb();
        if (!iotlb.cache().enabled() || domain < 0) {
            if (delay == 0) {
                missed();
            } else {
                u.sim.schedule(iotlbMissed, delay);
            }
            return;
        }
        int slot = iotlb.lookup(domain, pasid, iova);
        int need = access.mask();
        if (slot != Iotlb.MISS && (iotlb.permissions(slot) & need) == need) {
            ok = true;
            hpa = iotlb.translate(slot, iova);
            pageShift = Long.numberOfTrailingZeros(iotlb.pageSize(slot));
            perms = iotlb.permissions(slot);
            u.oracle.iotlbHit(id, domain, iova, slot, iotlb.pageSize(slot));
            u.stats.iotlbServed.increment();
            u.sim.schedule(iotlbHit, delay + u.iotlbHitLatency);
        } else {
            u.sim.schedule(iotlbMissed, delay + u.iotlbLatency);
        }
    }

    /** Whether this request goes through its device's TBU micro-TLB (SMMUv3; not ATS, not untranslated). */
    private boolean usesMicroTlb() {
        return domain >= 0 && !ats && u.caches.microTlbs().enabled() && !u.atcs.enabled(device);
    }

    /** A lookup that waited behind a stalled miss of its device runs now. */
    void resumeLookup() {
        lookUpIotlb(lookupDelay);
    }

    /**
     * An IOTLB miss: joins the walk in flight for its page, or takes one of its device's
     * pending-miss slots and walks — or waits for a slot (stalling its device's pipeline when in
     * order).
     */
    private void missed() {
        if (seat.holdsMissSlot() || u.walkers.inFlight(domain, pasid, iova) || u.pipelines.takeMissSlot(this)) {
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
        int need = access.mask();
        if (translated && (outPerms & need) == need) {
            ok = true;
            hpa = (outHpa & ~0xFFFL) | (iova & 0xFFFL);
            u.oracle.servedByWalk(id, walkId, iova);
            pageShift = outPageShift;
            perms = outPerms;
            complete();
        } else if (translated) {
            walk();
        } else {
            fault(ioasid, why, atStage);
        }
    }

    /** Reports the fault; a recoverable one waits for its page request, any other aborts. */
    private void fault(int ioasid, FaultReason why, int atStage) {
        reason = why;
        stage = atStage;
        if (u.faults.report(device, pasid, iova, ioasid, why, atStage, priAttempts, this)) {
            priAttempts++;
            return;
        }
        ok = false;
        u.stats.fault(why, atStage);
        complete();
    }

    /** The page request was answered: the handler maps the page, then the translation is retried (a walk). */
    @Override
    public void pageReady(int dev, int pas, long address, long latencyPs) {
        domain = u.faults.resolve(device, pasid, iova, access, reason, stage);
        reason = null;
        stage = 0;
        walk();
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
                u.sim.schedule(atsAnswerArrived, u.atcs.config(device).linkPs());
                return;
            }
        }
        finish();
    }

    /** An ATS completion reached the device: fill its ATC, end the request. */
    private void atsReturned() {
        if (ok) {
            u.oracle.fillFromRequest(id, domain);
            u.atcs.fill(device, pasid, iova, pageShift, hpa, perms, domain);
        }
        finish();
    }

    /** Done: to its device's reorder buffer, which hands it back in order ({@link #deliver}). */
    private void finish() {
        u.pipelines.done(this);
    }

    /** Handed back: statistics, back to the pool, then the caller's callback. */
    void deliver() {
        long latency = u.sim.now() - arrival;
        u.stats.translations.increment();
        u.stats.deviceLatency(device).record(latency);
        u.oracle.delivered(id);
        TranslationCallback cb = callback;
        callback = null;
        u.recycle(this);
        cb.translated(tag, ok, hpa, reason, stage, latency);
    }
}

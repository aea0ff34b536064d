package org.iommusim.hw.iommu.datapath;

import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.hw.cache.Iotlb;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;

/**
 * What one translation request is and what it has found so far — the state a
 * {@link TranslationProcess} carries through its steps, kept apart from the steps so the flow
 * reads on its own: the request (device, PASID, address, access, the caller's tag and callback,
 * its arrival), the IOASID it resolved to, and its result (translated or not, output address,
 * page size and permissions, or the fault's reason and stage). Only the process writes it
 * (its subclasses: {@link AtcSteps}, the device side, and {@link TranslationProcess}); nothing here
 * takes time.
 */
abstract class TranslationRequest {
    final IommuUnits u;
    /** This process's number in the pool (how the stale-use oracle names it). */
    final int id;
    int device;
    int pasid;
    long iova;
    Access access;
    long tag;
    TranslationCallback callback;
    long arrival;
    /** The IOASID (domain) its PASID is attached to, or -1. */
    int domain;
    boolean ok;
    long hpa;
    FaultReason reason;
    int stage;
    int pageShift;
    int perms;
    /** Sent to the IOMMU as an ATS translation request. */
    boolean ats;
    /** The pending-miss entry of its device's ATC it holds, or -1. */
    int atcEntry;
    /** Translated by its device's TBU micro-TLB. */
    boolean microTlbHit;
    /**
     * TLPs it carries: 1, or a run of consecutive TLPs of one DMA within one 4 KiB page
     * ({@link TlpRuns}); TLP m &gt; 0 of a run starts at {@link #memberAddress}.
     */
    int count;
    /** A run's TLP size (the split unit, a power of two). */
    int unit;
    /** Bumped by every {@link #begin}: a run can tell whether its first TLP is still this request. */
    int generation;
    /** How its (first) TLP was answered at once: {@link #NO_HIT}, or a hit of this kind in {@link #hitSlot}. */
    byte hitKind;
    int hitSlot;
    /**
     * Its TLPs arrived one by one, waiting (a run grown in admission, {@link WaitingRuns}): TLP m
     * arrived at {@code memberArrival[m]} with admission number {@code memberNumber[m]}; else all at
     * {@link #arrival} with consecutive numbers. The arrays are kept across reuse (no allocation per run).
     */
    boolean spread;
    long[] memberArrival = new long[0];
    long[] memberNumber = new long[0];
    /**
     * Its (first) TLP's IOTLB lookup found no entry: the delay its miss was scheduled after, or -1
     * (not looked up, a hit, another path); a run's others can then miss with it ({@link TlpRuns}).
     */
    long missDelay;
    static final byte NO_HIT = 0;
    static final byte PASS_THROUGH_HIT = 1;
    static final byte MICRO_TLB_HIT = 2;
    static final byte IOTLB_HIT = 3;

    TranslationRequest(IommuUnits units, int id) {
        this.u = units;
        this.id = id;
    }

    int device() {
        return device;
    }

    long arrival() {
        return arrival;
    }

    /** A new request: what it asks for, arrived now; nothing found yet. */
    void begin(int dev, int pas, long addr, Access acc, long callerTag, TranslationCallback cb) {
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
        pageShift = 12;
        perms = 0;
        ats = false;
        atcEntry = -1;
        microTlbHit = false;
        count = 1;
        unit = 0;
        generation++;
        hitKind = NO_HIT;
        missDelay = -1;
        spread = false;
    }

    /** When TLP {@code m} of its run arrived. */
    long arrivalOf(int m) {
        return spread ? memberArrival[m] : arrival;
    }

    /** Room for the arrivals and numbers of {@code n} TLPs. */
    void ensureMembers(int n) {
        if (memberArrival.length < n) {
            int c = Math.max(n, Math.max(8, memberArrival.length * 2));
            memberArrival = java.util.Arrays.copyOf(memberArrival, c);
            memberNumber = java.util.Arrays.copyOf(memberNumber, c);
        }
    }

    /** Drops its first {@code k} TLPs' arrivals and numbers (split off); one left: no longer spread. */
    void dropFirstMembers(int k) {
        if (!spread) {
            return;
        }
        System.arraycopy(memberArrival, k, memberArrival, 0, count - k);
        System.arraycopy(memberNumber, k, memberNumber, 0, count - k);
        arrival = memberArrival[0];
        if (count - k == 1) {
            spread = false;
        }
    }

    /** Its (first) TLP hit at once: a {@code kind} hit (of the entry in {@code slot}). */
    void hitBy(byte kind, int slot) {
        hitKind = kind;
        hitSlot = slot;
    }

    /** The address TLP {@code m} of its run starts at (the request's own address for m = 0). */
    long memberAddress(int m) {
        return memberAddress(iova, unit, m);
    }

    /** The address TLP {@code m} of a run of {@code unit}-byte TLPs whose first starts at {@code first} starts at. */
    static long memberAddress(long first, int unit, int m) {
        return m == 0 ? first : (first & -(long) unit) + (long) m * unit;
    }

    /**
     * {@link #deliver} of a run whose TLPs arrived one by one: each TLP's latency counted and
     * answered ({@link RunCallback#translatedRun} of one TLP each, in order; before the last, the
     * caller only counts, RunCallback's contract), then back to the pool before the last answer.
     */
    private void deliverSpread() {
        long now = u.sim.now();
        int n = count;
        u.stats.translations.add(n);
        LatencyHistogram h = u.stats.deviceLatency(device);
        for (int m = 0; m < n; m++) {
            h.record(now - memberArrival[m]);
        }
        u.oracle.delivered(id);
        RunCallback cb = (RunCallback) callback;
        callback = null;
        for (int m = 0; m < n - 1; m++) {
            cb.translatedRun(tag + m, 1, now - memberArrival[m]);
        }
        long lastTag = tag + n - 1;
        long lastLatency = now - memberArrival[n - 1];
        u.recycle((TranslationProcess) this);
        cb.translatedRun(lastTag, 1, lastLatency);
    }

    /** Whether this request goes through its device's TBU micro-TLB (SMMUv3; not ATS, not untranslated). */
    boolean usesMicroTlb() {
        return domain >= 0 && !ats && u.caches.microTlbs().enabled() && !u.atcs.enabled(device);
    }

    /** True if the entry in {@code slot} of {@code cache} allows this request's access. */
    boolean permits(Iotlb cache, int slot) {
        return (cache.permissions(slot) & access.mask()) == access.mask();
    }

    /** Translated by the entry in {@code slot} of {@code cache} (an ATC, micro-TLB or IOTLB hit). */
    void translatedBy(Iotlb cache, int slot) {
        ok = true;
        hpa = cache.translate(slot, iova);
        pageShift = Long.numberOfTrailingZeros(cache.pageSize(slot));
        perms = cache.permissions(slot);
    }

    /** Translated by a walk: output page {@code outHpa}, the request's page offset kept. */
    void translatedByWalk(long outHpa, int outPerms, int outPageShift) {
        ok = true;
        hpa = (outHpa & ~0xFFFL) | (iova & 0xFFFL);
        pageShift = outPageShift;
        perms = outPerms;
    }

    /** Not translated: {@code why}, found at {@code atStage}. */
    void failedWith(FaultReason why, int atStage) {
        reason = why;
        stage = atStage;
    }

    /**
     * Handed back: statistics, back to the pool, then the caller's callback (the last step); a
     * run counts each of its TLPs and answers them with one {@link RunCallback#translatedRun}.
     */
    void deliver() {
        if (spread) {
            deliverSpread();
            return;
        }
        long latency = u.sim.now() - arrival;
        int n = count;
        u.stats.translations.add(n);
        u.stats.deviceLatency(device).record(latency, n);
        u.oracle.delivered(id);
        TranslationCallback cb = callback;
        callback = null;
        u.recycle((TranslationProcess) this);
        if (n == 1) {
            cb.translated(tag, ok, hpa, reason, stage, latency);
        } else {
            ((RunCallback) cb).translatedRun(tag, n, latency);
        }
    }
}

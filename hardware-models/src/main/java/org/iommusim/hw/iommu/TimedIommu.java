package org.iommusim.hw.iommu;

import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.resource.FifoServer;
import org.iommusim.core.resource.ServerConfig;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.cache.Iotlb;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.IoasidView;
import org.iommusim.hw.iommu.ats.AtsConfig;
import org.iommusim.hw.iommu.ats.DeviceAtcs;
import org.iommusim.hw.iommu.fault.FaultPath;
import org.iommusim.hw.iommu.fault.FaultReporter;
import org.iommusim.hw.iommu.fault.OwnerFaultHandler;
import org.iommusim.hw.iommu.fault.PageRequestHandler;
import org.iommusim.hw.iommu.fault.PageRequestPath;
import org.iommusim.hw.iommu.inval.InvalidationEffect;
import org.iommusim.hw.iommu.inval.IommuInvalidations;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.translate.Iommu;

/**
 * The timed IOMMU data path (DESIGN §3): admission under the in-flight bounds → context/PASID
 * cache ({@link ContextCache}; a miss reads the context structures) →
 * IOTLB lookup (its latency) → on a hit, done; on a miss, join a walk in flight for the same
 * page or take a walker slot (FIFO when all are busy), run the functional {@link Iommu} for the
 * trace, replay it through the walk caches and the {@link PteMemory} ({@link PageWalker},
 * {@link Walk}, {@link WalkPlanner}), fill the caches, then complete — or fault: report it, and
 * for a recoverable fault wait for the {@link PageRequestHandler} and retry. A stage-1 fault of a
 * bound table goes to its owner ({@link #setOwnerFaultHandler}), not the host fault queue.
 *
 * <p>Invalidations reach the caches through {@link #invalidations()} at the instant they take
 * effect (an invalidation queue decides when, through {@link #effectHook()}); it also records
 * the functional removals that make cached entries stale until then, so {@code staleUses}
 * counts exactly the DMAs served by a cached translation of a removed mapping. A walk during
 * which any invalidation took effect does not fill the caches (its trace may predate it).
 *
 * <p>A device that enabled ATS ({@link #enableAts}) looks in its own ATC first
 * ({@link DeviceAtcs}); a miss crosses the PCIe link both ways around an IOMMU translation.
 *
 * <p>Per device, a {@link DevicePipelines} keeps the order translations are handed back in, the
 * device's pending-miss slots and the head-of-line stall behind a miss without a slot
 * ({@link PipelineConfig}); an IOTLB hit adds no latency unless configured.
 *
 * <p>Does not model: the data access after translation, the PCIe link of non-ATS requests,
 * ordering across devices.
 * Requests and walks are pooled: the steady state allocates nothing.
 */
public final class TimedIommu {
    private final Simulator sim;
    private final ControlPlane controlPlane;
    private final PteMemory memory;
    private final TranslationCaches caches;
    private final FifoServer walkers;
    private final Admission admission;
    private final DataPathStats stats;
    private final StaleUseTracker tracker;
    private final IommuInvalidations invalidations;
    private final long iotlbLatency;
    private final long iotlbHitLatency;
    private final long contextHitLatency;
    private final DevicePipelines pipelines;
    private final ContextCache context;
    private final DeviceAtcs atcs;
    private final FaultPath faults;
    private final PageWalker walker;
    private Request freeRequests;
    private boolean[] passThrough = new boolean[0];

    public TimedIommu(TimedIommuConfig config, Simulator sim, StatsRegistry registry, RandomStreams streams,
                      ControlPlane controlPlane, PteMemory memory, String prefix) {
        this.sim = sim;
        this.controlPlane = controlPlane;
        this.memory = memory;
        this.tracker = new StaleUseTracker();
        this.caches = new TranslationCaches(config, registry, streams, prefix);
        this.walkers = new FifoServer(sim, registry, prefix + ".walker", ServerConfig.unbounded(config.walkers()));
        this.admission = new Admission(sim, registry, prefix, config.maxInFlight(), config.maxInFlightPerDevice());
        this.stats = new DataPathStats(registry, prefix);
        this.iotlbLatency = config.iotlb().enabled() ? config.iotlb().latencyPs() : 0;
        this.iotlbHitLatency = config.pipeline().hitLatencyHidden() ? 0 : iotlbLatency;
        this.pipelines = new DevicePipelines(this, config.pipeline());
        this.contextHitLatency = config.pipeline().hitLatencyHidden() || !config.contextCache().enabled() ? 0
                : config.contextCache().latencyPs();
        this.faults = new FaultPath(controlPlane, registry, prefix, stats.faultQueueOverflows, stats.pageRequests);
        this.context = new ContextCache(config.contextCache(), config.contextWalkReads(), registry, streams, prefix);
        this.atcs = new DeviceAtcs(registry, streams, prefix, controlPlane);
        this.invalidations = new IommuInvalidations(new CacheInvalidation(caches, context), tracker, controlPlane,
                atcs);
        this.walker = new PageWalker(this, sim, new Iommu(controlPlane), memory,
                new WalkPlanner(caches, tracker, config.lazyFillPs()), walkers, tracker, invalidations, stats, faults,
                config.pipeline(), config.pipeline().fillPs() > 0
                        ? new FifoServer(sim, registry, prefix + ".walk.fill-port", ServerConfig.unbounded(1)) : null);
    }

    /**
     * Stage-1 faults of bind-invalidate IOASID {@code ioasid} go to {@code handler}, its owner
     * (null: only counted, the default); see {@link FaultPath}.
     */
    public void setOwnerFaultHandler(int ioasid, OwnerFaultHandler handler) {
        faults.setOwnerFaultHandler(ioasid, handler);
    }

    /** Host faults (every fault that is not an owner's) go to {@code reporter} (the fault queue). */
    public void setFaultReporter(FaultReporter reporter) {
        faults.setReporter(reporter);
    }

    /**
     * Recoverable faults: {@code handler} decides which and maps the page; {@code path} times the
     * page request and its response. Null handler: every fault aborts the DMA.
     */
    public void setPageRequests(PageRequestPath path, PageRequestHandler handler) {
        faults.setPageRequests(path, handler);
    }

    /**
     * Puts {@code device} in pass-through (identity) translation: its context entry says
     * pass-through (VT-d scalable-mode PGTT pass-through, SMMUv3 STE bypass, AMD-Vi DTE mode 0),
     * so a request costs the context lookup (and its reads on a context-cache miss) and comes out
     * with its own address — no IOTLB lookup, no walk, no fault.
     */
    public void setPassThrough(int device) {
        if (device >= passThrough.length) {
            passThrough = java.util.Arrays.copyOf(passThrough, device + 1);
        }
        passThrough[device] = true;
    }

    private boolean passThrough(int device) {
        return device < passThrough.length && passThrough[device];
    }

    /** Where lazy shadow fills go to be priced on the host CPU (see {@link LazyFillSink}). */
    public void setLazyFillSink(LazyFillSink sink) {
        walker.lazyFills = sink;
    }

    /** Gives {@code device} an ATS translation cache: its DMAs look there first (see {@link AtsConfig}). */
    public void enableAts(int device, AtsConfig config) {
        atcs.enable(device, config);
    }

    /** Translates a DMA of {@code device} with {@code pasid} at {@code iova}; {@code callback} gets the result. */
    public void translate(int device, int pasid, long iova, Access access, long tag, TranslationCallback callback) {
        Request r = freeRequests;
        if (r == null) {
            r = new Request(this);
        } else {
            freeRequests = r.nextFree;
        }
        r.set(device, pasid, iova, access, tag, callback, sim.now());
        r.arrivalEpoch = tracker.epoch();
        pipelines.enter(r);
        if (atcs.enabled(device)) {
            atcLookup(r);
        } else {
            admit(r);
        }
    }

    /** Device side: an ATC hit is done after the ATC latency; a miss goes over the link to the IOMMU. */
    private void atcLookup(Request r) {
        Iotlb atc = atcs.atc(r.device);
        AtsConfig c = atcs.config(r.device);
        int slot = atc.lookup(0, r.pasid, r.iova);
        int need = r.access.mask();
        if (slot != Iotlb.MISS && (atc.permissions(slot) & need) == need) {
            r.ok = true;
            r.hpa = atc.translate(slot, r.iova);
            int dom = atcs.domain(r.device, slot);
            r.staleUse = tracker.anyPending() && tracker.staleSince(dom, r.iova,
                    StaleUseTracker.gpaAt(atcs.gpa(r.device, slot), atc.pageSize(slot), r.iova),
                    atcs.stamp(r.device, slot), false) <= r.arrivalEpoch;
            r.step = Request.Step.ATC_HIT;
            sim.schedule(r, c.atc().latencyPs());
        } else {
            r.ats = true;
            r.step = Request.Step.ATS_REQUEST;
            sim.schedule(r, c.atc().latencyPs() + c.linkPs());
        }
    }

    /** Admission under the in-flight bounds, then the context lookup (or a wait for a slot). */
    void admit(Request r) {
        if (admission.arrive(r)) {
            r.inIommu = true;
            lookup(r);
        }
    }

    /** Context/PASID lookup: a hit costs its latency; a miss also reads the context structures. */
    private void lookup(Request r) {
        if (!context.enabled()) {
            iotlbLookup(r, 0);
        } else if (context.hit(r.device, r.pasid)) {
            iotlbLookup(r, contextHitLatency);
        } else {
            r.contextReads = context.walkReads();
            r.step = Request.Step.CONTEXT;
            sim.schedule(r, context.latencyPs());
        }
    }

    /** The next context-structure read of a context miss, or, after the last, the IOTLB lookup. */
    void contextStep(Request r) {
        if (r.contextReads > 0) {
            r.contextReads--;
            memory.read(context.address(r.device, r.pasid, r.contextReads), r);
            return;
        }
        IoasidView x = controlPlane.attached(r.device, r.pasid);
        if (x != null) {
            context.fill(r.device, r.pasid, x.id());
        }
        iotlbLookup(r, 0);
    }

    private void iotlbLookup(Request r, long delay) {
        if (pipelines.stalled(r)) {
            r.lookupDelay = delay;
            pipelines.stall(r);
            return;
        }
        if (passThrough(r.device)) {
            r.ok = true;
            r.hpa = r.iova;
            r.step = Request.Step.LOOKUP_HIT;
            sim.schedule(r, delay);
            return;
        }
        IoasidView x = controlPlane.attached(r.device, r.pasid);
        r.domain = x == null ? -1 : x.id();
        Iotlb iotlb = caches.iotlb;
        if (!iotlb.cache().enabled() || r.domain < 0) {
            if (delay == 0) {
                miss(r);
            } else {
                r.step = Request.Step.LOOKUP_MISS;
                sim.schedule(r, delay);
            }
            return;
        }
        int slot = iotlb.lookup(r.domain, r.pasid, r.iova);
        int need = r.access.mask();
        if (slot != Iotlb.MISS && (iotlb.permissions(slot) & need) == need) {
            r.ok = true;
            r.hpa = iotlb.translate(slot, r.iova);
            r.pageShift = Long.numberOfTrailingZeros(iotlb.pageSize(slot));
            r.perms = iotlb.permissions(slot);
            r.stamp = caches.iotlbStamp[slot];
            r.gpa = StaleUseTracker.gpaAt(caches.iotlbGpa[slot], iotlb.pageSize(slot), r.iova);
            r.staleUse = tracker.anyPending()
                    && tracker.staleSince(r.domain, r.iova, r.gpa, r.stamp, false) <= r.arrivalEpoch;
            stats.iotlbServed.increment();
            r.step = Request.Step.LOOKUP_HIT;
            sim.schedule(r, delay + iotlbHitLatency);
        } else {
            r.step = Request.Step.LOOKUP_MISS;
            sim.schedule(r, delay + iotlbLatency);
        }
    }

    /** A lookup that waited behind a stalled miss of its device runs now. */
    void resumeLookup(Request r) {
        iotlbLookup(r, r.lookupDelay);
    }

    /**
     * An IOTLB miss: joins the walk in flight for its page, or takes one of its device's
     * pending-miss slots and walks — or waits for a slot (stalling its device's pipeline when in
     * order).
     */
    void miss(Request r) {
        if (r.missSlot || walker.inFlight(r) || pipelines.takeMissSlot(r)) {
            walker.miss(r);
        }
    }

    /** A miss that waited got its slot. */
    void walk(Request r) {
        walker.miss(r);
    }

    /** A page response arrived: the handler maps the page, then the translation is retried (a walk). */
    void pageReady(Request r) {
        r.domain = faults.resolve(r.device, r.pasid, r.iova, r.access, r.reason, r.stage);
        r.reason = null;
        r.stage = 0;
        r.step = Request.Step.LOOKUP_MISS;
        walker.miss(r);
    }

    /**
     * The IOMMU is done with a request: free its in-flight slot (admitting waiters); an ATS
     * request's answer then travels back over the link, any other request ends now.
     */
    void complete(Request r) {
        if (r.missSlot) {
            pipelines.releaseMissSlot(r);
        }
        if (r.inIommu) {
            r.inIommu = false;
            Request admitted = admission.release(r);
            while (admitted != null) {
                Request next = admitted.next;
                admitted.next = null;
                admitted.inIommu = true;
                lookup(admitted);
                admitted = next;
            }
            if (r.ats) {
                r.step = Request.Step.ATS_RETURN;
                sim.schedule(r, atcs.config(r.device).linkPs());
                return;
            }
        }
        finish(r);
    }

    /** An ATS completion reached the device: fill its ATC, end the request. */
    void atsReturn(Request r) {
        if (r.ok) {
            atcs.fill(r.device, r.pasid, r.iova, r.pageShift, r.hpa, r.perms, r.domain, r.stamp, r.gpa);
        }
        finish(r);
    }

    /** The IOMMU is done with a request: to its device's reorder buffer, which hands it back in order. */
    void finish(Request r) {
        pipelines.done(r);
    }

    /** Hands a request back: statistics, back to the pool, then the callback. */
    void deliver(Request r) {
        long latency = sim.now() - r.arrival;
        stats.translations.increment();
        stats.deviceLatency(r.device).record(latency);
        if (r.staleUse) {
            stats.staleUses.increment();
        }
        long tag = r.tag;
        boolean ok = r.ok;
        long hpa = r.hpa;
        FaultReason reason = r.reason;
        int stage = r.stage;
        TranslationCallback cb = r.callback;
        r.callback = null;
        r.nextFree = freeRequests;
        freeRequests = r;
        cb.translated(tag, ok, hpa, reason, stage, latency);
    }

    // ---- accessors ----------------------------------------------------------------------------

    /** The walker slots (FIFO server: queueing delay, utilisation, Little's law). */
    public FifoServer walkers() {
        return walkers;
    }

    public Iotlb iotlb() {
        return caches.iotlb;
    }

    /** Where invalidations take effect and removals are recorded (stale-use bookkeeping). */
    public IommuInvalidations invalidations() {
        return invalidations;
    }

    /** The hook an {@code InvalidationQueue} calls when a descriptor takes effect. */
    public InvalidationEffect effectHook() {
        return invalidations;
    }

    public int inFlight() {
        return admission.inFlight();
    }

    public int inFlight(int device) {
        return admission.inFlight(device);
    }

    public int waitingForAdmission() {
        return admission.waiting();
    }

    TranslationCaches caches() {
        return caches;
    }

    DataPathStats stats() {
        return stats;
    }
}

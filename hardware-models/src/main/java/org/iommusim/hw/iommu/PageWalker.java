package org.iommusim.hw.iommu;

import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.resource.FifoServer;
import org.iommusim.hw.iommu.fault.FaultPath;
import org.iommusim.hw.iommu.inval.IommuInvalidations;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.translate.Iommu;
import org.iommusim.hw.walk.TableKind;
import org.iommusim.hw.walk.WalkTrace;

/**
 * The walk back end of the {@link TimedIommu}: an IOTLB miss joins the walk in flight for its
 * page ({@link ActiveWalks}) or starts a {@link Walk} that queues for a walker slot (a FIFO
 * server with k slots); at the grant the functional {@link Iommu} reads the tables (the trace),
 * the {@link WalkPlanner} decides which reads the caches save, the walk replays the rest on the
 * {@link PteMemory}; at its end the caches are filled (unless an invalidation took effect
 * meanwhile) and the owner and joiners complete, fault, or — a joiner needing more permissions
 * than the walk checked — walk again.
 *
 * <p>Occupancy is separate from latency: a walk holds its walker slot while its PTE reads wait
 * for the read port ({@code pteReadsInFlight}) and while it waits for and uses the fill port
 * ({@code fillPs}); see {@link PipelineConfig}.
 *
 * <p>Does not model: walker preemption, priorities between walks, walks of different pages
 * sharing reads.
 */
final class PageWalker {
    private final TimedIommu iommu;
    private final Simulator sim;
    private final Iommu functional;
    private final PteMemory memory;
    private final WalkPlanner planner;
    private final FifoServer walkers;
    private final ActiveWalks walks;
    private final StaleUseTracker tracker;
    private final IommuInvalidations invalidations;
    private final DataPathStats stats;
    private final FaultPath faults;
    private final int readLimit;
    private final long fillPs;
    private final FifoServer fillPort;
    private int readsOut;
    private Walk readHead;
    private Walk readTail;
    /** Told about each lazy shadow fill a walk made (null: nobody prices them). */
    LazyFillSink lazyFills;

    PageWalker(TimedIommu iommu, Simulator sim, Iommu functional, PteMemory memory, WalkPlanner planner,
               FifoServer walkers, StaleUseTracker tracker, IommuInvalidations invalidations, DataPathStats stats,
               FaultPath faults, PipelineConfig pipeline, FifoServer fillPort) {
        this.iommu = iommu;
        this.sim = sim;
        this.functional = functional;
        this.memory = memory;
        this.planner = planner;
        this.walkers = walkers;
        this.walks = new ActiveWalks(this);
        this.tracker = tracker;
        this.invalidations = invalidations;
        this.stats = stats;
        this.faults = faults;
        this.readLimit = pipeline.pteReadsInFlight();
        this.fillPs = pipeline.fillPs();
        this.fillPort = fillPort;
    }

    /** Issues {@code w}'s PTE read now, or queues it while the read port has its limit outstanding. */
    void read(Walk w) {
        if (readLimit == 0 || readsOut < readLimit) {
            readsOut++;
            memory.read(w.readAddress, w);
            return;
        }
        w.nextReader = null;
        if (readTail == null) {
            readHead = w;
        } else {
            readTail.nextReader = w;
        }
        readTail = w;
    }

    /** A PTE read returned: its port entry goes to the oldest queued read. */
    void readReturned() {
        readsOut--;
        Walk w = readHead;
        if (w != null) {
            readHead = w.nextReader;
            if (readHead == null) {
                readTail = null;
            }
            w.nextReader = null;
            readsOut++;
            memory.read(w.readAddress, w);
        }
    }

    long fillPs() {
        return fillPs;
    }

    FifoServer fillPort() {
        return fillPort;
    }

    /** True if a walk of {@code r}'s page is in flight (a miss would join it). */
    boolean inFlight(Request r) {
        return walks.find(r.domain, r.pasid, r.iova) != null;
    }

    /** An IOTLB miss (or a retry): join the walk in flight for the page, or start one. */
    void miss(Request r) {
        Walk joined = walks.find(r.domain, r.pasid, r.iova);
        if (joined != null) {
            joined.join(r);
            stats.joined.increment();
            return;
        }
        Walk w = walks.start(r);
        walkers.request(w);
    }

    /** A walker slot was granted: read the tables (functionally, now) and plan the replay. */
    void startWalk(Walk w) {
        w.epoch = tracker.epoch();
        w.applyCount = invalidations.applied();
        functional.translate(w.device, w.pasid, w.iova, w.access, w.trace, w.out);
        if (w.out.lazyFills > 0 && lazyFills != null) {
            for (int i = 0; i < w.out.lazyFillEffects().size(); i++) {
                lazyFills.filled(w.out.lazyFillEffects().get(i));
            }
        }
        planner.plan(w);
    }

    /** The replay ended: release the slot, fill the caches, resolve the owner and the joiners. */
    void walkDone(Walk w) {
        walkers.release(w.slot);
        stats.walks.increment();
        stats.pteReadsPerWalk.record(w.memoryReads);
        stats.walkLatency.record(sim.now() - w.granted);
        boolean ok = w.out.ok;
        if (ok && w.applyCount == invalidations.applied()) {
            planner.fill(w);
        }
        // since which removal a cached entry the walk used is stale (a request made after it is a stale use)
        long staleSince = w.staleStageTwoSince;
        if (w.pwcStamp != Walk.NO_STAMP && tracker.anyPending()) {
            staleSince = Math.min(staleSince, tracker.staleWalkCacheEntrySince(w.pwcDomain, w.pwcLevel, w.pwcRegion,
                    w.pwcTableGpa, w.pwcStamp));
        }
        if (ok && tracker.anyUnsynced()) {
            staleSince = Math.min(staleSince, staleShadowSince(w));
        }
        long gpa = ok ? WalkPlanner.outputGpa(w) : StaleUseTracker.NO_GPA;
        long hpa = w.out.hpa;
        int perms = w.out.perms;
        FaultReason reason = w.out.reason;
        int stage = w.out.stage;
        int ioasid = w.out.ioasid;
        int pageShift = w.out.pageShift;
        long epoch = w.epoch;
        Request list = w.first;
        w.first.nextJoiner = w.joiners;
        walks.end(w);
        while (list != null) {
            Request r = list;
            list = r.nextJoiner;
            r.nextJoiner = null;
            int need = r.access.mask();
            if (ok && (perms & need) == need) {
                r.ok = true;
                r.hpa = (hpa & ~0xFFFL) | (r.iova & 0xFFFL);
                r.staleUse = staleSince <= r.arrivalEpoch;
                r.pageShift = pageShift;
                r.perms = perms;
                r.stamp = epoch;
                r.gpa = gpa == StaleUseTracker.NO_GPA ? gpa : (gpa & ~0xFFFL) | (r.iova & 0xFFFL);
                iommu.complete(r);
            } else if (ok) {
                r.step = Request.Step.LOOKUP_MISS;
                miss(r); // a joiner that needs more permissions than the walk checked walks itself
            } else {
                fault(r, ioasid, reason, stage);
            }
        }
    }

    /** The shadow is a cache too: since when a shadow leaf the walk read holds a guest entry the guest changed. */
    private long staleShadowSince(Walk w) {
        WalkTrace t = w.trace;
        long since = StaleUseTracker.NEVER;
        for (int i = t.attemptStart(); i < t.size(); i++) {
            boolean leaf = i + 1 == t.size() || t.stage(i + 1) != t.stage(i) || t.ioasid(i + 1) != t.ioasid(i);
            if (leaf && t.kind(i) == TableKind.SHADOW) {
                since = Math.min(since, tracker.unsyncedSince(t.ioasid(i), t.input(i)));
            }
        }
        return since;
    }

    private void fault(Request r, int ioasid, FaultReason reason, int stage) {
        r.reason = reason;
        r.stage = stage;
        if (faults.report(r.device, r.pasid, r.iova, ioasid, reason, stage, r.priAttempts, r)) {
            r.priAttempts++;
            r.step = Request.Step.PRI_WAIT;
        } else {
            r.ok = false;
            stats.fault(reason, stage);
            iommu.complete(r);
        }
    }

    Simulator sim() {
        return sim;
    }

    PteMemory memory() {
        return memory;
    }

    void countRead(int stage, int level) {
        stats.read(stage, level);
    }
}

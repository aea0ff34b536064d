package org.iommusim.hw.iommu.datapath;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.resource.Client;
import org.iommusim.hw.memtiming.ReadCallback;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.functional.Translation;
import org.iommusim.hw.functional.WalkTrace;

/**
 * One page walk from its walker slot to the requests it serves, its steps below in execution
 * order: granted a walker slot → read the tables functionally (the trace and the result) and
 * plan which reads the caches save ({@link WalkPlanner}) → replay the rest, one dependent PTE
 * read at a time through the read port, charging the planned cache latencies → after the last
 * read, wait for and use the fill port → release the slot, fill the caches (unless an
 * invalidation took effect meanwhile) and hand the result to the owner and every joiner
 * ({@link TranslationProcess#walked}). Everything it uses is given at construction
 * ({@link WalkUnits}); nothing holds it but the in-flight list while it runs.
 *
 * <p>Models the walker's sequential dependence (each read needs the previous one's data), the
 * walkers' read port (a limited number of PTE reads outstanding, {@link PteReadPort}) and the
 * fill path (after its last read a walk holds its walker slot while it waits for and uses the
 * one fill port, {@link org.iommusim.hw.iommu.PipelineConfig#fillPs}); does not model parallel
 * stage-2 prefetch or speculative reads. Pooled and reused: no allocation per walk in steady state.
 */
final class Walk implements Client, ReadCallback {
    private final WalkUnits u;
    /** This walk's number in the pool (how the stale-use oracle names it). */
    final int id;
    private final WalkTrace trace = new WalkTrace();
    private final Translation out = new Translation();
    private final WalkPlan plan = new WalkPlan();
    private final Event delayed = Event.of(this::issueRead);
    private final Event readsDone = Event.of(this::toFillPort);
    private final Event filled = Event.of(this::fillPortDone);
    private final Client fillPortGrant = (portSlot, waitedPs) -> fillPortGranted(portSlot);
    private int device;
    private int pasid;
    private long iova;
    private Access access;
    private int domain;
    private long applyCount;
    private int slot;
    private int fillSlot;
    private long granted;
    private int memoryReads;
    private int cursor;
    /** When the step now replaying began: the walker grant, then each read's return. */
    private long stepStart;
    private TranslationProcess[] served = new TranslationProcess[4];
    private int servedCount;

    Walk(WalkUnits units, int id) {
        this.u = units;
        this.id = id;
    }

    /** A walk of {@code owner}'s page, waiting for a walker slot. */
    void start(TranslationProcess owner, int dom, int pas, long addr, Access acc) {
        device = owner.device();
        pasid = pas;
        iova = addr;
        access = acc;
        domain = dom;
        served[0] = owner;
        servedCount = 1;
        memoryReads = 0;
        cursor = 0;
        u.walkers.request(this);
    }

    /** True if a miss of ({@code dom}, {@code pas}, {@code addr}) may join this walk: same 4 KiB page. */
    boolean sameWalk(int dom, int pas, long addr) {
        return dom == domain && pas == pasid && (addr >>> 12) == (iova >>> 12);
    }

    /** Adds {@code p} to the requests this walk serves, in arrival order. */
    void join(TranslationProcess p) {
        if (servedCount == served.length) {
            served = java.util.Arrays.copyOf(served, servedCount * 2);
        }
        served[servedCount++] = p;
    }

    /** A walker slot was granted: read the tables (functionally, now), plan the replay, start it. */
    @Override
    public void granted(int walkerSlot, long waitedPs) {
        slot = walkerSlot;
        granted = u.sim.now();
        stepStart = granted;
        u.oracle.walkStarted(id);
        applyCount = u.invalidations.applied();
        u.functional.translate(device, pasid, iova, access, trace, out);
        if (out.lazyFills > 0 && u.lazyFills != null) {
            for (int i = 0; i < out.lazyFillEffects().size(); i++) {
                u.lazyFills.filled(out.lazyFillEffects().get(i));
            }
        }
        u.planner.plan(plan, trace, out, iova, id);
        advance();
    }

    /** Replays from the cursor until a read or a delay is outstanding, or the reads are over. */
    private void advance() {
        long delay = 0;
        int n = trace.size();
        while (cursor < n) {
            delay += plan.pre(cursor);
            if (!plan.skipped(cursor)) {
                if (delay > 0) {
                    u.steps.schedule(delayed, delay);
                } else {
                    issueRead();
                }
                return;
            }
            cursor++;
        }
        delay += plan.tail();
        if (delay > 0) {
            u.steps.schedule(readsDone, delay);
        } else {
            toFillPort();
        }
    }

    /** The read at the cursor goes to the read port (now, or when the port has room). */
    private void issueRead() {
        u.stats.read(trace.stage(cursor), trace.level(cursor));
        memoryReads++;
        u.readPort.read(trace.pteAddress(cursor), this);
    }

    /** The PTE read's data is back: the next step of the replay. */
    @Override
    public void readComplete(long address, long completionPs, long latencyPs) {
        u.readPort.returned();
        long now = u.sim.now();
        u.stats.stepDone(trace.stage(cursor), trace.level(cursor), now - stepStart);
        stepStart = now;
        cursor++;
        advance();
    }

    /** The reads are done: through the fill port (if it has a time) to the walk's end. */
    private void toFillPort() {
        if (u.fillPs > 0) {
            u.fillPort.request(fillPortGrant);
        } else {
            done();
        }
    }

    private void fillPortGranted(int portSlot) {
        fillSlot = portSlot;
        u.steps.schedule(filled, u.fillPs);
    }

    private void fillPortDone() {
        u.fillPort.release(fillSlot);
        done();
    }

    /** The walk ends: release the slot, fill the caches, hand the result to every request it serves. */
    private void done() {
        u.walkers.release(slot);
        u.stats.walks.increment();
        u.stats.pteReadsPerWalk.record(memoryReads);
        u.stats.walkLatency.record(u.sim.now() - granted);
        boolean ok = out.ok;
        u.oracle.walkEnded(id, ok, trace);
        if (ok && applyCount == u.invalidations.applied()) {
            u.planner.fill(plan, trace, out, pasid, iova, id);
        }
        long hpa = out.hpa;
        int perms = out.perms;
        FaultReason reason = out.reason;
        int stage = out.stage;
        int ioasid = out.ioasid;
        int pageShift = out.pageShift;
        int n = servedCount;
        u.inFlight.end(this); // no longer joinable: a request that walks again starts a new walk
        boolean together = ServedTogether.complete(served, n, id, ok, hpa, perms, pageShift);
        for (int i = 0; i < n; i++) {
            TranslationProcess p = served[i];
            served[i] = null;
            if (!together) {
                p.walked(id, ok, hpa, perms, pageShift, ioasid, reason, stage);
            }
        }
        servedCount = 0;
        u.inFlight.recycle(this);
    }
}

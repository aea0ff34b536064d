package org.iommusim.hw.iommu.control;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.List;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.resource.Client;
import org.iommusim.core.resource.FifoServer;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.EffectsBuilder;
import org.iommusim.hw.ioasid.Invalidation;
import org.iommusim.hw.ioasid.OpError;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.iommu.control.HostEvents.Category;
import org.iommusim.hw.iommu.inval.InvalidationSubmitter;

/**
 * One control-plane operation as straight-line continuation steps on a host core: wait for a
 * core → entry (by its {@link Entry}: the software path's call, an interrupt, or a driver's
 * per-packet work; see {@link OpEntry}) → the functional change, now → the work's CPU time →
 * invalidations (deferred, or submitted with a wait that is awaited on the core) → release the
 * core and report. The work's counts ({@code kernel.ptes-read}, {@code shadow.*}) are recorded
 * at completion, with {@code op.<kind>.count}, so both describe the same operations. Every picosecond the core is held is charged to one
 * {@link HostEvents.Category}; the time spent spinning on the invalidation wait is
 * {@code invalidation-wait}. A guest operation whose vIOMMU needs no host CPU (hardware guest
 * queues) takes no core: its times are latency only. Table pages the change freed become
 * reusable only when its invalidations have taken effect (with a deferred unmap: when the flush
 * queue's drain has). See {@link TimedControlPlane}.
 */
final class ControlOp extends Event implements Client {
    /** What starts the operation and so what its entry costs. */
    enum Entry { CALL, INTERRUPT, DRIVER }

    private enum Step { ENTRY, WORK }

    final TimedControlPlane tcp;
    OpStats.Kind kind;
    boolean guest;
    HostPath path;
    /** Pages the call maps or unmaps (the IOVA allocation's size); 0 if not a map or unmap. */
    long pages;
    Entry entry;
    /** The entry's CPU time of an interrupt or driver entry. */
    long entryPs;
    /** The functional change, set by the caller before {@link #start()}. */
    final OpCall call = new OpCall();
    private TimedControlPlane.Done done;
    private long requested;
    private FifoServer server;
    private long granted;
    private long charged;
    int core;
    private Step step;
    /** The change's effects (kept across reuses, cleared by each change). */
    private final EffectsBuilder effects = new EffectsBuilder();
    /** Why the change was rejected; null if it was accepted. */
    private OpError error;
    /** Table pages the change freed, reusable once its invalidations have taken effect (kept across reuses). */
    private final LongArrayList freedTables = new LongArrayList();
    /** The stale-use epochs {@code first..last} of the removals the change recorded (made when this operation returns); none if last < first. */
    private long removalsFirst;
    private long removalsLast;
    /** The full flush queue a lazy unmap drains before queueing its own entry; null if none. */
    private FlushQueue.Drain drain;
    /** Continuations handed to the invalidation queue, made once per (pooled) operation. */
    private final Runnable invalidatedStep = this::invalidated;
    private final Runnable finishStep = this::finish;

    /** An operation of {@code tcp}'s pool; {@link #init} readies it for each use. */
    ControlOp(TimedControlPlane tcp) {
        this.tcp = tcp;
    }

    /**
     * Readies the operation: {@code kind} on {@code path} (a guest's: through the vIOMMU), started
     * by {@code entry} whose CPU time is {@code entryPs} for an interrupt or driver entry, telling
     * {@code done}; then the caller sets {@link #call} and calls {@link #start()}.
     */
    ControlOp init(OpStats.Kind kind, boolean guest, HostPath path, long pages, Entry entry, long entryPs,
                   TimedControlPlane.Done done) {
        this.kind = kind;
        this.guest = guest;
        this.path = path;
        this.pages = pages;
        this.entry = entry;
        this.entryPs = entryPs;
        this.done = done;
        this.requested = tcp.sim.now();
        this.server = null;
        this.granted = 0;
        this.charged = 0;
        this.core = 0;
        this.step = null;
        this.error = null;
        this.freedTables.clear();
        this.removalsFirst = 1;
        this.removalsLast = 0;
        this.drain = null;
        return this;
    }

    void start() {
        server = tcp.cores.serverFor(this);
        if (server == null) {
            granted(-1, 0);
        } else {
            server.request(this);
        }
    }

    /** Whether the operation holds a host core (its time is host CPU). */
    boolean onCore() {
        return server != null;
    }

    /** Charges {@code ps} of the held core to {@code c} (nothing if no core is held); returns {@code ps}. */
    long charge(Category c, long ps) {
        if (server != null && ps > 0) {
            tcp.events.charge(c, ps);
            charged += ps;
        }
        return ps;
    }

    @Override
    public void granted(int slot, long waitedPs) {
        core = slot;
        granted = tcp.sim.now();
        step = Step.ENTRY;
        tcp.sim.schedule(this, OpEntry.entryPs(this));
    }

    @Override
    public void fire() {
        if (step == Step.ENTRY) {
            error = call.run(tcp, effects);
            tcp.cp.takeFreedTablePages(freedTables);
            long work = 0;
            if (error == null) {
                List<Invalidation> invs = effects.invalidations();
                removalsFirst = tcp.invalidations.removedByOperation(invs);
                removalsLast = tcp.invalidations.epoch();
                if (deferred() && !invs.isEmpty()) {
                    drain = tcp.flushQueue.takeIfFull();
                }
                work = OpEntry.workPs(this, effects, descriptors(effects));
            }
            step = Step.WORK;
            tcp.sim.schedule(this, work);
            return;
        }
        List<Invalidation> invs = error == null ? effects.invalidations() : List.of();
        if (invs.isEmpty()) {
            tcp.cp.releaseTablePages(freedTables);
            freeDeferredIova();
            finish();
        } else if (deferred()) {
            tcp.flushQueue.defer(invs, freedTables, onCore() && path == HostPath.DMA_API ? core : -1, pages);
            if (drain == null) {
                finish();
            } else { // queue_iova found the queue full: flush it, spinning on the wait, then return
                tcp.flushQueue.submit(drain, finishStep);
            }
        } else {
            if (kind == OpStats.Kind.UNMAP) {
                tcp.flush(); // a zero timeout: earlier deferred entries go first
            }
            tcp.submitter.submit(invs, invalidatedStep);
        }
    }

    /**
     * Whether the unmap's invalidations go to the flush queue: a host DMA-API unmap under a lazy
     * policy. A VFIO/iommufd unmap is synchronous whatever the policy: the ioctl unpins the pages,
     * so the IOTLB is flushed before it returns (Linux's {@code iommu_unmap} → {@code iotlb_sync}
     * in {@code iopt_unmap_iova}, then {@code iopt_area_unpin}); a static or identity path does
     * not unmap per buffer.
     */
    boolean deferred() {
        return kind == OpStats.Kind.UNMAP && !guest && path == HostPath.DMA_API && !tcp.policy.synchronous();
    }

    /** A deferred unmap that had nothing to invalidate gives its IOVA back at once. */
    private void freeDeferredIova() {
        if (deferred() && onCore()) {
            tcp.iova.free(core, pages);
        }
    }

    /**
     * The invalidation commands the operation writes: what the architecture's driver writes for
     * its invalidations plus the wait ({@link InvalidationSubmitter#submit}); a lazy unmap writes
     * none of its own, only the drain of a full flush queue it found (domain-wide flushes and a wait).
     */
    private long descriptors(EffectsBuilder e) {
        if (deferred()) {
            return e.userDescriptors() + (drain == null ? 0 : tcp.flushQueue.commands(drain));
        }
        long descriptors = e.userDescriptors() + tcp.submitter.commandsFor(e.invalidations());
        if (!e.invalidations().isEmpty()) {
            descriptors++; // the wait descriptor
        }
        return descriptors;
    }

    /** The wait completed: every invalidation of the operation took effect, so its freed tables may be reused. */
    private void invalidated() {
        tcp.cp.releaseTablePages(freedTables);
        finish();
    }

    private void finish() {
        long now = tcp.sim.now();
        long held = 0;
        if (server != null) {
            held = now - granted;
            tcp.events.charge(Category.INVALIDATION_WAIT, held - charged);
            server.release(core);
        }
        tcp.invalidations.operationReturned(removalsFirst, removalsLast);
        if (error == null) {
            // the work counts go with op.<kind>.count: an operation in flight when the run ends is in neither
            tcp.stats.kernelPtesRead.add(effects.ptesRead());
            tcp.stats.guestPtesRead.add(effects.guestPtesRead());
            tcp.stats.shadowPtesWritten.add(effects.shadowPtesWritten());
            tcp.stats.rmapEntries.add(effects.rmapEntriesTouched());
        }
        tcp.stats.completed(kind, error == null, now - requested, held);
        call.returned(tcp);
        long latency = now - requested;
        TimedControlPlane.Done d = done;
        OpError e = error;
        // a Status reads only the error: no result objects; any other callback gets the Result
        Result<Effects> r = d instanceof TimedControlPlane.Status ? null : call.result(effects, e);
        done = null;
        error = null;
        server = null;
        drain = null;
        call.clear();
        tcp.pool.give(this); // nothing holds the operation any more: the next one may reuse it
        if (r == null) {
            ((TimedControlPlane.Status) d).completed(e, latency);
        } else {
            d.done(r, latency);
        }
    }
}

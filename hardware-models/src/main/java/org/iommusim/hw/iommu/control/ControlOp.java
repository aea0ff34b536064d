package org.iommusim.hw.iommu.control;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.resource.Client;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.Invalidation;
import org.iommusim.hw.ioasid.Result;

/**
 * One control-plane operation as straight-line continuation steps on a host core: wait for a
 * core → entry (ioctl; plus a trap for a guest) → the functional change, now → the work's CPU
 * time → invalidations (deferred, or submitted with a wait that is awaited on the core) →
 * release the core and report. Table pages the change freed become reusable only when its
 * invalidations have taken effect (with a deferred unmap: when the flush queue's drain has).
 * See {@link TimedControlPlane}.
 */
final class ControlOp extends Event implements Client {
    private enum Step { ENTRY, WORK }

    private final TimedControlPlane tcp;
    private final OpStats.Kind kind;
    private final boolean guest;
    private final Supplier<Result<Effects>> op;
    private final TimedControlPlane.Done done;
    private final long requested;
    /** The entry's CPU time; negative: an ioctl (plus a trap for a guest). */
    private final long entryPs;
    private long granted;
    private int core;
    private Step step;
    private Result<Effects> result;
    /** Table pages the change freed, reusable once its invalidations have taken effect. */
    private LongArrayList freedTables;
    /** The stale-use epochs of the removals the change recorded (made when this operation returns). */
    private long[] removals;

    ControlOp(TimedControlPlane tcp, OpStats.Kind kind, boolean guest, Supplier<Result<Effects>> op,
              TimedControlPlane.Done done) {
        this(tcp, kind, guest, op, done, -1);
    }

    /** An operation whose entry costs {@code entryPs} (an interrupt, not an ioctl); negative: an ioctl. */
    ControlOp(TimedControlPlane tcp, OpStats.Kind kind, boolean guest, Supplier<Result<Effects>> op,
              TimedControlPlane.Done done, long entryPs) {
        this.entryPs = entryPs;
        this.tcp = tcp;
        this.kind = kind;
        this.guest = guest;
        this.op = op;
        this.done = done;
        this.requested = tcp.sim.now();
    }

    void start() {
        tcp.cpu.cores().request(this);
    }

    @Override
    public void granted(int slot, long waitedPs) {
        core = slot;
        granted = tcp.sim.now();
        step = Step.ENTRY;
        if (entryPs >= 0) {
            tcp.sim.schedule(this, entryPs);
            return;
        }
        ControlPlaneWork entry = new ControlPlaneWork(1, guest ? 1 : 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        tcp.sim.schedule(this, tcp.costs.cpuTimePs(entry));
    }

    @Override
    public void fire() {
        if (step == Step.ENTRY) {
            result = op.get();
            freedTables = tcp.cp.takeFreedTablePages();
            long work = 0;
            if (result.isOk()) {
                Effects e = result.value();
                removals = tcp.invalidations.removedByOperation(e.invalidations());
                work = tcp.costs.cpuTimePs(work(e));
                tcp.stats.kernelPtesRead.add(e.ptesRead());
                tcp.stats.guestPtesRead.add(e.guestPtesRead());
                tcp.stats.shadowPtesWritten.add(e.shadowPtesWritten());
                tcp.stats.rmapEntries.add(e.rmapEntriesTouched());
            }
            step = Step.WORK;
            tcp.sim.schedule(this, work);
            return;
        }
        List<Invalidation> invs = result.isOk() ? result.value().invalidations() : List.of();
        if (invs.isEmpty()) {
            tcp.cp.releaseTablePages(freedTables);
            finish();
        } else if (kind == OpStats.Kind.UNMAP && !tcp.policy.synchronous()) {
            tcp.defer(invs, freedTables);
            finish();
        } else {
            if (kind == OpStats.Kind.UNMAP) {
                tcp.flush(); // a zero timeout: earlier deferred entries go first
            }
            tcp.submitter.submit(invs, this::invalidated);
        }
    }

    /** The work items of {@code e} besides the entry, as the cost model prices them. */
    private ControlPlaneWork work(Effects e) {
        long descriptors = e.userDescriptors();
        for (Invalidation inv : e.invalidations()) {
            descriptors += tcp.submitter.descriptorsFor(inv);
        }
        if (!e.invalidations().isEmpty() && (kind != OpStats.Kind.UNMAP || tcp.policy.synchronous())) {
            descriptors++; // the wait descriptor
        }
        return new ControlPlaneWork(0, 0, e.ptesRead(), e.ptesWritten(), e.bytesMapped() >>> 12,
                e.bytesUnmapped() >>> 12, e.rmapEntriesTouched(), e.shadowPtesWritten(), e.guestPtesRead(),
                descriptors, 0);
    }

    /** The wait completed: every invalidation of the operation took effect, so its freed tables may be reused. */
    private void invalidated() {
        tcp.cp.releaseTablePages(freedTables);
        finish();
    }

    private void finish() {
        long now = tcp.sim.now();
        tcp.cpu.cores().release(core);
        tcp.invalidations.operationReturned(removals);
        tcp.stats.completed(kind, result.isOk(), now - requested, now - granted);
        done.done(result, now - requested);
    }
}

package org.iommusim.hw.iommu.control;

import java.util.ArrayDeque;

/**
 * The {@link ControlOp}s of one {@link TimedControlPlane}: a finished operation comes back here
 * and the next one reuses it, so in steady state starting an operation allocates nothing. The
 * pool grows to the most operations ever in flight at once (queued for a core, running, or
 * waiting for their invalidations) and keeps them. Reuse changes no result: event order is by
 * time, priority and insertion, never by object identity.
 */
final class OpPool {
    private final TimedControlPlane tcp;
    private final ArrayDeque<ControlOp> free = new ArrayDeque<>();

    OpPool(TimedControlPlane tcp) {
        this.tcp = tcp;
    }

    /** An operation readied by {@link ControlOp#init}; its caller sets {@link ControlOp#call} and starts it. */
    ControlOp take(OpStats.Kind kind, boolean guest, HostPath path, long pages, ControlOp.Entry entry, long entryPs,
                   TimedControlPlane.Done done) {
        ControlOp o = free.isEmpty() ? new ControlOp(tcp) : free.pop();
        return o.init(kind, guest, path, pages, entry, entryPs, done);
    }

    /** {@code o} finished and nothing refers to it any more. */
    void give(ControlOp o) {
        free.push(o);
    }

    /** Operations waiting for reuse. */
    int idle() {
        return free.size();
    }
}

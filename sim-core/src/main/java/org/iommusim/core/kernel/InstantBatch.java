package org.iommusim.core.kernel;

/**
 * Fires a run of zero-delay events of one instant from one kernel event instead of one each,
 * in exactly the order, and at exactly the places among the instant's other events, that they
 * would have had on their own (issue 20: a pipelined IOTLB hit completes at the instant it is
 * looked up, and a 64 KiB read has 128 of them).
 *
 * <p>How it stays exact: a zero-delay event takes the order key the kernel would have given it
 * ({@link Simulator#reserveOrder}: time, then priority, then insertion — it consumes the same
 * insertion number) and waits in a FIFO, whose keys therefore ascend; one <em>drain</em> event
 * stands in the kernel with the key of the FIFO's head. When it fires it fires the FIFO's events
 * in order for as long as no other event of this instant comes before the next one's key — the
 * kernel's next event is looked up again only when something was scheduled at this instant
 * meanwhile ({@link Simulator#instantSchedules()}) — and otherwise (or when a fired event stops
 * the run) it puts itself back into the kernel with the head's key, so the kernel interleaves
 * the rest with the other events exactly. Events with a delay are scheduled as usual.
 *
 * <p>A batched event is not {@link Event#isPending() pending} while it waits (only the drain is),
 * and cannot be cancelled: use it for events that nothing cancels. Allocates only when the FIFO
 * first grows beyond a run it has not seen.
 */
public final class InstantBatch {
    private final Simulator sim;
    private final Event drain = new Event() {
        @Override
        public void fire() {
            drain();
        }
    };
    private Event[] fifo = new Event[64];
    private long[] keys = new long[64];
    private int head;
    private int count;
    private boolean draining;

    public InstantBatch(Simulator sim) {
        this.sim = sim;
    }

    /** Schedules {@code e} {@code delay} ps from now; at zero delay it joins the current run. */
    public void schedule(Event e, long delay) {
        if (delay != 0) {
            sim.schedule(e, delay);
            return;
        }
        long key = sim.reserveOrder();
        if (count == 0 && !draining) {
            sim.scheduleReserved(drain, key);
        }
        if (count == fifo.length) {
            grow();
        }
        int i = (head + count++) & (fifo.length - 1);
        fifo[i] = e;
        keys[i] = key;
    }

    /** Events waiting in the current run (for tests). */
    public int waiting() {
        return count;
    }

    private void drain() {
        draining = true;
        long seen = sim.instantSchedules() - 1; // forces a first look at the kernel
        long other = 0;
        while (count > 0) {
            long scheduled = sim.instantSchedules();
            if (scheduled != seen) {
                seen = scheduled;
                other = sim.nextOrderNow();
            }
            if (other < keys[head] || sim.isStopped()) {
                sim.scheduleReserved(drain, keys[head]);
                break;
            }
            Event e = fifo[head];
            fifo[head] = null;
            head = (head + 1) & (fifo.length - 1);
            count--;
            e.fire();
        }
        draining = false;
    }

    private void grow() {
        int n = fifo.length;
        Event[] f = new Event[2 * n];
        long[] k = new long[2 * n];
        for (int j = 0; j < count; j++) {
            f[j] = fifo[(head + j) & (n - 1)];
            k[j] = keys[(head + j) & (n - 1)];
        }
        fifo = f;
        keys = k;
        head = 0;
    }
}

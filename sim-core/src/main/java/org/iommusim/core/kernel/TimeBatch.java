package org.iommusim.core.kernel;

/**
 * Fires the events that one source schedules in time order from one kernel entry per instant
 * instead of one each, in exactly the order, and at exactly the places among the other events,
 * that they would have had on their own ({@link InstantBatch} is this batch at zero delay; issue
 * 20: when a page walk ends, the 16 TLPs that joined it complete together, each admits a waiting TLP
 * whose IOTLB lookup misses, and all 16 misses are found one lookup latency later, at one instant).
 *
 * <p>How it stays exact: an event takes the order key the kernel would have given it
 * ({@link Simulator#reserveOrder}: the same insertion number, so the numbering of every other
 * event is unchanged) and waits in a FIFO of (time, key). It joins the FIFO only when its time is
 * not before the last one's; since every key is newer than those before it, the FIFO is then
 * sorted by (time, key), the kernel's own order. Otherwise (an earlier time behind a later one,
 * a negative or overflowing delay) it is scheduled in the kernel as usual, with the key it would
 * have had anyway. One <em>drain</em> event stands in the kernel with the FIFO head's time and
 * key. When it fires, it fires the FIFO's events of this instant in order for as long as no other
 * event of this instant comes before the next one's key (the kernel's next event is looked up
 * again only when something was scheduled at this instant meanwhile,
 * {@link Simulator#instantSchedules()}); otherwise — another event first, a later head, or a
 * fired event that stopped the run — it goes back into the kernel with the head's time and key,
 * and the kernel interleaves the rest exactly. The firing order is therefore the kernel's own in
 * every case, priorities included (ordinary priority only is batched; {@code TimeBatchTest}).
 *
 * <p>A batched event is not {@link Event#isPending() pending} while it waits (only the drain is)
 * and cannot be cancelled: use it for events that nothing cancels or asks about. The kernel's
 * {@link Simulator#eventsExecuted()} counts one event per drain. Allocates only when the FIFO
 * first grows beyond a length it has not seen.
 */
public final class TimeBatch {
    private final Simulator sim;
    private final Event drain = new Event() {
        @Override
        public void fire() {
            drain();
        }
    };
    private Event[] fifo = new Event[64];
    private long[] times = new long[64];
    private long[] keys = new long[64];
    private int head;
    private int count;
    private boolean draining;
    private long batched;

    private final boolean enabled;

    public TimeBatch(Simulator sim) {
        this(sim, true);
    }

    /** A batch over {@code sim}; not {@code enabled}, every event takes the kernel's own path (for checks). */
    public TimeBatch(Simulator sim, boolean enabled) {
        this.sim = sim;
        this.enabled = enabled;
    }

    /**
     * Schedules {@code e} {@code delay} ps from now: into the batch when that is not before the
     * time of the batch's last event, else straight into the kernel (the same order either way).
     */
    public void schedule(Event e, long delay) {
        long now = sim.now();
        long time = now + delay;
        if (!enabled || delay < 0 || delay > Long.MAX_VALUE - now || e.pending
                || count > 0 && time < times[(head + count - 1) & (fifo.length - 1)]) {
            sim.schedule(e, delay); // the kernel's own path (and its checks)
            return;
        }
        long key = sim.reserveOrder();
        batched++;
        if (count == 0 && !draining) {
            sim.scheduleReserved(drain, time, key);
        }
        if (count == fifo.length) {
            grow();
        }
        int i = (head + count++) & (fifo.length - 1);
        fifo[i] = e;
        times[i] = time;
        keys[i] = key;
    }

    /** Events so far that went through the batch rather than the kernel's own path (for checks). */
    public long batched() {
        return batched;
    }

    /** Events waiting in the batch (for tests). */
    public int waiting() {
        return count;
    }

    private void drain() {
        draining = true;
        long now = sim.now();
        long seen = sim.instantSchedules() - 1; // forces a first look at the kernel
        long other = 0;
        while (count > 0) {
            if (times[head] != now) {
                sim.scheduleReserved(drain, times[head], keys[head]);
                break;
            }
            long scheduled = sim.instantSchedules();
            if (scheduled != seen) {
                seen = scheduled;
                other = sim.nextOrderNow();
            }
            if (other < keys[head] || sim.isStopped()) {
                sim.scheduleReserved(drain, now, keys[head]);
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
        long[] t = new long[2 * n];
        long[] k = new long[2 * n];
        for (int j = 0; j < count; j++) {
            int i = (head + j) & (n - 1);
            f[j] = fifo[i];
            t[j] = times[i];
            k[j] = keys[i];
        }
        fifo = f;
        times = t;
        keys = k;
        head = 0;
    }
}

package org.iommusim.core.kernel;

/**
 * Fires the events that one source schedules in time order from one kernel entry instead of one
 * each, in exactly the order, and at exactly the places among the other events, that they would
 * have had on their own ({@link InstantBatch} is this batch at zero delay). Issue 20: when a page
 * walk ends, the 16 TLPs that joined it complete together and all their misses are found one
 * lookup latency later, at one instant; a PCIe link's transfers end and arrive one after another,
 * and most of a busy model's events are theirs.
 *
 * <p>How it stays exact: an event takes the order key the kernel would have given it
 * ({@link Simulator#reserveOrder}: the same insertion number, so the numbering of every other
 * event is unchanged) and waits in a FIFO <em>lane</em> of (time, key). It joins its lane only
 * when its time is not before the lane's last; since every key is newer than those before it,
 * each lane is then sorted by (time, key), the kernel's own order. Otherwise (an earlier time
 * behind a later one, an event that would come before the batch's entry in the kernel while the
 * batch is not draining, a negative or overflowing delay) it is scheduled in the kernel as usual,
 * with the key it would have had anyway. One <em>drain</em> event stands in the kernel with the
 * earliest lane head's time and key. When it fires, it fires the lanes' heads in (time, key)
 * order for as long as none of the kernel's own events comes first (the kernel's next event is
 * looked up again only when something was added to the kernel meanwhile,
 * {@link Simulator#adds()}), advancing the clock from one head's time to the next within the
 * current run's end ({@link Simulator#advanceTo}); otherwise — a kernel event first, a head after
 * the run's end, or a fired event that stopped the run — it goes back into the kernel with the
 * earliest head's time and key, and the kernel interleaves the rest exactly. The firing order is
 * therefore the kernel's own in every case, priorities included (ordinary priority only is
 * batched; {@code TimeBatchTest}).
 *
 * <p>Lanes: a source whose events are in time order per kind but not across kinds (a link's
 * serialisation ends and its deliveries one latency later) gives each kind a lane; the drain
 * merges them. Lanes are few (the drain compares their heads linearly).
 *
 * <p>A batched event is not {@link Event#isPending() pending} while it waits (only the drain is)
 * and cannot be cancelled: use it for events that nothing cancels or asks about. The kernel's
 * {@link Simulator#eventsExecuted()} counts one event per drain. Allocates only when a lane
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
    private final TimeLane[] lanes;
    /** Events waiting in all lanes. */
    private int count;
    private boolean draining;
    /** The time of the drain's entry in the kernel (while {@code count > 0} and not draining). */
    private long drainTime;
    private long batched;

    private final boolean enabled;

    public TimeBatch(Simulator sim) {
        this(sim, true);
    }

    /** A batch over {@code sim}; not {@code enabled}, every event takes the kernel's own path (for checks). */
    public TimeBatch(Simulator sim, boolean enabled) {
        this(sim, enabled, 1);
    }

    /** A batch of {@code lanes} lanes (each in time order on its own, {@link #schedule(Event, long, int)}). */
    public TimeBatch(Simulator sim, boolean enabled, int lanes) {
        if (lanes < 1 || lanes > 16) {
            throw new IllegalArgumentException("a time batch has 1 to 16 lanes, got " + lanes);
        }
        this.sim = sim;
        this.enabled = enabled;
        this.lanes = new TimeLane[lanes];
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new TimeLane();
        }
    }

    /** {@link #schedule(Event, long, int)} into the first lane. */
    public void schedule(Event e, long delay) {
        schedule(e, delay, 0);
    }

    /**
     * Schedules {@code e} {@code delay} ps from now: into {@code lane} when that is not before the
     * time of the lane's last event (and, outside a drain, not before the batch's kernel entry),
     * else straight into the kernel (the same order either way).
     */
    public void schedule(Event e, long delay, int lane) {
        long now = sim.now();
        long time = now + delay;
        TimeLane l = lanes[lane];
        if (!enabled || delay < 0 || delay > Long.MAX_VALUE - now || e.pending
                || l.count > 0 && time < l.lastTime() || count > 0 && !draining && time < drainTime) {
            sim.schedule(e, delay); // the kernel's own path (and its checks)
            return;
        }
        long key = sim.reserveOrder();
        batched++;
        if (count == 0 && !draining) {
            drainTime = time;
            sim.scheduleReserved(drain, time, key);
        }
        count++;
        l.push(e, time, key);
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
        long seen = sim.adds() - 1; // forces a first look at the kernel
        long otherTime = 0;
        long otherKey = 0;
        while (count > 0) {
            TimeLane l = earliest();
            long t = l.headTime();
            long key = l.headKey();
            long adds = sim.adds();
            if (adds != seen) {
                seen = adds;
                Event other = sim.nextEvent();
                otherTime = other == null ? Long.MAX_VALUE : other.time;
                otherKey = other == null ? Long.MAX_VALUE : other.order;
            }
            if (EventQueue.before(otherTime, otherKey, t, key) || sim.isStopped() || t != now && !sim.mayAdvanceTo(t)) {
                drainTime = t;
                sim.scheduleReserved(drain, t, key);
                break;
            }
            if (t != now) {
                sim.advanceTo(t);
                now = t;
            }
            Event e = l.pop();
            count--;
            e.fire();
        }
        draining = false;
    }

    /** The lane whose head comes first (a non-empty batch). */
    private TimeLane earliest() {
        TimeLane[] ls = lanes;
        if (ls.length == 1) {
            return ls[0];
        }
        TimeLane best = null;
        long bt = Long.MAX_VALUE;
        long bk = Long.MAX_VALUE;
        for (TimeLane l : ls) {
            if (l.count > 0) {
                long t = l.headTime();
                if (t < bt || t == bt && l.headKey() < bk) {
                    best = l;
                    bt = t;
                    bk = l.headKey();
                }
            }
        }
        return best;
    }
}

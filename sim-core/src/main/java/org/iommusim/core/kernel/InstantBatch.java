package org.iommusim.core.kernel;

/**
 * Fires a run of zero-delay events of one instant from one kernel event instead of one each,
 * in exactly the order, and at exactly the places among the instant's other events, that they
 * would have had on their own (issue 20: a pipelined IOTLB hit completes at the instant it is
 * looked up, and a 64 KiB read has 128 of them).
 *
 * <p>A {@link TimeBatch} restricted to zero delays, which explains how the order stays exact;
 * events with a delay are scheduled in the kernel as usual, so only the instant's run is batched.
 * A batched event is not {@link Event#isPending() pending} while it waits (only the drain is),
 * and cannot be cancelled: use it for events that nothing cancels.
 */
public final class InstantBatch {
    private final Simulator sim;
    private final TimeBatch run;

    public InstantBatch(Simulator sim) {
        this.sim = sim;
        this.run = new TimeBatch(sim);
    }

    /** Schedules {@code e} {@code delay} ps from now; at zero delay it joins the current run. */
    public void schedule(Event e, long delay) {
        if (delay != 0) {
            sim.schedule(e, delay);
        } else {
            run.schedule(e, 0);
        }
    }

    /** Events waiting in the current run (for tests). */
    public int waiting() {
        return run.waiting();
    }
}

package org.iommusim.hw.device;

import it.unimi.dsi.fastutil.longs.LongArrayFIFOQueue;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.Distribution;

/**
 * The arrivals of an open-loop {@link DmaEngine} ({@link IssueMode.OpenLoop}): DMA requests
 * arrive at instants drawn from the mode's inter-arrival distribution, or at a fixed mean
 * interval counted from the start (no drift from rounding); an arrival that finds a free tag
 * starts at once, any other waits in the backlog, oldest first, until a tag comes free
 * ({@link #oldest}). The backlog's length is the engine's {@code backlog} statistic.
 *
 * <p>One per open-loop engine, allocated with it; the backlog's queue grows to the longest
 * backlog seen and is reused. Does not model: a bound on the backlog (a real driver's
 * submission queue would refuse arrivals beyond its depth).
 */
final class OpenLoopArrivals {
    private final DmaEngine engine;
    private final Simulator sim;
    private final DmaStats stats;
    private final IssueMode.OpenLoop mode;
    /** Random inter-arrival times, or null: a fixed interval. */
    private final Distribution interArrival;
    private final Event arrival = Event.of(this::arrive);
    private final LongArrayFIFOQueue backlog = new LongArrayFIFOQueue();
    private long fixedStart;
    private long fixedArrivals;

    OpenLoopArrivals(DmaEngine engine, Simulator sim, DmaStats stats, IssueMode.OpenLoop mode,
                     Distribution interArrival) {
        this.engine = engine;
        this.sim = sim;
        this.stats = stats;
        this.mode = mode;
        this.interArrival = interArrival;
    }

    /** The first arrival is now. */
    void start() {
        fixedStart = sim.now();
        fixedArrivals = 0;
        sim.schedule(arrival, 0);
    }

    /** No more arrivals; the backlog is dropped. */
    void stop() {
        sim.cancel(arrival);
        backlog.clear();
    }

    /** True while arrivals wait for a tag. */
    boolean waiting() {
        return backlog.size() > 0;
    }

    /** Takes the oldest waiting arrival; returns its arrival instant. */
    long oldest() {
        long arrivedAt = backlog.dequeueLong();
        stats.backlog.set(backlog.size());
        return arrivedAt;
    }

    /** An arrival (never after {@link #stop}, which cancels the next): starts now or joins the backlog. */
    private void arrive() {
        if (engine.canStart()) {
            engine.issue(sim.now());
        } else {
            backlog.enqueue(sim.now());
            stats.backlog.set(backlog.size());
        }
        if (interArrival != null) {
            sim.schedule(arrival, interArrival.sampleLong());
        } else {
            fixedArrivals++;
            sim.scheduleAt(arrival, fixedStart + Math.round(fixedArrivals * mode.meanIntervalPs()));
        }
    }
}

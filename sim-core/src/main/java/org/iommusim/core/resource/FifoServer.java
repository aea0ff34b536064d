package org.iommusim.core.resource;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.core.stats.Tally;
import org.iommusim.core.stats.TimeWeighted;

/**
 * A FIFO multi-server (G/G/k/k+q): {@code servers} identical slots and a bounded waiting queue
 * served first come, first served. A request takes a free slot at once, else waits if the queue
 * has room, else is rejected (counted). Service time is the client's business: it holds its
 * slot from {@link Client#granted} until it calls {@link #release(int)}, which suits multi-step
 * work whose length is not known up front (a page walk).
 *
 * <p>Statistics, declared under {@code prefix}: {@code arrivals}, {@code rejections},
 * {@code completions}; time-weighted {@code busy} slots, {@code queueLength} and
 * {@code occupancy} (in service + waiting); {@code utilisation} (mean busy / servers);
 * {@code wait} (tally) and {@code waitHistogram} of queueing delay, {@code timeInSystem}
 * (arrival to release), {@code arrivalRate} (admitted per second).
 *
 * <p>Does not model: priorities, preemption, reneging, server failures or heterogeneous
 * slots. Grants are synchronous callbacks; nothing is allocated per request in steady state.
 */
public final class FifoServer {
    private final Simulator sim;
    private final int servers;
    private final long[] slotArrival;
    private final boolean[] slotBusy;
    private final int[] freeSlots;
    private int freeCount;
    private final TimedRing<Client> waiting;

    private final Counter arrivals;
    private final Counter rejections;
    private final Counter completions;
    private final TimeWeighted busy;
    private final TimeWeighted queueLength;
    private final TimeWeighted occupancy;
    private final Tally wait;
    private final LatencyHistogram waitHistogram;
    private final Tally timeInSystem;

    public FifoServer(Simulator sim, StatsRegistry stats, String prefix, ServerConfig config) {
        this.sim = sim;
        this.servers = config.servers();
        this.slotArrival = new long[servers];
        this.slotBusy = new boolean[servers];
        this.freeSlots = new int[servers];
        for (int i = 0; i < servers; i++) {
            freeSlots[i] = servers - 1 - i; // slot 0 is handed out first
        }
        this.freeCount = servers;
        this.waiting = new TimedRing<>(config.queueCapacity());

        String p = prefix + ".";
        arrivals = stats.counter(p + "arrivals", "requests", "requests that arrived (admitted or rejected)");
        rejections = stats.counter(p + "rejections", "requests", "requests rejected because the queue was full");
        completions = stats.counter(p + "completions", "requests", "requests that released their slot");
        busy = stats.timeWeighted(p + "busy", "slots", "slots in use, time-weighted");
        queueLength = stats.timeWeighted(p + "queue-length", "requests", "requests waiting for a slot, time-weighted");
        occupancy = stats.timeWeighted(p + "occupancy", "requests", "requests in service or waiting, time-weighted");
        wait = stats.tally(p + "wait", "ps", "time from arrival to grant of admitted requests");
        waitHistogram = stats.histogram(p + "wait-histogram", "ps", "time from arrival to grant (percentiles)");
        timeInSystem = stats.tally(p + "time-in-system", "ps", "time from arrival to release");
        stats.derived(p + "utilisation", "ratio", "mean busy slots / slots", () -> busy.mean() / servers);
        stats.derived(p + "arrival-rate", "1/s", "admitted arrivals per second of simulated time",
                () -> system().arrivalRate() * SimTime.S);
    }

    /**
     * Asks for a slot for {@code client}. Returns true if admitted — granted now (the callback
     * has already run) or queued — and false if rejected because the queue is full.
     */
    public boolean request(Client client) {
        arrivals.increment();
        long now = sim.now();
        if (freeCount > 0) {
            int slot = freeSlots[--freeCount];
            slotBusy[slot] = true;
            slotArrival[slot] = now;
            busy.add(1);
            occupancy.add(1);
            wait.add(0);
            waitHistogram.recordZero(); // no wait: counted apart, no lookup
            client.granted(slot, 0);
            return true;
        }
        if (waiting.isFull()) {
            rejections.increment();
            return false;
        }
        waiting.add(now, client);
        queueLength.set(waiting.size());
        occupancy.add(1);
        return true;
    }

    /** Ends the service holding {@code slot}; the head of the queue, if any, gets it at once. */
    public void release(int slot) {
        if (slot < 0 || slot >= servers || !slotBusy[slot]) {
            throw new IllegalStateException("release of slot " + slot + " which is not held (servers: " + servers + ")");
        }
        long now = sim.now();
        completions.increment();
        timeInSystem.add(now - slotArrival[slot]);
        occupancy.add(-1);
        if (waiting.size() > 0) {
            long arrived = waiting.headTime();
            Client next = waiting.remove();
            queueLength.set(waiting.size());
            slotArrival[slot] = arrived;
            long waited = now - arrived;
            wait.add(waited);
            waitHistogram.record(waited);
            next.granted(slot, waited);
        } else {
            slotBusy[slot] = false;
            freeSlots[freeCount++] = slot;
            busy.add(-1);
        }
    }

    public int servers() {
        return servers;
    }

    public int queueCapacity() {
        return waiting.capacity();
    }

    /** Slots in use now. */
    public int busy() {
        return servers - freeCount;
    }

    /** Requests waiting now. */
    public int queueLength() {
        return waiting.size();
    }

    /** Time-weighted mean busy slots / slots over the window. */
    public double utilisation() {
        return busy.mean() / servers;
    }

    /** Admitted requests over the window (arrivals minus rejections). */
    public long admitted() {
        return arrivals.get() - rejections.get();
    }

    /** Little's law for the whole server (waiting + in service) over the window. */
    public LittleLaw system() {
        return LittleLaw.of(occupancy.mean(), admitted(), window(), timeInSystem.mean());
    }

    /** Little's law for the waiting queue alone (W = wait, zero for immediate grants). */
    public LittleLaw queue() {
        return LittleLaw.of(queueLength.mean(), admitted(), window(), wait.mean());
    }

    private long window() {
        return sim.now() - occupancy.windowStart();
    }
}

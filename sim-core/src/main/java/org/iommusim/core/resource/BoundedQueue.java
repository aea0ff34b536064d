package org.iommusim.core.resource;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.core.stats.Tally;
import org.iommusim.core.stats.TimeWeighted;

/**
 * A bounded FIFO queue of items (invalidation descriptors, fault records): {@link #offer}
 * returns false when the queue is full and counts the rejection; {@link #poll} removes the
 * oldest item and records how long it waited. Who drains the queue, and when, is the model's
 * business.
 *
 * <p>Statistics, declared under {@code prefix}: {@code arrivals} (offers), {@code rejections},
 * {@code departures}; time-weighted {@code length}; {@code timeInQueue} (tally) and
 * {@code timeInQueueHistogram}; {@code arrivalRate} (admitted per second).
 *
 * <p>Does not model: priorities, dropping from the head, or per-item service. Items are kept by
 * reference (reuse pooled items to stay allocation-free); arrival times live in a primitive ring.
 */
public final class BoundedQueue<T> {
    private final Simulator sim;
    private final TimedRing<T> ring;

    private final Counter arrivals;
    private final Counter rejections;
    private final Counter departures;
    private final TimeWeighted length;
    private final Tally timeInQueue;
    private final LatencyHistogram timeInQueueHistogram;

    public BoundedQueue(Simulator sim, StatsRegistry stats, String prefix, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue '" + prefix + "' needs capacity >= 1, got " + capacity);
        }
        this.sim = sim;
        this.ring = new TimedRing<>(capacity);
        String p = prefix + ".";
        arrivals = stats.counter(p + "arrivals", "items", "items offered (admitted or rejected)");
        rejections = stats.counter(p + "rejections", "items", "items rejected because the queue was full");
        departures = stats.counter(p + "departures", "items", "items removed from the head");
        length = stats.timeWeighted(p + "length", "items", "items in the queue, time-weighted");
        timeInQueue = stats.tally(p + "time-in-queue", "ps", "time from offer to removal");
        timeInQueueHistogram = stats.histogram(p + "time-in-queue-histogram", "ps",
                "time from offer to removal (percentiles)");
        stats.derived(p + "arrival-rate", "1/s", "admitted items per second of simulated time",
                () -> littleLaw().arrivalRate() * SimTime.S);
    }

    /** Appends {@code item} (non-null); false, counted as a rejection, when the queue is full. */
    public boolean offer(T item) {
        if (item == null) {
            throw new IllegalArgumentException("null item");
        }
        arrivals.increment();
        if (ring.isFull()) {
            rejections.increment();
            return false;
        }
        ring.add(sim.now(), item);
        length.set(ring.size());
        return true;
    }

    /** Removes and returns the oldest item, or null when empty. */
    public T poll() {
        if (ring.size() == 0) {
            return null;
        }
        long waited = sim.now() - ring.headTime();
        T item = ring.remove();
        length.set(ring.size());
        departures.increment();
        timeInQueue.add(waited);
        timeInQueueHistogram.record(waited);
        return item;
    }

    /** The oldest item without removing it, or null when empty. */
    public T peek() {
        return ring.headItem();
    }

    public int size() {
        return ring.size();
    }

    public boolean isEmpty() {
        return ring.size() == 0;
    }

    public boolean isFull() {
        return ring.isFull();
    }

    public int capacity() {
        return ring.capacity();
    }

    /** Admitted items over the window (arrivals minus rejections). */
    public long admitted() {
        return arrivals.get() - rejections.get();
    }

    /** Little's law for this queue over the window (construction or the last reset to now). */
    public LittleLaw littleLaw() {
        return LittleLaw.of(length.mean(), admitted(), sim.now() - length.windowStart(), timeInQueue.mean());
    }
}

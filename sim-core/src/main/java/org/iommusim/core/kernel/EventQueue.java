package org.iommusim.core.kernel;

/**
 * The future-event set: pending events ordered by (time, order). {@code order} already packs
 * priority and insertion sequence, so an implementation compares two longs and nothing else.
 *
 * <p>Implementations keep {@link Event#index} non-negative while an event is inside them and
 * set it to -1 when it leaves, which is how {@link Event#isPending()} works.
 */
public interface EventQueue {
    /** Adds a pending event; its {@code time} and {@code order} are already set. */
    void add(Event e);

    /** Removes and returns the earliest event, or null when empty. */
    Event poll();

    /** The earliest event without removing it, or null when empty. */
    Event peek();

    /** Removes a pending event of this queue; returns false if it was not in the queue. */
    boolean remove(Event e);

    int size();

    /** Removes every event (each becomes not pending). */
    void clear();

    /** True when {@code a} fires before {@code b}. */
    static boolean before(long timeA, long orderA, long timeB, long orderB) {
        return timeA < timeB || timeA == timeB && orderA < orderB;
    }
}

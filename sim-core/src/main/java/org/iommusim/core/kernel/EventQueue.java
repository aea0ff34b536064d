package org.iommusim.core.kernel;

/**
 * The future-event set: pending events ordered by (time, order). {@code order} already packs
 * priority and insertion sequence, so an implementation compares two longs and nothing else.
 *
 * <p>Implementations set {@link Event#pending} when an event enters and clear it when the event
 * is polled, removed or cleared, which is how {@link Event#isPending()} works.
 */
public interface EventQueue {
    /** Adds a pending event; its {@code time} and {@code order} are already set. */
    void add(Event e);

    /** Removes and returns the earliest event, or null when empty. */
    Event poll();

    /**
     * Removes and returns the earliest event if it fires at or before {@code end}; otherwise
     * (or when empty) returns null and leaves the queue as it was. The event loop's one call
     * per event.
     */
    Event pollUntil(long end);

    /** The earliest event without removing it, or null when empty. */
    Event peek();

    /** Removes a pending event of this queue; returns false if it was not pending. */
    boolean remove(Event e);

    /** Number of pending events. */
    int size();

    /** Removes every event (each becomes not pending). */
    void clear();

    /** True when {@code a} fires before {@code b}. */
    static boolean before(long timeA, long orderA, long timeB, long orderB) {
        return timeA < timeB || timeA == timeB && orderA < orderB;
    }
}

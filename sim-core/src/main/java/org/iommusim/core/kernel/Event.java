package org.iommusim.core.kernel;

/**
 * Something that happens at an instant of simulated time (DESMO-J's event-oriented world view).
 *
 * <p>Events are <em>reusable</em>: a model allocates its events once and schedules the same
 * object again each time it fires, so the event loop allocates nothing per event. An event can
 * be pending at most once at a time; scheduling a pending event is an error (cancel it or wait
 * for it to fire). Cancellation is O(1): the queue drops a cancelled event's entry when it
 * reaches the top (lazy deletion), so the queue never writes into event objects while it
 * reorders itself.
 */
public abstract class Event {
    /** Fire time in picoseconds, valid while pending. */
    long time;
    /** Tie-break key: priority in the upper 16 bits, insertion sequence in the lower 48; fresh per schedule. */
    long order;
    /** Whether the event is scheduled and has neither fired nor been cancelled. */
    boolean pending;

    /** What happens when the event fires; {@link Simulator#now()} is the event's time. */
    public abstract void fire();

    /** Whether the event is scheduled and has not fired or been cancelled. */
    public final boolean isPending() {
        return pending;
    }

    /** The time this event will fire at; meaningful only while {@link #isPending()}. */
    public final long scheduledTime() {
        return time;
    }

    /** Wraps an action as a reusable event. */
    public static Event of(Runnable action) {
        return new Event() {
            @Override
            public void fire() {
                action.run();
            }
        };
    }
}

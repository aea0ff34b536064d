package org.iommusim.core.kernel;

/**
 * The event kernel of one run: a clock and a future-event set. There is no static state; a
 * replication builds its own {@code Simulator}, so runs in parallel threads never interfere.
 *
 * <p>Ordering is total and deterministic: events fire by time, then by priority (lower first),
 * then in the order they were scheduled. Firing an event sets {@link #now()} to its time; time
 * never goes backwards.
 *
 * <p>Run semantics: {@link #runUntil(long)} fires every event whose time is {@code <= end},
 * then advances the clock to {@code end} (unless stopped or the end is unbounded);
 * {@link #runEvents(long)} fires at most that many events; {@link #stop()} from inside an
 * event ends the current run call after that event.
 */
public final class Simulator {
    /** Priority of ordinary events. Lower priorities fire first among events at one instant. */
    public static final int NORMAL_PRIORITY = 0;
    public static final int MIN_PRIORITY = Short.MIN_VALUE;
    public static final int MAX_PRIORITY = Short.MAX_VALUE;

    private static final int SEQ_BITS = 48;
    private static final long SEQ_MASK = (1L << SEQ_BITS) - 1;

    private final EventQueue queue;
    private long now;
    private long sequence;
    private long executed;
    /** Events scheduled so far for the instant that was current when they were scheduled. */
    private long instantSchedules;
    private boolean stopped;

    /** A simulator over the default future-event set, a {@link LadderEventQueue} (a heap until it grows large). */
    public Simulator() {
        this(new LadderEventQueue());
    }

    /** A simulator over the given future-event set (e.g. {@code new HeapEventQueue()} to pin the plain heap). */
    public Simulator(EventQueue queue) {
        this.queue = queue;
    }

    /** Current simulated time in picoseconds. */
    public long now() {
        return now;
    }

    /** Number of events fired so far. */
    public long eventsExecuted() {
        return executed;
    }

    /**
     * Number of events scheduled so far at the then-current instant (zero delay, any priority):
     * unchanged between two moments of one instant means that no event joined this instant's
     * events in between ({@link InstantBatch}).
     */
    long instantSchedules() {
        return instantSchedules;
    }

    /** Number of pending events. */
    public int pending() {
        return queue.size();
    }

    /** Schedules {@code e} to fire {@code delay} picoseconds from now. */
    public void schedule(Event e, long delay) {
        checkDelay(delay);
        scheduleAt(e, now + delay, NORMAL_PRIORITY);
    }

    /** Schedules {@code e} after {@code delay} with an explicit priority (lower fires first). */
    public void schedule(Event e, long delay, int priority) {
        checkDelay(delay);
        scheduleAt(e, now + delay, priority);
    }

    private void checkDelay(long delay) {
        if (delay < 0) {
            throw new IllegalArgumentException("negative delay " + delay + "ps");
        }
        if (delay > Long.MAX_VALUE - now) {
            throw new IllegalArgumentException("delay " + SimTime.format(delay) + " from " + SimTime.format(now)
                    + " overflows simulated time (max " + SimTime.format(Long.MAX_VALUE) + ")");
        }
    }

    /** Schedules {@code e} at the absolute instant {@code time} (not before now). */
    public void scheduleAt(Event e, long time) {
        scheduleAt(e, time, NORMAL_PRIORITY);
    }

    /** Schedules {@code e} at {@code time} with a priority in [{@link #MIN_PRIORITY}, {@link #MAX_PRIORITY}]. */
    public void scheduleAt(Event e, long time, int priority) {
        if (time < now) {
            throw new IllegalArgumentException("cannot schedule at " + SimTime.format(time)
                    + ", before the current time " + SimTime.format(now));
        }
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority " + priority + " outside [" + MIN_PRIORITY + ", "
                    + MAX_PRIORITY + "]");
        }
        if (e.pending) {
            throw new IllegalStateException("event is already pending at " + SimTime.format(e.time)
                    + "; cancel it before scheduling it again");
        }
        if (time == now) {
            instantSchedules++;
        }
        e.time = time;
        // Signed priority in the top 16 bits: p * 2^48 + seq is monotonic in (p, seq) as a signed long.
        e.order = ((long) priority << SEQ_BITS) | (sequence++ & SEQ_MASK);
        queue.add(e);
    }

    /**
     * Reserves the order key an ordinary event scheduled now would get, as if it were scheduled
     * at this instant ({@link InstantBatch}: its events keep their places without being queued).
     */
    long reserveOrder() {
        return ((long) NORMAL_PRIORITY << SEQ_BITS) | (sequence++ & SEQ_MASK);
    }

    /** Schedules {@code e} at the current instant with an order key from {@link #reserveOrder}. */
    void scheduleReserved(Event e, long order) {
        scheduleReserved(e, now, order);
    }

    /** Schedules {@code e} at {@code time} (not before now) with an order key from {@link #reserveOrder} ({@link TimeBatch}). */
    void scheduleReserved(Event e, long time, long order) {
        if (e.pending) {
            throw new IllegalStateException("event is already pending at " + SimTime.format(e.time));
        }
        if (time == now) {
            instantSchedules++; // another batch draining now must look at the kernel again
        }
        e.time = time;
        e.order = order;
        queue.add(e);
    }

    /** The order key of the next pending event if it fires at the current instant, else {@code Long.MAX_VALUE}. */
    long nextOrderNow() {
        Event top = queue.peek();
        return top != null && top.time == now ? top.order : Long.MAX_VALUE;
    }

    /** Cancels a pending event; returns false if it was not pending. */
    public boolean cancel(Event e) {
        return e.pending && queue.remove(e);
    }

    /** Runs until no event is left or {@link #stop()} is called. */
    public void run() {
        runUntil(Long.MAX_VALUE);
    }

    /**
     * Fires every event with time {@code <= end}, then sets the clock to {@code end}. Returns
     * early (clock at the last fired event) if {@link #stop()} is called.
     */
    public void runUntil(long end) {
        if (end < now) {
            throw new IllegalArgumentException("cannot run until " + SimTime.format(end)
                    + ", before the current time " + SimTime.format(now));
        }
        stopped = false;
        final EventQueue q = queue;
        Event e;
        while (!stopped && (e = q.pollUntil(end)) != null) {
            now = e.time;
            executed++;
            e.fire();
        }
        if (!stopped && end != Long.MAX_VALUE) {
            now = end;
        }
    }

    /** Fires at most {@code count} events (fewer if the queue empties or {@link #stop()} is called). */
    public long runEvents(long count) {
        stopped = false;
        long fired = 0;
        final EventQueue q = queue;
        Event e;
        while (!stopped && fired < count && (e = q.poll()) != null) {
            now = e.time;
            executed++;
            fired++;
            e.fire();
        }
        return fired;
    }

    /** Makes the current run call return after the event being fired. */
    public void stop() {
        stopped = true;
    }

    public boolean isStopped() {
        return stopped;
    }
}

package org.iommusim.core.kernel;

/**
 * The FIFO beside {@link HeapEventQueue}'s heap for events scheduled at the instant being fired
 * (a zero delay: a pipelined cache hit, a completion handed on at once). Such an event's key
 * (time, order) is above every key already in the lane, because its order key carries the newest
 * insertion sequence, so a plain ring keeps them sorted and the queue only has to compare the
 * lane's head with the heap's top: an append and a pop instead of a sift up and a sift down. The
 * lane takes an event only when its key is above the tail's ({@link #accepts}), so it is sorted
 * whatever is offered, and the merged order is exactly the heap's.
 *
 * <p>Entries are (event, order key) as in the heap; one is live while its event is pending with
 * that order key (cancellation is lazy). Times, order keys and events sit in parallel arrays of a
 * power-of-two ring that doubles when full: nothing is allocated per event in steady state.
 */
final class InstantLane {
    private long[] times = new long[16];
    private long[] orders = new long[16];
    private Event[] events = new Event[16];
    private int head;   // index of the first entry
    private int count;  // entries, live or stale

    int count() {
        return count;
    }

    /** Whether an entry keyed (time, order) would keep the lane sorted. */
    boolean accepts(long time, long order) {
        if (count == 0) {
            return true;
        }
        int last = (head + count - 1) & (events.length - 1);
        long lt = times[last];
        return time > lt || time == lt && order > orders[last];
    }

    /** Appends an entry; the caller checked {@link #accepts}. */
    void push(Event e) {
        if (count == events.length) {
            grow();
        }
        int i = (head + count++) & (events.length - 1);
        times[i] = e.time;
        orders[i] = e.order;
        events[i] = e;
    }

    /** The first live entry's event after dropping stale ones from the front, or null when none is left. */
    Event first() {
        while (count > 0) {
            Event e = events[head];
            if (e.pending && orders[head] == e.order) {
                return e;
            }
            pop();
        }
        return null;
    }

    /** The time of the first entry (valid after {@link #first} returned an event). */
    long firstTime() {
        return times[head];
    }

    /** The order key of the first entry (valid after {@link #first} returned an event). */
    long firstOrder() {
        return orders[head];
    }

    /** Removes the first entry. */
    void pop() {
        events[head] = null;
        head = (head + 1) & (events.length - 1);
        count--;
    }

    /** Hands every live entry's event to {@code sink} in order and empties the lane; returns how many. */
    int drain(java.util.function.Consumer<Event> sink) {
        int n = 0;
        while (count > 0) {
            Event e = events[head];
            if (e.pending && orders[head] == e.order) {
                sink.accept(e);
                n++;
            }
            pop();
        }
        return n;
    }

    /** Drops stale entries, keeping the live ones in order. */
    void compact() {
        int kept = 0;
        int mask = events.length - 1;
        for (int k = 0; k < count; k++) {
            int i = (head + k) & mask;
            Event e = events[i];
            events[i] = null;
            if (e.pending && orders[i] == e.order) {
                int j = (head + kept++) & mask;
                times[j] = times[i];
                orders[j] = orders[i];
                events[j] = e;
            }
        }
        count = kept;
    }

    private void grow() {
        int n = events.length;
        long[] t = new long[2 * n];
        long[] o = new long[2 * n];
        Event[] ev = new Event[2 * n];
        for (int k = 0; k < count; k++) {
            int i = (head + k) & (n - 1);
            t[k] = times[i];
            o[k] = orders[i];
            ev[k] = events[i];
        }
        times = t;
        orders = o;
        events = ev;
        head = 0;
    }
}

package org.iommusim.core.kernel;

import java.util.Arrays;

/**
 * The default future-event set: an implicit 4-ary min-heap with lazy deletion.
 *
 * <p>Layout: times, order keys and event references live in three parallel arrays, so sifting
 * compares primitive array elements (the four children's times share a cache line; the order
 * key is read only on a tie) and never chases a pointer into an event object; nothing is
 * written into event objects while the heap reorders itself. (An interleaved time/order array
 * measured slower.)
 *
 * <p>Removal pops with Floyd's "bottom-up" sift: the hole at the root walks down to a leaf
 * along the smaller children (three comparisons per level, no comparison with the moved
 * element), then the last element sifts up from there — it usually belongs near the bottom,
 * so this saves a comparison and a hard-to-predict branch per level.
 *
 * <p>Cancellation is lazy: {@link #remove} clears the event's pending flag, and the entry is
 * discarded when it reaches the top. An entry is live only while its event is pending with the
 * same order key — every schedule draws a fresh sequence number, so an entry left behind by a
 * cancelled and rescheduled event is recognised as stale. When stale entries outnumber live
 * ones the heap is rebuilt without them, so memory stays O(pending). Nothing is allocated per
 * event in steady state.
 *
 * <p>A polled event's root entry stays while it fires: the next event added takes its slot and
 * sifts down (one sift for a pop and a push); any other operation pops it first. (time, order)
 * is unique among live events, so only the layout can differ, never the order of leaving.
 *
 * <p>Events scheduled for the instant of the last event polled (a zero delay) go to an
 * {@link InstantLane} instead, a FIFO whose head is compared with the heap's top on every poll:
 * their keys arrive in ascending order, so an append and a pop replace a sift up and a sift
 * down, and the merged order is the heap's own.
 */
public final class HeapEventQueue implements EventQueue {
    private long[] times;
    private long[] orders;
    private Event[] events;
    private int size;         // entries in the heap, live or stale
    private int live;         // pending events, in the heap and the lane
    private final InstantLane lane = new InstantLane();
    /** Time of the last event polled: events added at this instant may go to the lane. */
    private long clock = Long.MIN_VALUE;
    /** The root entry is that of the event polled last, which fires now: the next add replaces it. */
    private boolean rootPolled;

    public HeapEventQueue() {
        this(1024);
    }

    public HeapEventQueue(int initialCapacity) {
        int cap = Math.max(4, initialCapacity);
        times = new long[cap];
        orders = new long[cap];
        events = new Event[cap];
    }

    @Override
    public void add(Event e) {
        e.pending = true;
        live++;
        long t = e.time;
        if (t == clock && lane.accepts(t, e.order)) {
            lane.push(e);
            return;
        }
        if (rootPolled) {
            rootPolled = false;
            siftDown(0, t, e.order, e);
            return;
        }
        if (size == events.length) {
            grow();
        }
        siftUp(size++, t, e.order, e);
    }

    @Override
    public Event poll() {
        return pollUntil(Long.MAX_VALUE);
    }

    @Override
    public Event pollUntil(long end) {
        popPolledRoot();
        Event top = heapTop();
        if (lane.count() != 0 && laneFirst(top, 0)) {
            Event e = lane.first();
            long t = lane.firstTime();
            if (t > end) {
                return null;
            }
            lane.pop();
            e.pending = false;
            live--;
            clock = t;
            return e;
        }
        if (top == null || times[0] > end) {
            return null;
        }
        top.pending = false;
        live--;
        clock = times[0];
        rootPolled = true; // popped by the next add or other operation
        return top;
    }

    /** Pops the polled event's root entry unless an add took its slot. */
    private void popPolledRoot() {
        if (rootPolled) {
            rootPolled = false;
            popTop();
        }
    }

    /**
     * The earliest pending event. With the polled event's root entry kept, the earliest other entry
     * is the root's smallest child (the heap order holds below the root): when that one is live it is
     * the answer and the root stays for the next add's single sift (a {@link TimeBatch} drain peeks
     * between its events); otherwise the root is popped first, as before.
     */
    @Override
    public Event peek() {
        if (rootPolled) {
            int c = minChild(0, size);
            Event child = c < 0 ? null : events[c];
            if (c < 0 || child.pending && orders[c] == child.order) {
                return lane.count() != 0 && laneFirst(child, c) ? lane.first() : child;
            }
        }
        popPolledRoot();
        Event top = heapTop();
        return lane.count() != 0 && laneFirst(top, 0) ? lane.first() : top;
    }

    /**
     * Whether the lane holds a live entry that fires before {@code top}, the heap's live entry in
     * slot {@code at} (null: none).
     */
    private boolean laneFirst(Event top, int at) {
        if (lane.first() == null) {
            return false;
        }
        if (top == null) {
            return true;
        }
        long lt = lane.firstTime();
        return lt < times[at] || lt == times[at] && lane.firstOrder() < orders[at];
    }

    /** The heap's earliest live event after dropping stale entries from the top, or null. */
    private Event heapTop() {
        while (size > 0) {
            Event top = events[0];
            if (top.pending && orders[0] == top.order) {
                return top;
            }
            popTop(); // stale entry of a cancelled (and maybe rescheduled) event
        }
        return null;
    }

    @Override
    public boolean remove(Event e) {
        if (!e.pending) {
            return false;
        }
        e.pending = false;
        live--;
        int entries = size + lane.count();
        if (entries - live > live && entries > 64) {
            popPolledRoot();
            compact();
            lane.compact();
        }
        return true;
    }

    @Override
    public int size() {
        return live;
    }

    @Override
    public void clear() {
        drainLive(e -> e.pending = false);
    }

    /**
     * Hands every pending event to {@code sink} in storage order (not time order) and empties
     * the heap without clearing the events' pending flags: they stay pending, now owned by the
     * caller. Returns how many were handed over.
     */
    int drainLive(java.util.function.Consumer<Event> sink) {
        popPolledRoot();
        int n = 0;
        for (int i = 0; i < size; i++) {
            Event e = events[i];
            if (e.pending && orders[i] == e.order) {
                sink.accept(e);
                n++;
            }
            events[i] = null;
        }
        n += lane.drain(sink);
        size = 0;
        live = 0;
        return n;
    }

    /** Removes the root entry: Floyd's bottom-up sift of the hole, then the last entry sifts up. */
    private void popTop() {
        final long[] k = times;
        final long[] ord = orders;
        int n = --size;
        long lt = k[n];
        long lo = ord[n];
        Event le = events[n];
        events[n] = null;
        if (n == 0) {
            return;
        }
        int hole = 0;
        int best;
        while ((best = minChild(hole, n)) >= 0) {
            k[hole] = k[best];
            ord[hole] = ord[best];
            events[hole] = events[best];
            hole = best;
        }
        siftUp(hole, lt, lo, le);
    }

    private void siftUp(int i, long t, long o, Event e) {
        final long[] k = times;
        final long[] ord = orders;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            long pt = k[parent];
            if (pt < t || pt == t && ord[parent] < o) {
                break;
            }
            k[i] = pt;
            ord[i] = ord[parent];
            events[i] = events[parent];
            i = parent;
        }
        k[i] = t;
        ord[i] = o;
        events[i] = e;
    }

    /** Drops stale entries and re-heapifies (Floyd's O(n) build). */
    private void compact() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            Event e = events[i];
            if (e.pending && orders[i] == e.order) {
                times[n] = times[i];
                orders[n] = orders[i];
                events[n] = e;
                n++;
            }
        }
        Arrays.fill(events, n, size, null);
        size = n;
        for (int i = (n - 2) >>> 2; i >= 0 && n > 1; i--) {
            siftDown(i, times[i], orders[i], events[i]);
        }
    }

    /** Places (t, o, e) at slot {@code i} or below, moving smaller children up. */
    private void siftDown(int i, long t, long o, Event e) {
        final long[] k = times;
        final long[] ord = orders;
        int best;
        while ((best = minChild(i, size)) >= 0) {
            long bt = k[best];
            if (t < bt || t == bt && o < ord[best]) {
                break;
            }
            k[i] = bt;
            ord[i] = ord[best];
            events[i] = events[best];
            i = best;
        }
        k[i] = t;
        ord[i] = o;
        events[i] = e;
    }

    /** The smallest of node {@code i}'s (up to four) children among the first {@code n} entries, or -1. */
    private int minChild(int i, int n) {
        final long[] k = times;
        final long[] ord = orders;
        int c = 4 * i + 1;
        if (c >= n) {
            return -1;
        }
        int best = c;
        long bt = k[c];
        int end = Math.min(c + 4, n);
        for (int j = c + 1; j < end; j++) {
            long jt = k[j];
            if (jt < bt || jt == bt && ord[j] < ord[best]) {
                best = j;
                bt = jt;
            }
        }
        return best;
    }

    private void grow() {
        int cap = events.length * 2;
        times = Arrays.copyOf(times, cap);
        orders = Arrays.copyOf(orders, cap);
        events = Arrays.copyOf(events, cap);
    }
}

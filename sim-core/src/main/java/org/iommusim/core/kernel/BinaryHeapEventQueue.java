package org.iommusim.core.kernel;

import java.util.Arrays;

/**
 * The default future-event set: an implicit 4-ary min-heap whose keys live in primitive
 * arrays beside the event references, so sifting compares array elements instead of chasing
 * pointers into event objects. A 4-ary heap halves the depth of a binary one and keeps the
 * four children of a node on one cache line of keys.
 *
 * <p>Growth doubles the arrays; nothing is allocated per event in steady state.
 */
public final class BinaryHeapEventQueue implements EventQueue {
    private static final int ARITY_SHIFT = 2; // 4 children per node

    private long[] times;
    private long[] orders;
    private Event[] events;
    private int size;

    public BinaryHeapEventQueue() {
        this(1024);
    }

    public BinaryHeapEventQueue(int initialCapacity) {
        int cap = Math.max(4, initialCapacity);
        times = new long[cap];
        orders = new long[cap];
        events = new Event[cap];
    }

    @Override
    public void add(Event e) {
        if (size == events.length) {
            grow();
        }
        siftUp(size++, e.time, e.order, e);
    }

    @Override
    public Event poll() {
        if (size == 0) {
            return null;
        }
        Event top = events[0];
        top.index = -1;
        int last = --size;
        Event moved = events[last];
        events[last] = null;
        if (last > 0) {
            siftDown(0, times[last], orders[last], moved);
        }
        return top;
    }

    @Override
    public Event peek() {
        return size == 0 ? null : events[0];
    }

    @Override
    public boolean remove(Event e) {
        int i = e.index;
        if (i < 0 || i >= size || events[i] != e) {
            return false;
        }
        e.index = -1;
        int last = --size;
        if (i != last) {
            Event moved = events[last];
            long t = times[last];
            long o = orders[last];
            events[last] = null;
            siftDown(i, t, o, moved);
            if (events[i] == moved) {
                siftUp(i, t, o, moved);
            }
        } else {
            events[last] = null;
        }
        return true;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void clear() {
        for (int i = 0; i < size; i++) {
            events[i].index = -1;
            events[i] = null;
        }
        size = 0;
    }

    private void siftUp(int i, long t, long o, Event e) {
        while (i > 0) {
            int parent = (i - 1) >>> ARITY_SHIFT;
            long pt = times[parent];
            if (pt < t || pt == t && orders[parent] < o) {
                break;
            }
            place(i, pt, orders[parent], events[parent]);
            i = parent;
        }
        place(i, t, o, e);
    }

    private void siftDown(int i, long t, long o, Event e) {
        final int n = size;
        while (true) {
            int first = (i << ARITY_SHIFT) + 1;
            if (first >= n) {
                break;
            }
            int best = first;
            long bt = times[first];
            long bo = orders[first];
            int end = Math.min(first + (1 << ARITY_SHIFT), n);
            for (int c = first + 1; c < end; c++) {
                long ct = times[c];
                if (ct < bt || ct == bt && orders[c] < bo) {
                    best = c;
                    bt = ct;
                    bo = orders[c];
                }
            }
            if (t < bt || t == bt && o < bo) {
                break;
            }
            place(i, bt, bo, events[best]);
            i = best;
        }
        place(i, t, o, e);
    }

    private void place(int i, long t, long o, Event e) {
        times[i] = t;
        orders[i] = o;
        events[i] = e;
        e.index = i;
    }

    private void grow() {
        int cap = events.length * 2;
        times = Arrays.copyOf(times, cap);
        orders = Arrays.copyOf(orders, cap);
        events = Arrays.copyOf(events, cap);
    }
}

package org.iommusim.core.resource;

import java.util.Arrays;

/**
 * A FIFO ring of (arrival time, item) pairs with a hard capacity, kept in a primitive
 * {@code long[]} beside an item array. Storage starts small and doubles up to the capacity, so a
 * huge (effectively unbounded) capacity costs nothing until used; nothing is allocated per
 * element in steady state.
 */
final class TimedRing<T> {
    private static final int INITIAL = 64;

    private final int capacity;
    private long[] times;
    private Object[] items;
    private int head;
    private int size;

    TimedRing(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("queue capacity must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
        int initial = 1;
        while (initial < Math.min(capacity, INITIAL)) {
            initial <<= 1;
        }
        times = new long[initial];
        items = new Object[initial];
    }

    int capacity() {
        return capacity;
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size >= capacity;
    }

    /** Appends; the caller has checked {@link #isFull()}. */
    void add(long time, T item) {
        if (size == items.length) {
            grow();
        }
        int tail = (head + size) & (items.length - 1);
        times[tail] = time;
        items[tail] = item;
        size++;
    }

    /** Arrival time of the head; the ring must not be empty. */
    long headTime() {
        return times[head];
    }

    @SuppressWarnings("unchecked")
    T headItem() {
        return size == 0 ? null : (T) items[head];
    }

    /** Removes and returns the head item; the ring must not be empty. */
    @SuppressWarnings("unchecked")
    T remove() {
        T item = (T) items[head];
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        size--;
        return item;
    }

    private void grow() {
        int n = items.length;
        if (n >= 1 << 30) {
            throw new IllegalStateException("queue storage cannot grow beyond " + n + " entries");
        }
        // Lengths stay powers of two so the index wraps with a mask; the capacity check is the caller's.
        int cap = n * 2;
        long[] t = new long[cap];
        Object[] it = new Object[cap];
        int first = Math.min(size, n - head);
        System.arraycopy(times, head, t, 0, first);
        System.arraycopy(items, head, it, 0, first);
        System.arraycopy(times, 0, t, first, size - first);
        System.arraycopy(items, 0, it, first, size - first);
        Arrays.fill(items, null);
        times = t;
        items = it;
        head = 0;
    }
}

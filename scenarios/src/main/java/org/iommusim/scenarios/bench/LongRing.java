package org.iommusim.scenarios.bench;

/** A growable FIFO ring of {@code long}s (arrival times of waiting customers). */
final class LongRing {
    private long[] items;
    private int head;
    private int size;

    LongRing(int capacity) {
        items = new long[Integer.highestOneBit(Math.max(2, capacity - 1)) << 1];
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(long v) {
        if (size == items.length) {
            long[] bigger = new long[items.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = items[(head + i) & (items.length - 1)];
            }
            items = bigger;
            head = 0;
        }
        items[(head + size++) & (items.length - 1)] = v;
    }

    long poll() {
        long v = items[head];
        head = (head + 1) & (items.length - 1);
        size--;
        return v;
    }
}

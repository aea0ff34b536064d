package org.iommusim.hw.device;

import java.util.Arrays;

/** A growable FIFO ring of longs (arrival times of an open-loop backlog); no boxing. */
final class LongFifo {
    private long[] items = new long[16];
    private int head;
    private int size;

    void add(long v) {
        if (size == items.length) {
            long[] bigger = new long[items.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = items[(head + i) % items.length];
            }
            items = bigger;
            head = 0;
        }
        items[(head + size) % items.length] = v;
        size++;
    }

    long remove() {
        if (size == 0) {
            throw new IllegalStateException("empty");
        }
        long v = items[head];
        head = (head + 1) % items.length;
        size--;
        return v;
    }

    int size() {
        return size;
    }

    void clear() {
        Arrays.fill(items, 0);
        head = 0;
        size = 0;
    }
}

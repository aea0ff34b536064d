package org.iommusim.scenarios.bench;

import java.util.Arrays;

/**
 * The benchmark's baseline: the simplest fast future-event set one would write by hand — a
 * binary min-heap of {@code long} times with an {@code int} event kind beside each, no event
 * objects, no cancellation, no tie-break beyond time.
 */
final class PrimitiveHeap {
    private long[] times;
    private int[] kinds;
    private int size;

    PrimitiveHeap(int capacity) {
        times = new long[Math.max(2, capacity)];
        kinds = new int[times.length];
    }

    int size() {
        return size;
    }

    long topTime() {
        return times[0];
    }

    int topKind() {
        return kinds[0];
    }

    void push(long time, int kind) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            kinds = Arrays.copyOf(kinds, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (times[parent] <= time) {
                break;
            }
            times[i] = times[parent];
            kinds[i] = kinds[parent];
            i = parent;
        }
        times[i] = time;
        kinds[i] = kind;
    }

    void pop() {
        int n = --size;
        long t = times[n];
        int k = kinds[n];
        int i = 0;
        while (true) {
            int c = 2 * i + 1;
            if (c >= n) {
                break;
            }
            if (c + 1 < n && times[c + 1] < times[c]) {
                c++;
            }
            if (t <= times[c]) {
                break;
            }
            times[i] = times[c];
            kinds[i] = kinds[c];
            i = c;
        }
        times[i] = t;
        kinds[i] = k;
    }
}

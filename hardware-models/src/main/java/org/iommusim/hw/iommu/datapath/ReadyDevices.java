package org.iommusim.hw.iommu.datapath;

import java.util.Arrays;

/**
 * The devices that have requests waiting for admission and room under their own in-flight
 * bound, ordered by the arrival number of their oldest waiting request: a binary min-heap of
 * device numbers with each device's heap position, so admission finds the oldest admissible
 * request in O(1) and updates in O(log devices), instead of scanning every waiting request.
 * Keys are given by the caller ({@link #add}, {@link #update}); a device is in the heap at most
 * once. Allocates only when a larger device number first appears.
 */
final class ReadyDevices {
    private int[] heap = new int[8];
    private long[] key = new long[8];
    private int[] pos = filled(8);
    private int size;

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean contains(int device) {
        return device < pos.length && pos[device] >= 0;
    }

    /** The device whose oldest waiting request arrived first. */
    int first() {
        return heap[0];
    }

    /** Adds {@code device} (not yet present) with its oldest waiting request's arrival number. */
    void add(int device, long arrivalNumber) {
        if (device >= pos.length) {
            int n = Math.max(device + 1, pos.length * 2);
            int old = pos.length;
            pos = Arrays.copyOf(pos, n);
            Arrays.fill(pos, old, n, -1);
            key = Arrays.copyOf(key, n);
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        key[device] = arrivalNumber;
        heap[size] = device;
        pos[device] = size;
        up(size++);
    }

    /** {@code device}'s oldest waiting request changed to a later one. */
    void update(int device, long arrivalNumber) {
        key[device] = arrivalNumber;
        down(pos[device]);
    }

    void remove(int device) {
        int i = pos[device];
        pos[device] = -1;
        int last = heap[--size];
        if (i == size) {
            return;
        }
        heap[i] = last;
        pos[last] = i;
        down(i);
        up(pos[last]);
    }

    private void up(int i) {
        int d = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            int p = heap[parent];
            if (key[p] <= key[d]) {
                break;
            }
            heap[i] = p;
            pos[p] = i;
            i = parent;
        }
        heap[i] = d;
        pos[d] = i;
    }

    private void down(int i) {
        int d = heap[i];
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && key[heap[c + 1]] < key[heap[c]]) {
                c++;
            }
            if (key[d] <= key[heap[c]]) {
                break;
            }
            heap[i] = heap[c];
            pos[heap[i]] = i;
            i = c;
        }
        heap[i] = d;
        pos[d] = i;
    }
}

package org.iommusim.hw.device;

import it.unimi.dsi.fastutil.ints.IntArrayFIFOQueue;

/**
 * The RX descriptors a NIC driver has returned but not yet handed to the NIC, and the batches
 * being fetched: the driver hands them over {@code batch} at a time (one tail write), the oldest
 * first, and the NIC fetches each batch in one read ({@link NicRing}). At most
 * {@code ringSize / batch} batches are in flight, each in its own slot until its fetch ends.
 * Allocates nothing after construction.
 */
final class RefillBatches {
    private final int batch;
    private final IntArrayFIFOQueue returned = new IntArrayFIFOQueue();
    private final int[][] slots;
    private long sequence;

    RefillBatches(int ringSize, int batch) {
        this.batch = batch;
        this.slots = new int[ringSize / batch + 1][batch];
    }

    /** Descriptor {@code index} is returned; the slot of the batch it completes, or -1. */
    int add(int index) {
        returned.enqueue(index);
        if (returned.size() < batch) {
            return -1;
        }
        int slot = (int) (sequence++ % slots.length);
        for (int i = 0; i < batch; i++) {
            slots[slot][i] = returned.dequeueInt();
        }
        return slot;
    }

    /** The descriptors of the batch in {@code slot}, oldest first. */
    int[] members(int slot) {
        return slots[slot];
    }
}

package org.iommusim.hw.iommu.fault;

import org.iommusim.hw.pagetable.FaultReason;

/** A fixed-capacity FIFO of fault records in primitive arrays (no object per record). */
final class FaultRing {
    private final byte[] reasons;
    private final byte[] stages;
    private final int[] devices;
    private final int[] pasids;
    private final long[] addresses;
    private final long[] times;
    private int head;
    private int size;

    FaultRing(int capacity) {
        reasons = new byte[capacity];
        stages = new byte[capacity];
        devices = new int[capacity];
        pasids = new int[capacity];
        addresses = new long[capacity];
        times = new long[capacity];
    }

    int size() {
        return size;
    }

    int capacity() {
        return reasons.length;
    }

    boolean isFull() {
        return size == reasons.length;
    }

    /** Appends; the caller has checked {@link #isFull()}. */
    void add(FaultReason reason, FaultStage stage, int device, int pasid, long address, long time) {
        int i = (head + size) % reasons.length;
        reasons[i] = (byte) reason.ordinal();
        stages[i] = (byte) stage.ordinal();
        devices[i] = device;
        pasids[i] = pasid;
        addresses[i] = address;
        times[i] = time;
        size++;
    }

    int headReason() {
        return reasons[head];
    }

    int headStage() {
        return stages[head];
    }

    int headDevice() {
        return devices[head];
    }

    int headPasid() {
        return pasids[head];
    }

    long headAddress() {
        return addresses[head];
    }

    long headTime() {
        return times[head];
    }

    /** Drops the head; the ring must not be empty. */
    void remove() {
        head = (head + 1) % reasons.length;
        size--;
    }
}

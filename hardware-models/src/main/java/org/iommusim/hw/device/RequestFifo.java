package org.iommusim.hw.device;

/**
 * Submitted requests of a driven {@link DmaEngine} waiting for a tag, oldest first: an intrusive
 * linked FIFO through {@link DmaRequest#nextFree}, so waiting allocates nothing.
 */
final class RequestFifo {
    private DmaRequest head;
    private DmaRequest tail;
    private int size;

    void add(DmaRequest r) {
        r.nextFree = null;
        if (tail == null) {
            head = r;
        } else {
            tail.nextFree = r;
        }
        tail = r;
        size++;
    }

    /** The oldest waiting request, or null. */
    DmaRequest poll() {
        DmaRequest r = head;
        if (r != null) {
            head = r.nextFree;
            r.nextFree = null;
            if (head == null) {
                tail = null;
            }
            size--;
        }
        return r;
    }

    int size() {
        return size;
    }
}

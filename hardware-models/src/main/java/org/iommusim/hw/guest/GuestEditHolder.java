package org.iommusim.hw.guest;

/**
 * A reusable, mutable {@link GuestEditView}: {@link GuestPageTable#map(long, long,
 * org.iommusim.hw.pagetable.PageSize, org.iommusim.hw.pagetable.Prot, GuestEditHolder)} and
 * {@link GuestPageTable#unmap(long, GuestEditHolder)} write the edit they made into it, so a
 * guest driver that edits per I/O (the guest-PTE-write workload, a guest NIC's buffers) allocates
 * nothing per edit. It holds the last accepted edit only: a rejected edit leaves it unchanged.
 * Read it before the next edit into the same holder, or copy it out with {@link #toEdit}.
 */
public final class GuestEditHolder implements GuestEditView {
    private long start;
    private long length;
    private long ptesWritten;
    private long tablePagesAllocated;
    private boolean wasPresent;

    void set(long start, long length, long ptesWritten, long tablePagesAllocated, boolean wasPresent) {
        this.start = start;
        this.length = length;
        this.ptesWritten = ptesWritten;
        this.tablePagesAllocated = tablePagesAllocated;
        this.wasPresent = wasPresent;
    }

    @Override
    public long start() {
        return start;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long ptesWritten() {
        return ptesWritten;
    }

    @Override
    public long tablePagesAllocated() {
        return tablePagesAllocated;
    }

    @Override
    public boolean wasPresent() {
        return wasPresent;
    }

    /** The edit held, as an immutable value. */
    public GuestEdit toEdit() {
        return new GuestEdit(start, length, ptesWritten, tablePagesAllocated, wasPresent);
    }
}

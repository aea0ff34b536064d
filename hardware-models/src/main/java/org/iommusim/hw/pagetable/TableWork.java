package org.iommusim.hw.pagetable;

/** Mutable counters of the software work one table edit did. */
public final class TableWork {
    /** Entries written (leaves, table pointers, and cleared entries). */
    public long ptesWritten;
    /** Table pages taken from the allocator. */
    public long tablesAllocated;
    /** Table pages returned to the allocator because they became empty. */
    public long tablesFreed;

    public void add(TableWork other) {
        ptesWritten += other.ptesWritten;
        tablesAllocated += other.tablesAllocated;
        tablesFreed += other.tablesFreed;
    }
}

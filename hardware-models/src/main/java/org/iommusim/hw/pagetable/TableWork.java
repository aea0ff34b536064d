package org.iommusim.hw.pagetable;

/**
 * Mutable counters of the software work one table edit did. {@code ptesRead}: table entries the
 * edit's own descent read — one per entry slot examined at each level it reaches, empty slots
 * included ({@link RadixTable#map}, {@link RadixTable#setLeaf}, {@link TableRanges#removeRange});
 * checks made before an edit (overlap, missing tables, split) and table teardown
 * ({@link RadixTable#destroy}) are not counted.
 */
public final class TableWork {
    /** Table entries read by the edit's descent (see the class comment). */
    public long ptesRead;
    /** Entries written (leaves, table pointers, and cleared entries). */
    public long ptesWritten;
    /** Table pages taken from the allocator. */
    public long tablesAllocated;
    /**
     * Table pages freed: by a removal whose range covered their whole input range, by a large leaf
     * replacing an empty table, or by teardown (see {@link RadixTable}).
     */
    public long tablesFreed;
    /** The highest level of a table page freed (1: a leaf table; 0: none freed). */
    public int highestLevelFreed;

    public void add(TableWork other) {
        ptesRead += other.ptesRead;
        ptesWritten += other.ptesWritten;
        tablesAllocated += other.tablesAllocated;
        tablesFreed += other.tablesFreed;
        highestLevelFreed = Math.max(highestLevelFreed, other.highestLevelFreed);
    }
}

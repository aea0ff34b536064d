package org.iommusim.hw.pagetable;

import org.iommusim.hw.physmem.PhysicalMemory;

/**
 * Range traversals over a {@link RadixTable}: presence checks, ordered leaf iteration, the
 * count of table pages a map would allocate, and range removal. Traversals descend only into present tables, so their cost follows the
 * populated part of the range, not its size. Removal takes whole leaves (callers expand or
 * validate ranges so no leaf is split) and frees a table page only when the removed range covers
 * that table's whole input range, never because it became empty.
 */
public final class TableRanges {
    private TableRanges() {
    }

    /** First entry index of a table at {@code base} (entries of shift {@code es}) at or after {@code start}. */
    static int firstIndex(long base, long start, int es) {
        return start <= base ? 0 : (int) Math.min(512, (start - base) >>> es);
    }

    /** Last entry index of a table at {@code base} before {@code end} (exclusive), or -1. */
    static int lastIndex(long base, long end, int es) {
        if (end <= base) {
            return -1;
        }
        long idx = (end - 1 - base) >>> es;
        return (int) Math.min(511, idx);
    }

    /** True if some leaf of {@code t} overlaps {@code [start, end)}. */
    public static boolean anyLeafIn(RadixTable t, long start, long end) {
        return anyRec(t.memory(), t.root(), t.levels(), 0L, start, end);
    }

    private static boolean anyRec(PhysicalMemory mem, long table, int level, long base, long start, long end) {
        int es = Pte.entryShift(level);
        int hi = lastIndex(base, end, es);
        for (int idx = firstIndex(base, start, es); idx <= hi; idx++) {
            long pte = mem.read(table + ((long) idx << 3));
            if (!Pte.isPresent(pte)) {
                continue;
            }
            if (Pte.isLeaf(pte, level)
                    || anyRec(mem, Pte.address(pte), level - 1, base + ((long) idx << es), start, end)) {
                return true;
            }
        }
        return false;
    }

    /** Visits, in ascending order, every leaf of {@code t} that overlaps {@code [start, end)}. */
    public static void forEachLeaf(RadixTable t, long start, long end, LeafVisitor v) {
        eachRec(t.memory(), t.root(), t.levels(), 0L, start, end, v);
    }

    private static void eachRec(PhysicalMemory mem, long table, int level, long base, long start, long end,
                                LeafVisitor v) {
        int es = Pte.entryShift(level);
        int hi = lastIndex(base, end, es);
        for (int idx = firstIndex(base, start, es); idx <= hi; idx++) {
            long pte = mem.read(table + ((long) idx << 3));
            if (!Pte.isPresent(pte)) {
                continue;
            }
            long entryBase = base + ((long) idx << es);
            if (Pte.isLeaf(pte, level)) {
                v.leaf(entryBase, es, pte);
            } else {
                eachRec(mem, Pte.address(pte), level - 1, entryBase, start, end, v);
            }
        }
    }

    /**
     * Number of table pages {@link RadixTable#map} would allocate in {@code t} for
     * {@code [start, end)} with leaves at {@code leafLevel}, assuming no leaf overlaps the range.
     */
    static long missingTables(RadixTable t, long start, long end, int leafLevel) {
        return missingRec(t.memory(), t.root(), t.levels(), 0L, start, end, leafLevel);
    }

    private static long missingRec(PhysicalMemory mem, long table, int level, long base, long start, long end,
                                   int leafLevel) {
        if (level == leafLevel) {
            return 0;
        }
        int es = Pte.entryShift(level);
        long count = 0;
        int hi = lastIndex(base, end, es);
        for (int idx = firstIndex(base, start, es); idx <= hi; idx++) {
            long entryBase = base + ((long) idx << es);
            long pte = mem.read(table + ((long) idx << 3));
            long s = Math.max(start, entryBase);
            long e = Math.min(end, entryBase + (1L << es));
            if (!Pte.isPresent(pte)) {
                for (int l = leafLevel; l < level; l++) {
                    int ts = Pte.tableShift(l);
                    count += ((e - 1) >>> ts) - (s >>> ts) + 1;
                }
            } else if (!Pte.isLeaf(pte, level)) {
                count += missingRec(mem, Pte.address(pte), level - 1, entryBase, start, end, leafLevel);
            }
        }
        return count;
    }

    /**
     * Removes every leaf that overlaps {@code [start, end)} (whole leaves, even where they
     * extend past the range), reporting each to {@code removed}, and frees the table pages whose
     * whole input range lies inside {@code [start, end)} (never the root). A table that the range
     * covers only in part keeps its page even when no entry is left in it (Linux's rule; see
     * {@link RadixTable}): an unmap narrower than a leaf table's 2 MiB frees nothing and its
     * invalidation is leaf-only.
     */
    public static void removeRange(RadixTable t, long start, long end, LeafVisitor removed, TableWork work) {
        removeRec(t, t.root(), t.levels(), 0L, start, end, removed, work);
    }

    /** True if {@code [start, end)} covers the whole input range of the entry at {@code entryBase} (size 2^es). */
    static boolean coversWholeEntry(long entryBase, int es, long start, long end) {
        long entryEnd = entryBase + (1L << es); // 0 only for the top entry of a 64-bit space: not reached
        return Long.compareUnsigned(start, entryBase) <= 0 && Long.compareUnsigned(entryEnd, end) <= 0;
    }

    private static void removeRec(RadixTable t, long table, int level, long base, long start, long end,
                                  LeafVisitor removed, TableWork work) {
        PhysicalMemory mem = t.memory();
        int es = Pte.entryShift(level);
        int hi = lastIndex(base, end, es);
        for (int idx = firstIndex(base, start, es); idx <= hi; idx++) {
            long slot = table + ((long) idx << 3);
            long pte = mem.read(slot);
            work.ptesRead++;
            if (!Pte.isPresent(pte)) {
                continue;
            }
            long entryBase = base + ((long) idx << es);
            if (Pte.isLeaf(pte, level)) {
                mem.write(slot, 0L);
                work.ptesWritten++;
                if (removed != null) {
                    removed.leaf(entryBase, es, pte);
                }
            } else {
                long child = Pte.address(pte);
                removeRec(t, child, level - 1, entryBase, start, end, removed, work);
                if (coversWholeEntry(entryBase, es, start, end)) {
                    // the child's whole input range went: its leaves were all removed and its own
                    // sub-tables freed by the recursion, so it is empty and goes too
                    assert mem.isZeroPage(child) : "a fully covered table still holds entries";
                    mem.write(slot, 0L);
                    mem.clearPage(child);
                    t.allocator().free(child);
                    work.ptesWritten++;
                    work.tablesFreed++;
                    work.highestLevelFreed = Math.max(work.highestLevelFreed, level - 1);
                }
            }
        }
    }
}

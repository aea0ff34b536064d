package org.iommusim.hw.pagetable;

import org.iommusim.hw.memory.PageAllocator;
import org.iommusim.hw.memory.PhysicalMemory;

/**
 * Models a page table that software owns and edits directly in one physical memory: a
 * kernel's map-unmap table, a shadow table, or kernel bookkeeping in the same format. Table
 * pages come from one {@link PageAllocator}; a non-root table page that becomes empty is
 * freed at once, so a kernel table never holds empty table pages.
 *
 * <p>Lookups here are software lookups (no trace); the hardware walk lives in
 * {@code org.iommusim.hw.walk}. Range operations never split a leaf: callers validate
 * alignment first. Does not model guest tables, which live in guest memory and are edited
 * by plain writes. Range traversals ({@link TableRanges}) share this class's memory.
 */
public final class RadixTable {
    private final PhysicalMemory mem;
    private final PageAllocator alloc;
    private final int levels;
    private final long root;

    private RadixTable(PhysicalMemory mem, PageAllocator alloc, int levels, long root) {
        this.mem = mem;
        this.alloc = alloc;
        this.levels = levels;
        this.root = root;
    }

    /** Allocates an empty root; throws if the allocator is exhausted (callers check first). */
    public static RadixTable create(PhysicalMemory mem, PageAllocator alloc, int levels) {
        if (levels < 1 || levels > 5) {
            throw new IllegalArgumentException("levels must be 1..5: " + levels);
        }
        return new RadixTable(mem, alloc, levels, allocatePage(alloc));
    }

    public long root() {
        return root;
    }

    public int levels() {
        return levels;
    }

    public PhysicalMemory memory() {
        return mem;
    }

    PageAllocator allocator() {
        return alloc;
    }

    /** Exclusive end of the input range the table can translate. */
    public long inputLimit() {
        return 1L << Pte.tableShift(levels);
    }

    /** Finds the leaf containing {@code addr}; on a miss {@code out.shift} is the hole's size. */
    public boolean lookup(long addr, LeafRef out) {
        long table = root;
        int perms = Pte.PERM_MASK;
        for (int level = levels; level >= 1; level--) {
            long pte = mem.read(table + Pte.indexOffset(addr, level));
            if (!Pte.isPresent(pte)) {
                out.miss(Pte.entryShift(level));
                return false;
            }
            perms &= Pte.perms(pte);
            if (Pte.isLeaf(pte, level)) {
                out.hit(addr, level, pte, perms);
                return true;
            }
            table = Pte.address(pte);
        }
        throw new AssertionError("walk fell through level 1");
    }

    /**
     * Maps {@code [start, end)} to {@code outBase...} with leaves at {@code leafLevel}. Every
     * slot must be empty (callers check {@link TableRanges#anyLeafIn}). With {@code markArea}
     * the first and last leaves carry {@link Pte#AREA_START} / {@link Pte#AREA_END}.
     */
    public void map(long start, long end, long outBase, int leafLevel, int perms, boolean markArea,
                    TableWork work) {
        mapRec(root, levels, 0L, start, end, outBase, leafLevel, perms, markArea, work);
    }

    private void mapRec(long table, int level, long base, long start, long end, long outBase,
                        int leafLevel, int perms, boolean markArea, TableWork work) {
        int es = Pte.entryShift(level);
        int hi = TableRanges.lastIndex(base, end, es);
        for (int idx = TableRanges.firstIndex(base, start, es); idx <= hi; idx++) {
            long entryBase = base + ((long) idx << es);
            long slot = table + ((long) idx << 3);
            long pte = mem.read(slot);
            work.ptesRead++;
            if (level == leafLevel) {
                if (Pte.isPresent(pte)) {
                    throw new IllegalStateException(String.format("slot for 0x%x not empty", entryBase));
                }
                long leaf = Pte.leaf(outBase + (entryBase - start), perms, level);
                if (markArea && entryBase == start) {
                    leaf |= Pte.AREA_START;
                }
                if (markArea && entryBase + (1L << es) == end) {
                    leaf |= Pte.AREA_END;
                }
                mem.write(slot, leaf);
                work.ptesWritten++;
            } else {
                mapRec(childFor(slot, pte, level, work), level - 1, entryBase, start, end, outBase,
                        leafLevel, perms, markArea, work);
            }
        }
    }

    /** Writes one leaf {@code pte} at {@code leafLevel} for {@code addr}; the slot must be empty. */
    public void setLeaf(long addr, int leafLevel, long pte, TableWork work) {
        long table = root;
        for (int level = levels; level > leafLevel; level--) {
            long slot = table + Pte.indexOffset(addr, level);
            work.ptesRead++;
            table = childFor(slot, mem.read(slot), level, work);
        }
        long slot = table + Pte.indexOffset(addr, leafLevel);
        work.ptesRead++;
        if (Pte.isPresent(mem.read(slot))) {
            throw new IllegalStateException(String.format("slot for 0x%x not empty", addr));
        }
        mem.write(slot, pte);
        work.ptesWritten++;
    }

    /** The next-level table behind {@code slot}, allocating it when the slot is empty. */
    private long childFor(long slot, long pte, int level, TableWork work) {
        if (!Pte.isPresent(pte)) {
            long page = allocatePage(alloc);
            mem.write(slot, Pte.table(page));
            work.tablesAllocated++;
            work.ptesWritten++;
            return page;
        }
        if (Pte.isLeaf(pte, level)) {
            throw new IllegalStateException("a leaf occupies a table slot at level " + level);
        }
        return Pte.address(pte);
    }

    /**
     * Number of table pages {@link #map} would allocate for {@code [start, end)} with leaves at
     * {@code leafLevel}, assuming no leaf overlaps the range.
     */
    public long missingTables(long start, long end, int leafLevel) {
        return missingRec(root, levels, 0L, start, end, leafLevel);
    }

    private long missingRec(long table, int level, long base, long start, long end, int leafLevel) {
        if (level == leafLevel) {
            return 0;
        }
        int es = Pte.entryShift(level);
        long count = 0;
        int hi = TableRanges.lastIndex(base, end, es);
        for (int idx = TableRanges.firstIndex(base, start, es); idx <= hi; idx++) {
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
                count += missingRec(Pte.address(pte), level - 1, entryBase, start, end, leafLevel);
            }
        }
        return count;
    }

    /** Frees every table page including the root; the table must not be used afterwards. */
    public void destroy(TableWork work) {
        destroyRec(root, levels, work);
    }

    private void destroyRec(long table, int level, TableWork work) {
        if (level > 1) {
            for (int idx = 0; idx < PhysicalMemory.WORDS_PER_PAGE; idx++) {
                long pte = mem.read(table + ((long) idx << 3));
                if (Pte.isPresent(pte) && !Pte.isLeaf(pte, level)) {
                    destroyRec(Pte.address(pte), level - 1, work);
                }
            }
        }
        mem.clearPage(table);
        alloc.free(table);
        work.tablesFreed++;
        work.highestLevelFreed = Math.max(work.highestLevelFreed, level);
    }

    static long allocatePage(PageAllocator alloc) {
        long page = alloc.allocate();
        if (page == PageAllocator.NONE) {
            throw new IllegalStateException(String.format(
                    "page-table pool [0x%x, 0x%x) exhausted", alloc.base(), alloc.limit()));
        }
        return page;
    }
}

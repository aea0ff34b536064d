package org.iommusim.hw.pagetable;

import org.iommusim.hw.physmem.PageAllocator;
import org.iommusim.hw.physmem.PhysicalMemory;

/**
 * Models a page table that software owns and edits directly in one physical memory: a
 * kernel's map-unmap table, a shadow table, or kernel bookkeeping in the same format. Table
 * pages come from one {@link PageAllocator}.
 *
 * <p><b>When table pages are freed</b> (Linux's rule): an unmap frees a non-root table page,
 * and everything below it, only when the unmapped range covers that table's <em>whole</em>
 * input range ({@link TableRanges#removeRange}); a table that becomes empty through narrower
 * unmaps stays, empty, until a later unmap covers its range or the table is destroyed. So an
 * unmap of 4 KiB pages inside a 2 MiB leaf table frees nothing, and its invalidation is
 * leaf-only (paging-structure caches keep their entries, which still point to live tables). In
 * the Intel VT-d driver (torvalds/linux {@code drivers/iommu/intel/iommu.c}),
 * {@code domain_unmap} → {@code dma_pte_clear_level} frees a level only "If range covers entire
 * pagetable" and otherwise will "Recurse down into a level that isn't *entirely* obsolete",
 * clearing leaves only ({@code dma_pte_free_level} has the same "range covers the entire table"
 * test); the freed pages go on the {@code iommu_iotlb_gather} freelist, and
 * {@code intel_iommu_tlb_sync} flushes with the invalidation hint
 * {@code list_empty(&gather->freelist)} (leaf-only when nothing was freed) and only then calls
 * {@code iommu_put_pages_list}. In ARM's {@code drivers/iommu/io-pgtable-arm.c},
 * {@code __arm_lpae_unmap} frees a table only when the unmap size equals the block size of the
 * entry pointing to it ("If the size matches this level"), after flushing partial walks
 * ({@code io_pgtable_tlb_flush_walk}). Before this rule the model freed a table page as soon as
 * it became empty, which made a per-packet 4 KiB unmap free its leaf table and, while its
 * invalidation waited, let a map of a neighbouring page allocate a new leaf table behind a still
 * cached walk-cache pointer: a stale use under strict unmap that Linux does not have.
 *
 * <p><b>Deferred reuse.</b> Linux returns freed table pages to the page allocator only after
 * the IOTLB flush that covers them ({@code domain_unmap}: "We can't just free the pages because
 * the IOMMU may still be walking the page tables, and may have cached the intermediate levels.
 * The pages can only be freed after the IOTLB flush has been done."). Here a table gives its
 * freed pages to its {@link PageAllocator}, which hands them out again at once unless frees are
 * deferred ({@link PageAllocator#deferFrees}); the timed control plane
 * ({@code org.iommusim.hw.iommu.control.TimedControlPlane}) defers them and releases an operation's
 * pages when its invalidations have taken effect (a lazy unmap's: when the flush queue's drain
 * has). Not modelled: a freed page is zeroed when freed, while Linux leaves a freed
 * table's contents (it does not even clear the entries of tables it frees whole), so a walk
 * through a stale walk-cache pointer here reads a zeroed page, not the old entries. The
 * stale-use count does not depend on this (a walk-cache entry is stale when a younger pending
 * removal freed its table's level, whatever the page holds).
 *
 * <p>Lookups here are software lookups (no trace); the hardware walk lives in
 * {@code org.iommusim.hw.functional}. Range operations never split a leaf: callers validate
 * alignment first. Does not model guest tables, which live in guest memory and are edited
 * by plain writes. Range traversals ({@link TableRanges}: presence checks, leaf iteration, range
 * removal, and how many table pages a map would allocate) share this class's memory.
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
     * Maps {@code [start, end)} to {@code outBase...} with leaves at {@code leafLevel}. No leaf
     * may overlap the range (callers check {@link TableRanges#anyLeafIn}); an empty table where a
     * leaf goes is freed ({@code work.tablesFreed}: the caller must invalidate the range). With {@code markArea}
     * the first and last leaves carry {@link Pte#AREA_START} / {@link Pte#AREA_END}.
     */
    public void map(long start, long end, long outBase, int leafLevel, int perms, boolean markArea,
                    TableWork work) {
        map(start, end, outBase, leafLevel, perms, 0, markArea, work);
    }

    /** {@link #map(long, long, long, int, int, boolean, TableWork)} with {@code leafBits} (e.g. {@link Pte#CONTIGUOUS}) in every leaf. */
    public void map(long start, long end, long outBase, int leafLevel, int perms, long leafBits, boolean markArea,
                    TableWork work) {
        mapRec(root, levels, 0L, start, end, outBase, leafLevel, perms, leafBits, markArea, work);
    }

    private void mapRec(long table, int level, long base, long start, long end, long outBase,
                        int leafLevel, int perms, long leafBits, boolean markArea, TableWork work) {
        int es = Pte.entryShift(level);
        int hi = TableRanges.lastIndex(base, end, es);
        for (int idx = TableRanges.firstIndex(base, start, es); idx <= hi; idx++) {
            long entryBase = base + ((long) idx << es);
            long slot = table + ((long) idx << 3);
            long pte = mem.read(slot);
            work.ptesRead++;
            if (level == leafLevel) {
                freeEmptyTableAt(slot, pte, level, entryBase, work);
                long leaf = Pte.leaf(outBase + (entryBase - start), perms, level) | leafBits;
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
                        leafLevel, perms, leafBits, markArea, work);
            }
        }
    }

    /**
     * Writes one leaf {@code pte} at {@code leafLevel} for {@code addr}; the slot must hold no leaf
     * (an empty table there is freed).
     */
    public void setLeaf(long addr, int leafLevel, long pte, TableWork work) {
        long table = root;
        for (int level = levels; level > leafLevel; level--) {
            long slot = table + Pte.indexOffset(addr, level);
            work.ptesRead++;
            table = childFor(slot, mem.read(slot), level, work);
        }
        long slot = table + Pte.indexOffset(addr, leafLevel);
        work.ptesRead++;
        freeEmptyTableAt(slot, mem.read(slot), leafLevel, addr, work);
        mem.write(slot, pte);
        work.ptesWritten++;
    }

    /**
     * Replaces the present leaf at {@code leafLevel} for {@code addr} with {@code pte} in one
     * write (no non-present moment: a walk sees the old leaf or the new one), as an in-place
     * remap does. There must be a leaf of that level there.
     */
    public void replaceLeaf(long addr, int leafLevel, long pte, TableWork work) {
        long table = root;
        for (int level = levels; level > leafLevel; level--) {
            long entry = mem.read(table + Pte.indexOffset(addr, level));
            work.ptesRead++;
            if (!Pte.isPresent(entry) || Pte.isLeaf(entry, level)) {
                throw new IllegalStateException(String.format("no level-%d leaf at 0x%x to replace", leafLevel, addr));
            }
            table = Pte.address(entry);
        }
        long slot = table + Pte.indexOffset(addr, leafLevel);
        work.ptesRead++;
        if (!Pte.isPresent(mem.read(slot))) {
            throw new IllegalStateException(String.format("no level-%d leaf at 0x%x to replace", leafLevel, addr));
        }
        mem.write(slot, pte);
        work.ptesWritten++;
    }

    /**
     * Makes a leaf slot at {@code level} free for a new leaf: empty already, or holding a table
     * that holds no leaf (left by narrower unmaps, see the class comment), which is freed with
     * everything below it — Linux's {@code switch_to_super_page}, which frees the old small-page
     * tables before writing a superpage and flushes with the caches' table entries. The freed
     * pages show in {@code work}; the caller invalidates the range. A leaf there is an error.
     */
    private void freeEmptyTableAt(long slot, long pte, int level, long entryBase, TableWork work) {
        if (!Pte.isPresent(pte)) {
            return;
        }
        if (Pte.isLeaf(pte, level) || !subtreeEmpty(Pte.address(pte), level - 1)) {
            throw new IllegalStateException(String.format("slot for 0x%x not empty", entryBase));
        }
        destroyRec(Pte.address(pte), level - 1, work);
        mem.write(slot, 0L);
    }

    private boolean subtreeEmpty(long table, int level) {
        for (int idx = 0; idx < PhysicalMemory.WORDS_PER_PAGE; idx++) {
            long pte = mem.read(table + ((long) idx << 3));
            if (Pte.isPresent(pte) && (Pte.isLeaf(pte, level) || !subtreeEmpty(Pte.address(pte), level - 1))) {
                return false;
            }
        }
        return true;
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
     * {@code leafLevel}, assuming no leaf overlaps the range ({@link TableRanges#missingTables}).
     */
    public long missingTables(long start, long end, int leafLevel) {
        return TableRanges.missingTables(this, start, end, leafLevel);
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

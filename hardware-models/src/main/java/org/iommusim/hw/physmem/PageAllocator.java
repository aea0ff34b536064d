package org.iommusim.hw.physmem;

import it.unimi.dsi.fastutil.longs.LongArrayList;

/**
 * Models a page allocator over one region {@code [base, limit)} of an address space: a bump
 * pointer plus a LIFO free list, so the sequence of addresses handed out is deterministic.
 * Frees can be deferred: freed pages are then held back until their owner releases them.
 *
 * <p>Does not model fragmentation, NUMA or allocation cost. Exhaustion is reported with
 * {@link #NONE}; callers that must not fail check {@link #available()} first.
 */
public final class PageAllocator {
    /** Returned by {@link #allocate()} when the region is exhausted. */
    public static final long NONE = -1L;

    private final long base;
    private final long limit;
    private long next;
    private final LongArrayList free = new LongArrayList();
    private boolean deferFrees;
    private final LongArrayList deferred = new LongArrayList();

    /** A region of whole pages; both bounds must be 4 KiB aligned and {@code base < limit}. */
    public PageAllocator(long base, long limit) {
        if ((base & 0xFFF) != 0 || (limit & 0xFFF) != 0 || Long.compareUnsigned(base, limit) >= 0) {
            throw new IllegalArgumentException(
                    String.format("bad allocator region [0x%x, 0x%x)", base, limit));
        }
        this.base = base;
        this.limit = limit;
        this.next = base;
    }

    /** Returns the address of a free page, or {@link #NONE} if the region is exhausted. */
    public long allocate() {
        if (!free.isEmpty()) {
            return free.popLong();
        }
        if (next == limit) {
            return NONE;
        }
        long page = next;
        next += PhysicalMemory.PAGE_SIZE;
        return page;
    }

    /**
     * Returns a page to the allocator — or, while frees are deferred ({@link #deferFrees}), to a
     * list of freed pages that cannot be allocated until {@link #release}d.
     */
    public void free(long page) {
        if (!contains(page) || (page & 0xFFF) != 0 || Long.compareUnsigned(page, next) >= 0) {
            throw new IllegalArgumentException(String.format("page 0x%x not from this allocator", page));
        }
        (deferFrees ? deferred : free).add(page);
    }

    /**
     * With {@code on}, freed pages are held back until their owner {@link #release}s them (Linux's
     * page-table freelist, released after the IOTLB flush); off (the default), they are free at once.
     */
    public void deferFrees(boolean on) {
        deferFrees = on;
    }

    /** Moves the pages freed and held back since the last call into {@code into} (emptied first), in order of freeing. */
    public void takeDeferred(LongArrayList into) {
        into.clear();
        into.addAll(deferred);
        deferred.clear();
    }

    /** Makes held-back pages (from {@link #takeDeferred}) allocatable. */
    public void release(LongArrayList pages) {
        free.addAll(pages);
    }

    /** Pages that can still be allocated (held-back freed pages are not). */
    public long available() {
        return (limit - next) / PhysicalMemory.PAGE_SIZE + free.size();
    }

    /** True if {@code addr} lies in this allocator's region. */
    public boolean contains(long addr) {
        return Long.compareUnsigned(addr, base) >= 0 && Long.compareUnsigned(addr, limit) < 0;
    }

    /** True if {@code [start, end)} overlaps this allocator's region. */
    public boolean overlaps(long start, long end) {
        return Long.compareUnsigned(start, limit) < 0 && Long.compareUnsigned(end, base) > 0;
    }

    public long base() {
        return base;
    }

    public long limit() {
        return limit;
    }

    /** Digest of the allocator state (bump pointer, free list and held-back pages, in order). */
    public long fingerprint() {
        long h = next * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < free.size(); i++) {
            h = h * 31 + free.getLong(i);
        }
        for (int i = 0; i < deferred.size(); i++) {
            h = h * 37 + deferred.getLong(i);
        }
        return h;
    }
}

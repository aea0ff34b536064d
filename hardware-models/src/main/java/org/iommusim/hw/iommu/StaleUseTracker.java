package org.iommusim.hw.iommu;

import java.util.Arrays;

/**
 * Knows which translations the tables no longer hold but the IOMMU caches may still serve:
 * every removal (an unmap, a guest PTE clear, a parent change) is recorded with a new epoch and
 * stays <em>pending</em> until an invalidation covering it takes effect in the caches. Cached
 * entries carry the epoch at which the walk that filled them read the tables, so a DMA served
 * by an entry is a stale use exactly when a pending removal covering its address is younger
 * than the entry.
 *
 * <p>Granularity: a removal is a range of one domain's input space ({@code [start, end)}),
 * or the whole domain. A parent change under a hardware-nested child is recorded as a removal of
 * the whole child domain (the IOMMU cannot tell which IOVAs used the changed GPAs), which may
 * over-count uses of entries that did not depend on the changed GPAs. Removals that freed table
 * pages are what make paging-structure entries stale, and only those that point to a level that
 * went: a removal remembers the highest level of table page it freed ({@code freedLevel}, 0 for a
 * leaf-only removal), and a level-L walk-cache entry (the pointer to a level L−1 table) is stale
 * only if a younger removal overlapping its region freed tables of level L−1 or higher. (An
 * unmap that frees only the leaf table of its page leaves the level-3 entry of the surrounding
 * GiB valid: that table is still there.)
 *
 * <p>Storage is primitive arrays; queries scan the pending removals (few in strict mode, at
 * most a flush-queue batch in lazy mode). No allocation in steady state.
 */
final class StaleUseTracker {
    private long epoch;
    private int size;
    private int[] domain = new int[16];
    private long[] start = new long[16];
    private long[] end = new long[16];
    private long[] removedAt = new long[16];
    private int[] freedLevel = new int[16];

    /** The current epoch: stamp a walk with it when it reads the tables. */
    long epoch() {
        return epoch;
    }

    boolean anyPending() {
        return size > 0;
    }

    int pending() {
        return size;
    }

    /**
     * Records that {@code [from, to)} of {@code dom} no longer translates as before, freeing table
     * pages up to level {@code tablesFreed} (0: none); returns its epoch.
     */
    long removed(int dom, long from, long to, int tablesFreed) {
        if (size == domain.length) {
            int n = size * 2;
            domain = Arrays.copyOf(domain, n);
            start = Arrays.copyOf(start, n);
            end = Arrays.copyOf(end, n);
            removedAt = Arrays.copyOf(removedAt, n);
            freedLevel = Arrays.copyOf(freedLevel, n);
        }
        epoch++;
        domain[size] = dom;
        start[size] = from;
        end[size] = to;
        removedAt[size] = epoch;
        freedLevel[size] = tablesFreed;
        size++;
        return epoch;
    }

    /** Records the removal of every translation of {@code dom}. */
    long removedAll(int dom) {
        return removed(dom, 0, -1L, org.iommusim.hw.ioasid.Invalidation.ANY_LEVEL);
    }

    /**
     * True if an entry of {@code dom} covering {@code addr}, filled at epoch {@code stamp}, is
     * stale: a pending removal covering {@code addr} is younger. With {@code tablesOnly}, only
     * removals that freed tables count (for paging-structure entries).
     */
    boolean stale(int dom, long addr, long stamp, boolean tablesOnly) {
        for (int i = 0; i < size; i++) {
            if (domain[i] == dom && removedAt[i] > stamp && (!tablesOnly || freedLevel[i] > 0)
                    && Long.compareUnsigned(addr, start[i]) >= 0 && Long.compareUnsigned(addr, end[i] - 1) <= 0) {
                return true;
            }
        }
        return false;
    }

    /** {@link #staleRegion} for the level-{@code level} walk-cache entry of input prefix {@code prefix}. */
    boolean staleWalkCacheEntry(int dom, int level, long prefix, long stamp) {
        int shift = 12 + 9 * (level - 1);
        long from = prefix << shift;
        return staleRegion(dom, from, from + (1L << shift), level - 1, stamp);
    }

    /**
     * True if a walk-cache entry of {@code dom} covering {@code [from, to)} and pointing to a table
     * of level {@code tableLevel}, filled at epoch {@code stamp}, may point to a freed table: a
     * younger pending removal overlapping the region freed tables of that level or higher (an
     * over-approximation only when a removal freed some but not all of the region's tables).
     */
    boolean staleRegion(int dom, long from, long to, int tableLevel, long stamp) {
        for (int i = 0; i < size; i++) {
            if (domain[i] == dom && removedAt[i] > stamp && freedLevel[i] >= tableLevel
                    && ult(start[i], to) && ult(from, end[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * An invalidation of {@code [from, to)} of {@code dom} took effect ({@code to == -1}: all
     * of it; {@code leafOnly}: paging-structure entries kept): forget the removals it covers.
     * A removal that overlaps the range at one end is trimmed.
     */
    void invalidated(int dom, long from, long to, boolean leafOnly) {
        int w = 0;
        for (int i = 0; i < size; i++) {
            boolean keep = true;
            if (domain[i] == dom && !(leafOnly && freedLevel[i] > 0)) {
                long s = start[i];
                long e = end[i];
                boolean whole = to == -1L && from == 0;
                if (whole || (ule(from, s) && ule(e, to))) {
                    keep = false;
                } else if (ult(s, from) && ult(from, e) && ule(e, to)) {
                    end[i] = from;
                } else if (ule(from, s) && ult(s, to) && ult(to, e)) {
                    start[i] = to;
                }
            }
            if (keep) {
                copy(i, w++);
            }
        }
        size = w;
    }

    /** A global invalidation took effect: nothing is pending any more. */
    void invalidatedAll() {
        size = 0;
    }

    private void copy(int from, int to) {
        if (from != to) {
            domain[to] = domain[from];
            start[to] = start[from];
            end[to] = end[from];
            removedAt[to] = removedAt[from];
            freedLevel[to] = freedLevel[from];
        }
    }

    private static boolean ule(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0;
    }

    private static boolean ult(long a, long b) {
        return Long.compareUnsigned(a, b) < 0;
    }
}

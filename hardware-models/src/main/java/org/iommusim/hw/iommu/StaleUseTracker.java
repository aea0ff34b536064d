package org.iommusim.hw.iommu;

import java.util.Arrays;

/**
 * Knows which translations the tables no longer hold but the IOMMU caches may still serve:
 * every removal (an unmap, a guest PTE clear, a parent change) is recorded with a new epoch and
 * stays <em>pending</em> until an invalidation covering it takes effect in the caches. Cached
 * entries carry the epoch at which the walk that filled them read the tables, so a DMA served
 * by an entry is a stale use exactly when a pending removal covering what the entry cached is
 * younger than the entry.
 *
 * <p>Granularity: a removal is a range of one domain's input space ({@code [start, end)}),
 * or the whole domain. A parent change under a hardware-nested child is recorded for the child
 * as a <em>parent-GPA removal</em>: the range is the parent's removed input range (child GPAs),
 * not child IOVAs. The IOMMU cannot tell which IOVAs used the changed GPAs, so the child's
 * invalidation is domain-wide and only that (or a global one) covers such a removal; but the
 * simulator knows what each cached entry's translation went through, so it is stale only if
 * that GPA is in the range: for an IOTLB or ATC entry the GPA of its stage-1 output (kept beside
 * the entry), for a stage-1 walk-cache entry the GPA of the guest table it points to (the entry's
 * payload; its HPA came from stage 2). Stage-2 structures (nested TLB, stage-2 walk cache) are
 * tagged with the parent domain and judged by the parent's own removals, by the GPA they
 * translate. Entries of domains that are not hardware-nested pass {@link #NO_GPA}.
 *
 * <p>Removals that freed table
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
    /** "This entry's translation used no GPA" (its domain is not hardware-nested). */
    static final long NO_GPA = -1L;

    private long epoch;

    /** The GPA an entry filed with stage-1 output page {@code gpaBase} of {@code size} bytes gives {@code iova}. */
    static long gpaAt(long gpaBase, long size, long iova) {
        return gpaBase == NO_GPA ? NO_GPA : gpaBase | (iova & (size - 1));
    }
    private int size;
    private int[] domain = new int[16];
    private long[] start = new long[16];
    private long[] end = new long[16];
    private long[] removedAt = new long[16];
    private int[] freedLevel = new int[16];
    /** True for a parent-GPA removal: {@code [start, end)} is a range of the child's GPAs. */
    private boolean[] viaParent = new boolean[16];

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
        return add(dom, from, to, tablesFreed, false);
    }

    /**
     * Records that the parent of hardware-nested {@code child} no longer translates GPAs
     * {@code [gpaFrom, gpaTo)} as before: the child's cached translations through them are
     * stale until a domain-wide invalidation of the child takes effect; returns its epoch.
     */
    long removedViaParent(int child, long gpaFrom, long gpaTo) {
        return add(child, gpaFrom, gpaTo, 0, true);
    }

    private long add(int dom, long from, long to, int tablesFreed, boolean parent) {
        if (size == domain.length) {
            int n = size * 2;
            domain = Arrays.copyOf(domain, n);
            start = Arrays.copyOf(start, n);
            end = Arrays.copyOf(end, n);
            removedAt = Arrays.copyOf(removedAt, n);
            freedLevel = Arrays.copyOf(freedLevel, n);
            viaParent = Arrays.copyOf(viaParent, n);
        }
        epoch++;
        domain[size] = dom;
        start[size] = from;
        end[size] = to;
        removedAt[size] = epoch;
        freedLevel[size] = tablesFreed;
        viaParent[size] = parent;
        size++;
        return epoch;
    }

    /** Records the removal of every translation of {@code dom}. */
    long removedAll(int dom) {
        return removed(dom, 0, -1L, org.iommusim.hw.ioasid.Invalidation.ANY_LEVEL);
    }

    /**
     * True if an entry of {@code dom} covering {@code addr}, filled at epoch {@code stamp}, whose
     * translation of {@code addr} went through GPA {@code gpa} ({@link #NO_GPA}: none), is stale:
     * a younger pending removal covers {@code addr}, or a younger parent-GPA removal covers
     * {@code gpa}. With {@code tablesOnly}, only removals that freed tables count (for
     * paging-structure entries; a parent-GPA removal always counts).
     */
    boolean stale(int dom, long addr, long gpa, long stamp, boolean tablesOnly) {
        for (int i = 0; i < size; i++) {
            if (domain[i] != dom || removedAt[i] <= stamp) {
                continue;
            }
            if (viaParent[i]) {
                if (gpa != NO_GPA && within(gpa, i)) {
                    return true;
                }
            } else if ((!tablesOnly || freedLevel[i] > 0) && within(addr, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@link #staleRegion} for the level-{@code level} walk-cache entry of input prefix
     * {@code prefix}; also stale if it points to a guest table at GPA {@code tableGpa} (not
     * {@link #NO_GPA}: the entry belongs to a hardware-nested child) that a younger parent-GPA
     * removal covers.
     */
    boolean staleWalkCacheEntry(int dom, int level, long prefix, long tableGpa, long stamp) {
        int shift = 12 + 9 * (level - 1);
        long from = prefix << shift;
        return staleRegion(dom, from, from + (1L << shift), level - 1, stamp)
                || tableGpa != NO_GPA && staleGpa(dom, tableGpa, stamp);
    }

    /** True if a parent-GPA removal of {@code dom} younger than {@code stamp} covers {@code gpa}. */
    boolean staleGpa(int dom, long gpa, long stamp) {
        for (int i = 0; i < size; i++) {
            if (viaParent[i] && domain[i] == dom && removedAt[i] > stamp && within(gpa, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True if a walk-cache entry of {@code dom} covering {@code [from, to)} and pointing to a table
     * of level {@code tableLevel}, filled at epoch {@code stamp}, may point to a freed table: a
     * younger pending removal overlapping the region freed tables of that level or higher (an
     * over-approximation only when a removal freed some but not all of the region's tables).
     * Parent-GPA removals do not count here (their ranges are GPAs; see {@link #staleWalkCacheEntry}).
     */
    boolean staleRegion(int dom, long from, long to, int tableLevel, long stamp) {
        for (int i = 0; i < size; i++) {
            if (domain[i] == dom && !viaParent[i] && removedAt[i] > stamp && freedLevel[i] >= tableLevel
                    && ult(start[i], to) && ult(from, end[i])) {
                return true;
            }
        }
        return false;
    }

    private boolean within(long addr, int i) {
        return Long.compareUnsigned(addr, start[i]) >= 0 && Long.compareUnsigned(addr, end[i] - 1) <= 0;
    }

    /**
     * An invalidation of {@code [from, to)} of {@code dom} took effect ({@code to == -1}: all
     * of it; {@code leafOnly}: paging-structure entries kept): forget the removals it covers.
     * A removal that overlaps the range at one end is trimmed. A parent-GPA removal is covered
     * only by a whole-domain invalidation (a range is of the child's IOVAs, not GPAs).
     */
    void invalidated(int dom, long from, long to, boolean leafOnly) {
        int w = 0;
        for (int i = 0; i < size; i++) {
            boolean keep = true;
            boolean whole = to == -1L && from == 0;
            if (domain[i] == dom && viaParent[i]) {
                keep = !whole;
            } else if (domain[i] == dom && !(leafOnly && freedLevel[i] > 0)) {
                long s = start[i];
                long e = end[i];
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
            viaParent[to] = viaParent[from];
        }
    }

    private static boolean ule(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0;
    }

    private static boolean ult(long a, long b) {
        return Long.compareUnsigned(a, b) < 0;
    }
}

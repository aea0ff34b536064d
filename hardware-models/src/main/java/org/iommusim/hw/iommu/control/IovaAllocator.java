package org.iommusim.hw.iommu.control;

/**
 * Linux's IOVA allocator as a cost mechanism ({@code drivers/iommu/iova.c}): per CPU and size
 * class a {@code loaded} and a {@code prev} magazine of {@value #MAGAZINE} IOVAs, and a shared
 * depot of full magazines; allocations of at most 2^5 pages are cached (six size classes,
 * {@code IOVA_RANGE_CACHE_MAX_SIZE} 6). An allocation pops the loaded magazine, else swaps in
 * {@code prev}, else takes a full magazine from the depot, else is a <em>slow path</em> (the
 * global red-black tree); a free pushes the loaded magazine, else swaps in {@code prev}, else
 * moves the full loaded magazine to the depot and starts an empty one. Larger allocations
 * always take the slow path. So the slow-path rate follows from the mechanism: every IOVA the
 * caches have never seen is a slow path (the ring filling up), and a CPU that allocates more
 * than it frees drains the depot.
 *
 * <p>Only counts: which addresses the allocator would return is not modelled (devices use
 * their own IOVA layout). Does not model: the depot's 100 ms trimming, NUMA, the rbtree's
 * search length (a fixed slow-path cost).
 */
public final class IovaAllocator {
    /** IOVAs per magazine ({@code IOVA_MAG_SIZE}). */
    public static final int MAGAZINE = 127;
    /** Size classes cached: orders 0..5 ({@code IOVA_RANGE_CACHE_MAX_SIZE}). */
    public static final int CLASSES = 6;

    private final int[][] loaded;
    private final int[][] prev;
    private final long[] depot = new long[CLASSES];

    public IovaAllocator(int cpus) {
        if (cpus < 1) {
            throw new IllegalArgumentException("the IOVA allocator needs at least 1 CPU, got " + cpus);
        }
        loaded = new int[cpus][CLASSES];
        prev = new int[cpus][CLASSES];
    }

    /** The size class of an allocation of {@code pages} pages (its order), or -1 if uncached. */
    static int sizeClass(long pages) {
        long p = Math.max(1, pages);
        int order = 64 - Long.numberOfLeadingZeros(p - 1);
        return order < CLASSES ? order : -1;
    }

    /** Allocates {@code pages} pages on {@code cpu}; true if the per-CPU caches or depot served it. */
    public boolean alloc(int cpu, long pages) {
        int c = sizeClass(pages);
        if (c < 0) {
            return false;
        }
        int[] l = loaded[cpu];
        int[] p = prev[cpu];
        if (l[c] == 0 && p[c] > 0) {
            int t = l[c];
            l[c] = p[c];
            p[c] = t;
        }
        if (l[c] == 0 && depot[c] > 0) {
            depot[c]--;
            l[c] = MAGAZINE;
        }
        if (l[c] == 0) {
            return false;
        }
        l[c]--;
        return true;
    }

    /** Frees {@code pages} pages on {@code cpu} into its caches (a freed uncached size goes back to the tree). */
    public void free(int cpu, long pages) {
        int c = sizeClass(pages);
        if (c < 0) {
            return;
        }
        int[] l = loaded[cpu];
        int[] p = prev[cpu];
        if (l[c] == MAGAZINE && p[c] < MAGAZINE) {
            int t = l[c];
            l[c] = p[c];
            p[c] = t;
        }
        if (l[c] == MAGAZINE) {
            depot[c]++;
            l[c] = 0;
        }
        l[c]++;
    }

    /** Full magazines in the depot for size class {@code c}. */
    long depot(int c) {
        return depot[c];
    }
}

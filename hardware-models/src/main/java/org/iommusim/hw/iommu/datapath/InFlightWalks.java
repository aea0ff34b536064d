package org.iommusim.hw.iommu.datapath;

import java.util.Arrays;

/**
 * The walks in flight (waiting for a walker slot or replaying) and the pool of idle walk
 * objects. A miss looks here for a walk of the same page to join; there are at most as many
 * walks in flight as translations admitted (64 by default), so a scan is enough. Allocation
 * happens only while the pool grows to the peak number of walks in flight. Walks are numbered
 * in creation order (the stale-use oracle's names for them).
 */
final class InFlightWalks {
    private final WalkUnits units;
    private Walk[] active = new Walk[8];
    private int activeCount;
    private Walk[] free = new Walk[8];
    private int freeCount;
    private int created;

    InFlightWalks(WalkUnits units) {
        this.units = units;
    }

    /** The walk in flight for the 4 KiB page of ({@code domain}, {@code pasid}, {@code iova}), or null. */
    Walk find(int domain, int pasid, long iova) {
        for (int i = 0; i < activeCount; i++) {
            if (active[i].sameWalk(domain, pasid, iova)) {
                return active[i];
            }
        }
        return null;
    }

    /** An idle walk, now in flight (joinable). */
    Walk start() {
        Walk w = freeCount > 0 ? free[--freeCount] : new Walk(units, created++);
        if (activeCount == active.length) {
            active = Arrays.copyOf(active, activeCount * 2);
        }
        active[activeCount++] = w;
        return w;
    }

    /** {@code w} is over: no longer joinable (its object goes back to the pool with {@link #recycle}). */
    void end(Walk w) {
        for (int i = 0; i < activeCount; i++) {
            if (active[i] == w) {
                active[i] = active[--activeCount];
                active[activeCount] = null;
                return;
            }
        }
    }

    /** {@code w}, ended and done with its requests, goes back to the pool. */
    void recycle(Walk w) {
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = w;
    }
}

package org.iommusim.hw.iommu;

/**
 * The walks in flight (waiting for a walker slot or replaying) and the pool of idle walk
 * objects. A miss looks here for a walk of the same page to join; there are at most as many
 * walks in flight as translations admitted (64 by default), so a list scan is enough.
 * Allocation happens only while the pool grows to the peak number of walks in flight.
 */
final class ActiveWalks {
    private final PageWalker walker;
    private Walk active;
    private Walk free;

    ActiveWalks(PageWalker walker) {
        this.walker = walker;
    }

    /** The walk in flight for the 4 KiB page of ({@code domain}, {@code pasid}, {@code iova}), or null. */
    Walk find(int domain, int pasid, long iova) {
        for (Walk w = active; w != null; w = w.nextActive) {
            if (w.sameWalk(domain, pasid, iova)) {
                return w;
            }
        }
        return null;
    }

    /** A walk for {@code owner}'s miss, now in flight. */
    Walk start(Request owner) {
        Walk w = free;
        if (w == null) {
            w = new Walk(walker);
        } else {
            free = w.nextFree;
        }
        w.reset(owner);
        w.nextActive = active;
        active = w;
        return w;
    }

    /** {@code w} is over: no longer joinable, back to the pool. */
    void end(Walk w) {
        if (active == w) {
            active = w.nextActive;
        } else {
            Walk p = active;
            while (p.nextActive != w) {
                p = p.nextActive;
            }
            p.nextActive = w.nextActive;
        }
        w.nextActive = null;
        w.nextFree = free;
        free = w;
    }
}

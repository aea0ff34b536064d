package org.iommusim.hw.iommu.inval;

import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * The device-ATC round trips of invalidations in flight: a page-range invalidation reaches an
 * ATC only through its own device-ATC descriptor (a round trip to the device, queued after the
 * IOTLB descriptors), so a removal stays pending for stale-use counting until the last of those
 * has taken effect ({@link #expect}, {@link #descriptorDone}). A PASID- or domain-wide
 * invalidation gets, after the IOMMU's descriptor, one whole-PASID device-ATC descriptor per
 * target; its removal is pruned, and the ATC entries dropped, only when the last of those has
 * taken effect ({@link #awaitRoundTrips}, {@link #roundTripsFollow}) — until then an ATC hit
 * is a stale use, as for ranges.
 *
 * <p>Does not model: ATS invalidation completion messages (a descriptor's effect is its
 * completion).
 */
final class AtcRoundTrips {
    /** A removal whose pruning waits for {@code remaining} device-ATC descriptors. */
    private static final class Prune {
        int domain;
        long from;
        long to;
        boolean leafOnly;
        long remaining;
    }

    private final ArrayDeque<Prune> prunes = new ArrayDeque<>();
    /** (domain, PASID or -1) of scope descriptors whose ATC round trips were queued after them. */
    private final ArrayList<long[]> awaiting = new ArrayList<>();

    /** The scope descriptor of ({@code domain}, {@code pasid}) will be followed by device-ATC round trips. */
    void awaitRoundTrips(int domain, int pasid) {
        awaiting.add(new long[] {domain, pasid < 0 ? -1 : pasid});
    }

    /**
     * A scope descriptor of ({@code domain}, {@code pasid}) took effect: true (and forgotten) if
     * its device-ATC round trips follow, so the ATCs and the stale-use record wait for them.
     */
    boolean roundTripsFollow(int domain, int pasid) {
        long p = pasid < 0 ? -1 : pasid;
        for (int i = 0; i < awaiting.size(); i++) {
            long[] a = awaiting.get(i);
            if (a[0] == domain && a[1] == p) {
                awaiting.remove(i);
                return true;
            }
        }
        return false;
    }

    /** A range removal must wait for {@code descriptors} device-ATC descriptors before it is pruned. */
    void expect(int domain, long from, long to, boolean leafOnly, long descriptors) {
        Prune p = new Prune();
        p.domain = domain;
        p.from = from;
        p.to = to;
        p.leafOnly = leafOnly;
        p.remaining = descriptors;
        prunes.addLast(p);
    }

    /** One device-ATC descriptor took effect; prunes the head removal from {@code tracker} when it was its last. */
    void descriptorDone(StaleUseRecord tracker) {
        Prune p = prunes.peekFirst();
        if (p != null && --p.remaining == 0) {
            prunes.pollFirst();
            tracker.invalidated(p.domain, p.from, p.to, p.leafOnly);
        }
    }
}

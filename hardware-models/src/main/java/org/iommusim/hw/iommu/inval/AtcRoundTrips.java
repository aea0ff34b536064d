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
 * is a stale use, as for ranges. Every IOMMU command of that scope (a driver may write several,
 * e.g. one per changed parent range) leaves the pruning to the round trips.
 *
 * <p>A round trip covers only the removals recorded up to its submission ({@link #expect}): a
 * removal made later (a lazy unmap deferred while the drain is under way) may have its old
 * translation cached again in the IOTLB after the IOMMU's own descriptor took effect — a walk
 * before the removal refills it, and an ATS request after the ATC's descriptor is served from it
 * — so it stays pending until its own invalidation.
 *
 * <p>Does not model: ATS invalidation completion messages (a descriptor's effect is its
 * completion).
 */
final class AtcRoundTrips {
    /** A removal whose pruning waits for {@code remaining} device-ATC descriptors. */
    private static final class Prune {
        int domain;
        /** The scope's PASID (-1: every PASID) for a scope removal; -2 for a range removal. */
        int pasid;
        long from;
        long to;
        boolean leafOnly;
        long remaining;
        /** The stale-use epoch at submission: removals recorded up to it are covered. */
        long upTo;
    }

    private final StaleUseRecord tracker;

    AtcRoundTrips(StaleUseRecord tracker) {
        this.tracker = tracker;
    }

    private final ArrayDeque<Prune> prunes = new ArrayDeque<>();
    /** (domain, PASID or -1) of scope descriptors whose ATC round trips were queued after them. */
    private final ArrayList<long[]> awaiting = new ArrayList<>();

    /** The scope descriptor of ({@code domain}, {@code pasid}) will be followed by device-ATC round trips. */
    void awaitRoundTrips(int domain, int pasid) {
        awaiting.add(new long[] {domain, pasid < 0 ? -1 : pasid});
    }

    /**
     * A scope descriptor of ({@code domain}, {@code pasid}) took effect: true if its device-ATC
     * round trips follow, so the ATCs and the stale-use record wait for them (the entry goes when
     * the last round trip is done).
     */
    boolean roundTripsFollow(int domain, int pasid) {
        return find(domain, pasid) >= 0;
    }

    private int find(int domain, int pasid) {
        long p = pasid < 0 ? -1 : pasid;
        for (int i = 0; i < awaiting.size(); i++) {
            long[] a = awaiting.get(i);
            if (a[0] == domain && a[1] == p) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A removal of {@code domain} (a range: {@code pasid} = -2; a scope: its PASID or -1) must
     * wait for {@code descriptors} device-ATC descriptors before it is pruned; called when the
     * descriptors are submitted (the removals recorded so far are the ones they cover).
     */
    void expect(int domain, int pasid, long from, long to, boolean leafOnly, long descriptors) {
        Prune p = new Prune();
        p.domain = domain;
        p.pasid = pasid;
        p.from = from;
        p.to = to;
        p.leafOnly = leafOnly;
        p.remaining = descriptors;
        p.upTo = tracker.epoch();
        prunes.addLast(p);
    }

    /** One device-ATC descriptor took effect; prunes the head removal from {@code tracker} when it was its last. */
    void descriptorDone(StaleUseRecord tracker) {
        Prune p = prunes.peekFirst();
        if (p != null && --p.remaining == 0) {
            prunes.pollFirst();
            tracker.invalidated(p.domain, p.from, p.to, p.leafOnly, p.upTo);
            if (p.pasid != -2) {
                int i = find(p.domain, p.pasid);
                if (i >= 0) {
                    awaiting.remove(i);
                }
            }
        }
    }
}

package org.iommusim.hw.iommu.inval;

import java.util.List;
import org.iommusim.hw.cache.Iotlb;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.Invalidation;
import org.iommusim.hw.ioasid.IoasidView;
import org.iommusim.hw.iommu.ats.DeviceAtcs;
import org.iommusim.hw.pagetable.Pte;
import org.iommusim.hw.pagetable.RangeSplitter;

/**
 * The IOMMU side of invalidation: descriptors of the {@link InvalidationQueue} take effect in
 * the IOMMU's caches ({@link InvalidationTarget}) and device ATCs, and functional removals are
 * recorded in the stale-use accounting ({@link StaleUseRecord}) at the instant they happen,
 * pending until an invalidation covering them takes effect. Also counts how many descriptors
 * took effect, so a walk can tell whether one happened while it ran (then it does not fill the
 * caches). This is the one path by which invalidations reach the caches.
 *
 * <p>Context/PASID-cache entries go with {@link InvKind#CONTEXT} descriptors; device-ATC
 * descriptors drop a range, or a whole PASID, from one device's ATC. The stage-2-change scopes
 * ({@link InvKind#NESTED_RANGE}, {@link InvKind#VMID_STAGE1}, {@link InvKind#VMID_ALL}) reach
 * the hardware-nested children registered with their parent ({@link #registerNested}). With ATS devices,
 * a range, PASID or domain removal stays pending until its last device-ATC descriptor (see
 * {@link AtcRoundTrips}).
 *
 * <p>Does not model: invalidation-completion interrupts, the queue's own errors (an
 * invalidation time-out or a descriptor the hardware rejects).
 */
public final class IommuInvalidations implements InvalidationEffect {
    private final InvalidationTarget caches;
    private final StaleUseRecord tracker;
    private final ControlPlane controlPlane;
    private final DeviceAtcs atcs;
    private final AtcRoundTrips roundTrips;
    private final NestedChildren children = new NestedChildren();
    private long applyCount;
    private int rangeTarget;
    private int rangePasid;
    private boolean rangeLeaf;
    private final RangeSplitter.ChunkSink rangeSink = this::rangeChunk;

    public IommuInvalidations(InvalidationTarget caches, StaleUseRecord tracker, ControlPlane controlPlane,
                              DeviceAtcs atcs) {
        this.caches = caches;
        this.tracker = tracker;
        this.roundTrips = new AtcRoundTrips(tracker);
        this.controlPlane = controlPlane;
        this.atcs = atcs;
    }

    /** The device ATCs the descriptors reach. */
    public DeviceAtcs atcs() {
        return atcs;
    }

    AtcRoundTrips roundTrips() {
        return roundTrips;
    }

    ControlPlane controlPlane() {
        return controlPlane;
    }

    /** Registers {@code child} as a hardware-nested child of {@code parent} (idempotent). */
    void registerNested(int parent, int child) {
        children.register(parent, child);
    }

    /** The hardware-nested children of {@code parent} registered so far. */
    int[] nestedChildren(int parent) {
        return children.of(parent);
    }

    /** Invalidation descriptors that took effect so far. */
    public long applied() {
        return applyCount;
    }

    /**
     * Records that {@code inv}'s range no longer translates as the caches may remember (the
     * functional change happened now); its {@link Invalidation#freedLevel()}: table pages up to
     * that level went too (walk-cache entries pointing to them become stale). Call at the instant
     * of the change, before the invalidation. A PARENT_CHANGE of a hardware-nested child given
     * alone removes the whole child domain; {@link #removed(List)} knows the GPAs.
     */
    public void removed(Invalidation inv) {
        if (inv.scope() == Invalidation.Scope.RANGE) {
            tracker.removed(inv.ioasid(), inv.start(), inv.end(), inv.leafOnly() ? 0 : inv.freedLevel());
        } else {
            tracker.removedAll(inv.ioasid());
        }
    }

    /**
     * Records the removals of one operation's invalidations {@code invs} (see
     * {@link #removed(Invalidation)}), except that a parent change under a hardware-nested child
     * (scope ALL, cause PARENT_CHANGE) is recorded as a removal of the parent's changed GPAs for
     * that child: the ranges of the parent's RANGE invalidations in {@code invs} (the control plane
     * emits them for exactly the parent's removed ranges before it propagates the change). Without
     * such ranges, the whole child domain is removed.
     *
     * <p>An invalidation a user requested ({@link Invalidation.Cause#GUEST_REQUEST}, passed through
     * to a hardware-nested IOASID) records nothing: an invalidation is not a change. The change it
     * follows — the guest's own PTE write — was recorded when it happened
     * ({@link #removed(int, long, long, boolean)}, from {@code TimedControlPlane#guestEdited});
     * a range the guest never changed is not stale because the guest invalidates it.
     */
    public void removed(List<Invalidation> invs) {
        for (int i = 0; i < invs.size(); i++) {
            Invalidation inv = invs.get(i);
            if (inv.cause() == Invalidation.Cause.GUEST_REQUEST) {
                continue;
            }
            if (inv.scope() == Invalidation.Scope.ALL && inv.cause() == Invalidation.Cause.PARENT_CHANGE) {
                parentChanged(inv.ioasid(), invs);
            } else {
                removed(inv);
            }
        }
    }

    private void parentChanged(int child, List<Invalidation> invs) {
        IoasidView x = controlPlane.ioasid(child);
        IoasidView parent = x == null ? null : x.parent();
        boolean any = false;
        if (parent != null) {
            for (int i = 0; i < invs.size(); i++) {
                Invalidation p = invs.get(i);
                if (p.ioasid() == parent.id() && p.scope() == Invalidation.Scope.RANGE) {
                    tracker.removedViaParent(child, p.start(), p.end());
                    any = true;
                }
            }
        }
        if (!any) {
            tracker.removedAll(child);
        }
    }

    /** Records the removal of {@code [start, end)} of IOASID {@code ioasid} (e.g. a guest PTE clear). */
    public void removed(int ioasid, long start, long end, boolean tablesFreed) {
        tracker.removed(ioasid, start, end, tablesFreed ? Invalidation.ANY_LEVEL : 0);
    }

    /**
     * Records the removals {@code invs} of an operation that has not returned to its caller yet:
     * they are in progress (a DMA requested meanwhile races the operation, see
     * {@code StaleUseTracker}) until {@link #operationReturned} is given the epochs
     * {@code first} (returned here) to {@link #epoch()} (read right after this call); no epoch is
     * opened when {@link #epoch()} is then below {@code first}. Two longs instead of an array: an
     * operation keeps them in its own fields (no allocation per control operation).
     */
    public long removedByOperation(List<Invalidation> invs) {
        long first = tracker.epoch() + 1;
        tracker.opening(true);
        try {
            removed(invs);
        } finally {
            tracker.opening(false);
        }
        return first;
    }

    /** The operation whose removals {@link #removedByOperation} recorded as epochs {@code first..last} returned. */
    public void operationReturned(long first, long last) {
        if (last >= first) {
            tracker.returned(first, last);
        }
    }

    /**
     * Records a guest's write removing {@code [start, end)} of IOASID {@code ioasid}: with
     * {@code invalidationFollows} (its driver's unmap) in progress until that guest invalidation
     * returns ({@link #guestInvalidationReturned}); with {@code shadowed}, stale in the shadow
     * until {@link #shadowSynced}.
     */
    public void removedByGuest(int ioasid, long start, long end, boolean invalidationFollows, boolean shadowed) {
        tracker.removedByGuest(ioasid, start, end, invalidationFollows, shadowed);
    }

    /** The shadow of software-nested {@code ioasid} took in the guest's table over {@code [start, end)}. */
    public void shadowSynced(int ioasid, long start, long end) {
        tracker.shadowSynced(ioasid, start, end);
    }

    /** A guest invalidation of {@code ioasid} that started at epoch {@code startEpoch} returned. */
    public void guestInvalidationReturned(int ioasid, long startEpoch) {
        tracker.guestReturned(ioasid, startEpoch);
    }

    /** The stale-use epoch now (see {@link StaleUseRecord#epoch()}). */
    public long epoch() {
        return tracker.epoch();
    }

    /** A descriptor of the invalidation queue takes effect now. */
    @Override
    public void takeEffect(InvKind kind, int target, int pasid, long firstPage, long pages, boolean leafOnly) {
        applyCount++;
        switch (kind) {
            case IOTLB_RANGE -> {
                long addr = firstPage << 12;
                int p = pasid == InvBatch.ANY_PASID ? Iotlb.ANY_PASID : pasid;
                if (Long.bitCount(pages) == 1 && (firstPage & (pages - 1)) == 0) {
                    caches.range(target, p, addr, Long.numberOfTrailingZeros(pages), leafOnly);
                } else { // an SMMUv3 range command: NUM x 2^SCALE pages, applied as aligned blocks
                    rangeTarget = target;
                    rangePasid = p;
                    rangeLeaf = leafOnly;
                    RangeSplitter.split(firstPage, pages, 1L << 62, rangeSink);
                }
                if (atcs.devices().length == 0) {
                    tracker.invalidated(target, addr, addr + (pages << 12), leafOnly);
                } // else pruned after the device-ATC descriptors that follow (AtcRoundTrips#expect)
            }
            case PASID -> {
                if (pasid == InvBatch.ANY_PASID) {
                    caches.stageOne(target);
                } else {
                    caches.pasid(target, pasid);
                }
                scopeTookEffect(target, pasid);
            }
            case DOMAIN -> {
                caches.domain(target);
                scopeTookEffect(target, -1);
            }
            case CONTEXT -> caches.context(target, pasid);
            case NESTED_RANGE -> {
                IoasidView child = controlPlane.ioasid(target);
                int parent = child == null || child.parent() == null ? -1 : child.parent().id();
                caches.stageOne(target);
                if (pages == 0) { // the whole nested domain: every stage-2 entry cached for it
                    caches.stageTwoRange(parent, 0, Pte.PA_BITS - 12, false);
                } else {
                    caches.stageTwoRange(parent, firstPage << 12, RangeSplitter.coverOrder(firstPage, pages), leafOnly);
                }
                scopeTookEffect(target, -1);
            }
            case VMID_STAGE1 -> {
                for (int child : nestedChildren(target)) {
                    caches.stageOne(child);
                    scopeTookEffect(child, -1);
                }
            }
            case VMID_ALL -> {
                caches.domain(target);
                scopeTookEffect(target, -1);
                for (int child : nestedChildren(target)) {
                    caches.domain(child);
                    scopeTookEffect(child, -1);
                }
            }
            case GLOBAL -> {
                caches.global();
                atcs.invalidateAll();
                tracker.invalidatedAll();
            }
            case DEVICE_ATC -> {
                if (pages == 0) {
                    atcs.invalidatePasid(target, pasid);
                } else {
                    atcs.invalidateRange(target, pasid, firstPage << 12, Long.numberOfTrailingZeros(pages));
                }
                roundTrips.descriptorDone(tracker);
            }
            default -> {
                // WAIT never takes effect.
            }
        }
    }

    /**
     * A PASID- or domain-wide descriptor took effect in the IOMMU: with device-ATC round trips
     * queued after it, the ATCs and the stale-use record wait for them; otherwise (no ATS target,
     * or a descriptor submitted without them) the ATC entries go now and the removal is covered.
     */
    private void scopeTookEffect(int target, int pasid) {
        if (!roundTrips.roundTripsFollow(target, pasid)) {
            atcs.invalidateDomain(target, pasid);
            tracker.invalidated(target, 0, -1L, false);
        }
    }

    private void rangeChunk(long first, int order) {
        caches.range(rangeTarget, rangePasid, first << 12, order, rangeLeaf);
    }

    /** Removals not yet covered by an invalidation that took effect. */
    public int pendingRemovals() {
        return tracker.pending();
    }

    /** Counts a domain-wide flush of a hardware-nested child caused by a parent change. */
    void countParentChangeFlush() {
        caches.countParentChangeFlush();
    }
}

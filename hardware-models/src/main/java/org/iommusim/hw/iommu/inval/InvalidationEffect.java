package org.iommusim.hw.iommu.inval;

/**
 * Called at the instant a descriptor <em>takes effect</em> (the end of its processing), in
 * queue order, so the timing model can drop IOTLB, paging-structure-cache, nested-TLB or ATC
 * entries exactly then. Not called for {@link InvKind#WAIT}.
 *
 * <p>Field meaning by kind: {@code target} is the domain id, or the device id for
 * {@link InvKind#DEVICE_ATC}; {@code pasid} is {@link InvBatch#ANY_PASID} when the descriptor
 * covers every PASID; {@code firstPage}/{@code pages} (an aligned power of two) are meaningful
 * for {@link InvKind#IOTLB_RANGE} and {@link InvKind#DEVICE_ATC} only (0 otherwise; a
 * device-ATC descriptor with {@code pages} = 0 covers every page of its PASID);
 * {@code leafOnly} is the range descriptor's hint that paging-structure caches may be kept.
 */
@FunctionalInterface
public interface InvalidationEffect {
    /** An effect hook that does nothing. */
    InvalidationEffect NONE = (kind, target, pasid, firstPage, pages, leafOnly) -> {
    };

    void takeEffect(InvKind kind, int target, int pasid, long firstPage, long pages, boolean leafOnly);
}

package org.iommusim.hw.iommu.inval;

/**
 * The IOMMU's own translation caches as invalidation descriptors reach them — the data path
 * implements it over its IOTLB, walk caches, nested TLB and context/PASID cache, so this room
 * never touches a cache's internals. Device ATCs are not here: they are {@code iommu.ats}.
 */
public interface InvalidationTarget {
    /**
     * A page-selective descriptor: 2^{@code log2Pages} aligned pages from {@code addr} of
     * {@code domain} ({@code pasid}, or the IOTLB's any-PASID value): IOTLB and nested-TLB
     * entries, and unless {@code leafOnly} the walk-cache entries at both stages.
     */
    void range(int domain, int pasid, long addr, int log2Pages, boolean leafOnly);

    /** A PASID-wide descriptor: the PASID's IOTLB entries, the domain's stage-1 walk caches, its context entries. */
    void pasid(int domain, int pasid);

    /** A domain-wide descriptor: everything cached for {@code domain}, context entries included. */
    void domain(int domain);

    /** A global descriptor: every IOTLB, walk-cache and nested-TLB entry. */
    void global();

    /** Counts a domain-wide flush of a hardware-nested child caused by a change of its parent. */
    void countParentChangeFlush();
}

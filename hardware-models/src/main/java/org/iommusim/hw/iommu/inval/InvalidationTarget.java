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

    /** A PASID-wide descriptor: the PASID's IOTLB entries and the domain's stage-1 walk caches. */
    void pasid(int domain, int pasid);

    /** A domain-wide descriptor: every IOTLB, walk-cache and nested-TLB entry of {@code domain}. */
    void domain(int domain);

    /** Every IOTLB (stage-1 / nested) and stage-1 walk-cache entry of {@code domain}, any PASID. */
    void stageOne(int domain);

    /**
     * Stage-2 entries of {@code parent} for 2^{@code log2Pages} aligned pages from GPA {@code addr}:
     * its nested-TLB entries and, unless {@code leafOnly}, its stage-2 walk-cache entries.
     */
    void stageTwoRange(int parent, long addr, int log2Pages, boolean leafOnly);

    /** Context/PASID-cache entries of {@code domain} ({@code pasid}, or every PASID when negative). */
    void context(int domain, int pasid);

    /** A global descriptor: every IOTLB, walk-cache and nested-TLB entry. */
    void global();

    /** Counts a domain-wide flush of a hardware-nested child caused by a change of its parent. */
    void countParentChangeFlush();
}

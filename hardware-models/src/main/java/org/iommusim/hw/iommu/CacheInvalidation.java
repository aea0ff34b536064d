package org.iommusim.hw.iommu;

import org.iommusim.hw.iommu.inval.InvalidationTarget;

/**
 * Where invalidation descriptors take effect in the data path's caches: the
 * {@link TranslationCaches} (IOTLB, walk caches, nested TLB) and the {@link ContextCache}
 * (only context descriptors drop context entries, as on every architecture). The invalidation
 * room ({@code iommu.inval}) decides when; this only applies.
 */
public final class CacheInvalidation implements InvalidationTarget {
    private final TranslationCaches caches;
    private final ContextCache context;

    public CacheInvalidation(TranslationCaches caches, ContextCache context) {
        this.caches = caches;
        this.context = context;
    }

    @Override
    public void range(int domain, int pasid, long addr, int log2Pages, boolean leafOnly) {
        caches.range(domain, pasid, addr, log2Pages, leafOnly);
    }

    @Override
    public void pasid(int domain, int pasid) {
        caches.pasid(domain, pasid);
    }

    @Override
    public void domain(int domain) {
        caches.domain(domain);
    }

    @Override
    public void stageOne(int domain) {
        caches.stageOne(domain);
    }

    @Override
    public void stageTwoRange(int parent, long addr, int log2Pages, boolean leafOnly) {
        caches.stageTwoRange(parent, addr, log2Pages, leafOnly);
    }

    @Override
    public void context(int domain, int pasid) {
        context.invalidate(domain, pasid);
    }

    @Override
    public void global() {
        caches.global();
    }

    @Override
    public void countParentChangeFlush() {
        caches.countParentChangeFlush();
    }
}

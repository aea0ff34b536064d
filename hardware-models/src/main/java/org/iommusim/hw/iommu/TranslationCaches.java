package org.iommusim.hw.iommu;

import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.hw.cache.CacheStats;
import org.iommusim.hw.cache.Iotlb;
import org.iommusim.hw.cache.PagingStructureCache;
import org.iommusim.hw.cache.ReplacementPolicies;
import org.iommusim.hw.cache.SetAssociativeCache;
import org.iommusim.hw.ioasid.Invalidation;
import org.iommusim.hw.iommu.stale.StaleUseOracle;

/**
 * The IOMMU's translation caches as one unit: the IOTLB (domain = the attached IOASID; under
 * hardware nesting an entry is the combined stage-1 + stage-2 result), paging-structure caches
 * split by stage (1, 2) × level (2..5), and the nested TLB (parent domain, GPA page of a guest
 * table) → HPA page. Each walk-cache instance has its own configuration
 * ({@link TimedIommuConfig#pwc(int, int)}, {@link WalkCacheLevels}). The caches carry no
 * stale-use state: the {@link StaleUseOracle} watches their slots.
 *
 * <p>Invalidation descriptors take effect here ({@code CacheInvalidation}): {@link #range} drops
 * IOTLB entries of a 2^k-aligned page block, its nested-TLB entries when the domain is a parent,
 * and — unless leaf-only — its paging-structure entries at both stages; {@link #pasid} drops
 * that PASID's IOTLB entries and the domain's stage-1 walk-cache entries; {@link #domain} drops
 * everything of the domain (a parent change under a hardware-nested child is such a domain-wide
 * flush, counted). The SMMUv3 TBU micro-TLBs ({@link TbuMicroTlbs}) lose what the IOTLB loses.
 * Does not model: the context/PASID cache (that is {@link ContextCache}), device ATCs,
 * timing (the caller charges {@link CacheConfig#latencyPs()}).
 */
public final class TranslationCaches {
    static final int MIN_LEVEL = PagingStructureCache.MIN_LEVEL;
    static final int MAX_LEVEL = PagingStructureCache.MAX_LEVEL;

    private final Iotlb iotlb;
    /** [stage][level], stage 1..2, level 2..5. */
    private final PagingStructureCache[][] pwc = new PagingStructureCache[3][MAX_LEVEL + 1];
    private final SetAssociativeCache nestedTlb;
    private final boolean[] pwcStageEnabled = new boolean[3];
    private final long[] pwcStageLatency = new long[3];
    private final TbuMicroTlbs microTlbs;
    private final Counter parentChangeFlushes;
    private final Counter applied;

    public TranslationCaches(TimedIommuConfig config, StatsRegistry stats, RandomStreams streams, String prefix,
                      StaleUseOracle oracle) {
        iotlb = new Iotlb(config.iotlb(), rng(streams, config.iotlb(), prefix + ".iotlb"),
                CacheStats.register(stats, prefix + ".iotlb", "IOTLB"));
        oracle.watch(StaleUseOracle.Structure.IOTLB, 0, 0, iotlb.cache());
        for (int stage = 1; stage <= 2; stage++) {
            for (int level = MIN_LEVEL; level <= MAX_LEVEL; level++) {
                String name = prefix + ".pwc.s" + stage + ".l" + level;
                CacheConfig c = config.pwc(stage, level);
                pwc[stage][level] = new PagingStructureCache(c, rng(streams, c, name),
                        CacheStats.register(stats, name, "stage-" + stage + " level-" + level + " walk cache"));
                oracle.watch(StaleUseOracle.Structure.WALK_CACHE, stage, level, pwc[stage][level].cache());
                if (c.enabled()) {
                    pwcStageEnabled[stage] = true;
                    pwcStageLatency[stage] = Math.max(pwcStageLatency[stage], c.latencyPs());
                }
            }
        }
        nestedTlb = new SetAssociativeCache(config.nestedTlb(), rng(streams, config.nestedTlb(), prefix + ".nested-tlb"),
                CacheStats.register(stats, prefix + ".nested-tlb", "nested TLB (stage-2 translations of guest tables)"));
        oracle.watch(StaleUseOracle.Structure.NESTED_TLB, 0, 0, nestedTlb);
        microTlbs = new TbuMicroTlbs(config.tbuMicroTlb(), stats, streams, prefix, oracle);
        parentChangeFlushes = stats.counter(prefix + ".invalidation.parent-change-flushes", "flushes",
                "domain-wide flushes of hardware-nested children because their parent's translation changed");
        applied = stats.counter(prefix + ".invalidation.applied", "descriptors",
                "invalidation descriptors (range blocks, PASID, domain, global) that took effect in the IOMMU caches");
    }

    public Iotlb iotlb() {
        return iotlb;
    }

    /** The walk cache of {@code stage} (1, 2) and {@code level} (2..5). */
    public PagingStructureCache pwc(int stage, int level) {
        return pwc[stage][level];
    }

    /** The per-device TBU micro-TLBs in front of the IOTLB (SMMUv3; {@link TbuMicroTlbs#enabled()} false elsewhere). */
    public TbuMicroTlbs microTlbs() {
        return microTlbs;
    }

    /** The nested TLB: (parent domain, GPA page of a guest table) → HPA page. */
    public SetAssociativeCache nestedTlb() {
        return nestedTlb;
    }

    private static java.util.random.RandomGenerator rng(RandomStreams streams, CacheConfig c, String name) {
        return ReplacementPolicies.generator(c.policy(), streams, name);
    }

    /**
     * A page-selective invalidation of 2^{@code log2Pages} aligned pages from {@code addr} of
     * {@code dom} ({@code pasid} or {@link Iotlb#ANY_PASID}): IOTLB entries, nested-TLB entries
     * (when {@code dom} is a parent), and unless {@code leafOnly} walk-cache entries at both stages.
     */
    public int range(int dom, int pasid, long addr, int log2Pages, boolean leafOnly) {
        applied.increment();
        int removed = iotlb.invalidateRange(dom, pasid, addr, log2Pages) + microTlbs.range(dom, pasid, addr, log2Pages);
        long lastTag = (addr >>> 12) + (1L << log2Pages) - 1;
        removed += nestedTlb.invalidateTagRange(-1L, dom, addr >>> 12, lastTag);
        if (!leafOnly) {
            for (int stage = 1; stage <= 2; stage++) {
                for (int level = MIN_LEVEL; level <= MAX_LEVEL; level++) {
                    removed += pwc[stage][level].invalidateRange(dom, stage, addr, log2Pages);
                }
            }
        }
        return removed;
    }

    /** Every IOTLB entry of ({@code dom}, {@code pasid}) and the domain's stage-1 walk-cache entries. */
    public int pasid(int dom, int pasid) {
        applied.increment();
        return iotlb.invalidatePasid(dom, pasid) + microTlbs.pasid(dom, pasid) + pwcDomain(dom, 1);
    }

    /** Every IOTLB entry of {@code dom} (any PASID) and its stage-1 walk-cache entries. */
    public int stageOne(int dom) {
        applied.increment();
        return iotlb.invalidateDomain(dom) + pwcDomain(dom, 1);
    }

    /** Stage-2 entries of {@code parent} in a 2^k block of GPAs: nested TLB, and unless leaf-only stage-2 walk caches. */
    public int stageTwoRange(int parent, long addr, int log2Pages, boolean leafOnly) {
        applied.increment();
        long lastTag = (addr >>> 12) + (1L << log2Pages) - 1;
        int removed = nestedTlb.invalidateTagRange(-1L, parent, addr >>> 12, lastTag);
        if (!leafOnly) {
            for (int level = MIN_LEVEL; level <= MAX_LEVEL; level++) {
                removed += pwc[2][level].invalidateRange(parent, 2, addr, log2Pages);
            }
        }
        return removed;
    }

    /** Everything cached for {@code dom}: IOTLB, walk caches at both stages, nested TLB. */
    public int domain(int dom) {
        applied.increment();
        return iotlb.invalidateDomain(dom) + microTlbs.domain(dom) + pwcDomain(dom, 1) + pwcDomain(dom, 2)
                + nestedTlb.invalidateMatching(-1L, dom);
    }

    /** Everything cached. */
    public int global() {
        applied.increment();
        int removed = iotlb.invalidateAll() + microTlbs.all() + nestedTlb.invalidateAll();
        for (int stage = 1; stage <= 2; stage++) {
            for (int level = MIN_LEVEL; level <= MAX_LEVEL; level++) {
                removed += pwc[stage][level].invalidateAll();
            }
        }
        return removed;
    }

    /** A domain-wide flush of a hardware-nested child because its parent changed. */
    public void countParentChangeFlush() {
        parentChangeFlushes.increment();
    }

    private int pwcDomain(int dom, int stage) {
        int n = 0;
        for (int level = MIN_LEVEL; level <= MAX_LEVEL; level++) {
            n += pwc[stage][level].invalidateStage(dom, stage);
        }
        return n;
    }

    /** True if any walk-cache level of {@code stage} is enabled (then the stage's probe happens). */
    public boolean pwcEnabled(int stage) {
        return pwcStageEnabled[stage];
    }

    /** The probe latency of {@code stage}: the largest of its enabled levels (probed in parallel). */
    public long pwcLatency(int stage) {
        return pwcStageLatency[stage];
    }
}

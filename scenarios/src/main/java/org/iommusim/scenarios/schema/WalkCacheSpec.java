package org.iommusim.scenarios.schema;

import static org.iommusim.scenarios.config.Key.Kind.DURATION;

import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.scenarios.config.Key;

/** The {@code iommu.walkCache} section: one paging-structure (walk) cache instance; there is one per stage (1, 2) × level (2..5): gem5's 512-entry walk cache, walk_assoc = 4, split evenly into 8 instances. Defaults: the architecture preset's ({@code IommuSpec.of}). */
public record WalkCacheSpec(
        @Key(doc = "Entries of each stage x level walk-cache instance (8 instances; gem5 walk cache 512 entries split)", unit = "entries", min = "1", max = "16777216") int entries,
        @Key(doc = "Ways per set; 0 = fully associative (gem5 walk_assoc)", min = "0", max = "16777216") int assoc,
        @Key(doc = "Replacement policy", choices = POLICIES) String policy,
        @Key(doc = INDEX_DOC, choices = SET_INDEXES) String index,
        @Key(doc = "Whether walk caches are used") boolean enabled,
        @Key(doc = "Lookup latency of one stage's walk caches, probed in parallel (gem5 walk_lat, 4 cycles)", kind = DURATION, min = "0ps", max = "1ms") long latency)
        implements CacheShape {

    static WalkCacheSpec of(CacheConfig c) {
        return new WalkCacheSpec(c.entries(), c.assoc(), c.policy(), c.index(), c.enabled(), c.latencyPs());
    }
}

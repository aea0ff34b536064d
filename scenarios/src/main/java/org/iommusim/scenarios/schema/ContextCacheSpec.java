package org.iommusim.scenarios.schema;

import static org.iommusim.scenarios.config.Key.Kind.DURATION;

import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.scenarios.config.Key;

/** The {@code iommu.contextCache} section: the context/PASID cache (gem5 cfg cache). Defaults: the architecture preset's ({@code IommuSpec.of}). */
public record ContextCacheSpec(
        @Key(doc = "Context/PASID-cache entries (gem5 cfg_entries)", unit = "entries", min = "1", max = "16777216") int entries,
        @Key(doc = "Ways per set; 0 = fully associative (gem5 cfg_assoc)", min = "0", max = "16777216") int assoc,
        @Key(doc = "Replacement policy", choices = POLICIES) String policy,
        @Key(doc = INDEX_DOC, choices = SET_INDEXES) String index,
        @Key(doc = "Whether the context cache is used (disabled: context lookups are free)") boolean enabled,
        @Key(doc = "Lookup latency (gem5 cfg_lat, 3 cycles)", kind = DURATION, min = "0ps", max = "1ms") long latency)
        implements CacheShape {

    static ContextCacheSpec of(CacheConfig c) {
        return new ContextCacheSpec(c.entries(), c.assoc(), c.policy(), c.index(), c.enabled(), c.latencyPs());
    }
}

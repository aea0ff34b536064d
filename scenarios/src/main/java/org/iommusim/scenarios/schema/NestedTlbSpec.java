package org.iommusim.scenarios.schema;

import static org.iommusim.scenarios.config.Key.Kind.DURATION;

import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.scenarios.config.Key;

/** The {@code iommu.nestedTlb} section: stage-2 translations of guest table pages (gem5's IPA cache). Defaults: the architecture preset's ({@code IommuSpec.of}). */
public record NestedTlbSpec(
        @Key(doc = "Nested-TLB entries (gem5 ipa_entries)", unit = "entries", min = "1", max = "16777216") int entries,
        @Key(doc = "Ways per set; 0 = fully associative (gem5 ipa_assoc)", min = "0", max = "16777216") int assoc,
        @Key(doc = "Replacement policy", choices = POLICIES) String policy,
        @Key(doc = INDEX_DOC, choices = SET_INDEXES) String index,
        @Key(doc = "Whether the nested TLB is used") boolean enabled,
        @Key(doc = "Lookup latency (gem5 ipa_lat, 3 cycles)", kind = DURATION, min = "0ps", max = "1ms") long latency)
        implements CacheShape {

    static NestedTlbSpec of(CacheConfig c) {
        return new NestedTlbSpec(c.entries(), c.assoc(), c.policy(), c.index(), c.enabled(), c.latencyPs());
    }
}

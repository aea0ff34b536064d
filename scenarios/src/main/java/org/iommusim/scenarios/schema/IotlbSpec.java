package org.iommusim.scenarios.schema;

import static org.iommusim.scenarios.config.Key.Kind.DURATION;

import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.scenarios.config.Key;

/** The {@code iommu.iotlb} section: gem5 SMMUv3 tlb_entries, tlb_assoc, tlb_policy = rr, tlb_lat = 3 cycles at 1 GHz. Defaults: the architecture preset's ({@code IommuSpec.of}). */
public record IotlbSpec(
        @Key(doc = "IOTLB entries (gem5 SMMUv3 tlb_entries)", unit = "entries", min = "1", max = "16777216") int entries,
        @Key(doc = "Ways per set; 0 = fully associative (gem5 tlb_assoc)", min = "0", max = "16777216") int assoc,
        @Key(doc = "Replacement policy (gem5 tlb_policy = rr)", choices = POLICIES) String policy,
        @Key(doc = INDEX_DOC, choices = SET_INDEXES) String index,
        @Key(doc = "Whether the IOTLB is used") boolean enabled,
        @Key(doc = "Lookup latency (gem5 tlb_lat, 3 cycles at 1 GHz)", kind = DURATION, min = "0ps", max = "1ms") long latency)
        implements CacheShape {

    static IotlbSpec of(CacheConfig c) {
        return new IotlbSpec(c.entries(), c.assoc(), c.policy(), c.index(), c.enabled(), c.latencyPs());
    }
}

package org.iommusim.scenarios.schema;

import static org.iommusim.scenarios.config.Key.Kind.DURATION;

import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.scenarios.config.Key;

/**
 * The {@code iommu.tbuMicroTlb} section: the micro-TLB of an SMMUv3 translation buffer unit, one
 * per device in front of the shared IOTLB ({@code hw.iommu.TbuMicroTlbs}; statistics
 * {@code iommu.tbu.microtlb.*}). On in the {@code arm-smmuv3} preset, off elsewhere. Defaults: the
 * architecture preset's ({@code IommuSpec.of}).
 */
public record TbuMicroTlbSpec(
        @Key(doc = "Micro-TLB entries per device (Arm MMU-700 TBUCFG_UTLB_DEPTH 4..64; gem5 utlb_entries)", unit = "entries", min = "1", max = "16777216") int entries,
        @Key(doc = "Ways per set; 0 = fully associative (gem5 utlb_assoc = 0)", min = "0", max = "16777216") int assoc,
        @Key(doc = "Replacement policy", choices = POLICIES) String policy,
        @Key(doc = INDEX_DOC, choices = SET_INDEXES) String index,
        @Key(doc = "Whether each device has a TBU micro-TLB in front of the IOTLB (SMMUv3)") boolean enabled,
        @Key(doc = "Lookup latency (gem5 utlb_lat, 1 cycle)", kind = DURATION, min = "0ps", max = "1ms") long latency)
        implements CacheShape {

    static TbuMicroTlbSpec of(CacheConfig c) {
        return new TbuMicroTlbSpec(c.entries(), c.assoc(), c.policy(), c.index(), c.enabled(), c.latencyPs());
    }
}

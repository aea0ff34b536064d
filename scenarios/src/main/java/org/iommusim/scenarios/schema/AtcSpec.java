package org.iommusim.scenarios.schema;

import static org.iommusim.scenarios.config.Key.Kind.DURATION;

import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.hw.iommu.ats.AtsConfig;
import org.iommusim.scenarios.config.Key;

/** The {@code devices.*.ats.atc} section: a device's ATS translation cache (gem5 micro-TLB). Defaults: {@code AtsConfig.defaults().atc()}. */
public record AtcSpec(
        @Key(doc = "ATC entries (DESIGN: device micro-TLB 32 entries; gem5 utlb_entries)", unit = "entries", min = "1", max = "16777216") int entries,
        @Key(doc = "Ways per set; 0 = fully associative (gem5 utlb_assoc = 0)", min = "0", max = "16777216") int assoc,
        @Key(doc = "Replacement policy", choices = POLICIES) String policy,
        @Key(doc = INDEX_DOC, choices = SET_INDEXES) String index,
        @Key(doc = "Whether the ATC is used") boolean enabled,
        @Key(doc = "Lookup latency (gem5 utlb_lat, 1 cycle)", kind = DURATION, min = "0ps", max = "1ms") long latency)
        implements CacheShape {

    static AtcSpec defaults() {
        return of(AtsConfig.defaults().atc());
    }

    static AtcSpec of(CacheConfig c) {
        return new AtcSpec(c.entries(), c.assoc(), c.policy(), c.index(), c.enabled(), c.latencyPs());
    }
}

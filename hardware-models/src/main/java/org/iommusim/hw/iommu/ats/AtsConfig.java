package org.iommusim.hw.iommu.ats;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.cache.CacheConfig;

/**
 * A device's PCIe ATS translation cache (ATC) and its link. Defaults and provenance:
 * {@code atc} 32 entries, fully associative, round-robin, 1 ns lookup (DESIGN §3 "device
 * micro-TLB 32 entries fully associative"; gem5 {@code utlb_entries}, {@code utlb_assoc = 0},
 * {@code utlb_lat = 1} cycle); {@code linkPs} = 250 ns, the one-way PCIe latency of a
 * translation request or completion through the root complex (an <em>assumption</em> of the
 * order of published PCIe round trips of several hundred ns; calibrate per platform).
 */
public record AtsConfig(CacheConfig atc, long linkPs) {
    public AtsConfig {
        if (atc == null) {
            throw new IllegalArgumentException("an ATS device needs an ATC configuration");
        }
        if (linkPs < 0) {
            throw new IllegalArgumentException("linkPs must be >= 0, got " + linkPs);
        }
    }

    public static AtsConfig defaults() {
        return new AtsConfig(new CacheConfig(32, 0, "round-robin", true, SimTime.NS), 250 * SimTime.NS);
    }
}

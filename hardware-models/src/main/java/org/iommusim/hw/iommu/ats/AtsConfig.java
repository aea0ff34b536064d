package org.iommusim.hw.iommu.ats;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.cache.CacheConfig;

/**
 * A device's PCIe ATS translation cache (ATC) and its link. Defaults and provenance:
 * {@code atc} 32 entries, fully associative, round-robin, 1 ns lookup (DESIGN §3 "device
 * micro-TLB 32 entries fully associative"; gem5 {@code utlb_entries}, {@code utlb_assoc = 0},
 * {@code utlb_lat = 1} cycle); {@code linkPs} = 250 ns, the one-way PCIe latency of a
 * translation request or completion through the root complex (an <em>assumption</em> of the
 * order of published PCIe round trips of several hundred ns; calibrate per platform);
 * {@code pendingMisses} = 16, the ATC's pending-miss entries: ATS translation requests the device
 * keeps outstanding, one per page, later misses to that page merging with it (PCIe ATS sets no
 * number; an <em>assumption</em> equal to gem5's TBU {@code xlate_slots}, the translations a
 * device-side translation unit keeps in flight); 0 = no table (every miss sends its own request).
 */
public record AtsConfig(CacheConfig atc, long linkPs, int pendingMisses) {
    /** Pending-miss entries of the default ATC. */
    public static final int DEFAULT_PENDING_MISSES = 16;

    public AtsConfig {
        if (atc == null) {
            throw new IllegalArgumentException("an ATS device needs an ATC configuration");
        }
        if (linkPs < 0) {
            throw new IllegalArgumentException("linkPs must be >= 0, got " + linkPs);
        }
        if (pendingMisses < 0) {
            throw new IllegalArgumentException("pendingMisses must be >= 0 (0 = no miss merging), got "
                    + pendingMisses);
        }
    }

    public static AtsConfig defaults() {
        return new AtsConfig(new CacheConfig(32, 0, "round-robin", true, SimTime.NS), 250 * SimTime.NS,
                DEFAULT_PENDING_MISSES);
    }
}

package org.iommusim.hw.iommu;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.cache.CacheConfig;

/**
 * Shape and timing of one timed IOMMU ({@code TimedIommu}). Defaults and provenance (DESIGN §3;
 * gem5 {@code src/dev/arm/SMMUv3.py}, cycles taken at an assumed 1 GHz SMMU clock):
 * <ul>
 *   <li>{@code iotlb}: 2048 entries, 4-way, round-robin, 3 ns lookup (gem5 {@code tlb_entries},
 *       {@code tlb_assoc}, {@code tlb_policy = rr}, {@code tlb_lat = 3} cycles).</li>
 *   <li>{@code pwc}: the configuration of <em>each</em> paging-structure cache instance; the walk
 *       cache is split by stage (1, 2) × level (2..5), 8 instances of 64 entries 4-way = 512
 *       entries (DESIGN §3), 4 ns lookup (gem5 {@code walk_assoc = 4}, {@code walk_lat = 4}).
 *       All levels of one stage are probed in parallel and charged one lookup latency.
 *       {@code pwcLevels} overrides the configuration of single (stage, level) instances
 *       ({@link WalkCacheLevels}; default none); {@link #pwc(int, int)} resolves one.</li>
 *   <li>{@code nestedTlb}: stage-2 translations of guest table pages (gem5's IPA cache): 128
 *       entries, 4-way, round-robin, 3 ns ({@code ipa_entries}, {@code ipa_assoc}, {@code ipa_lat}).</li>
 *   <li>{@code contextCache}: the context/PASID cache, 64 entries, 4-way, round-robin, 3 ns (gem5
 *       {@code cfg_entries}, {@code cfg_assoc}, {@code cfg_lat}); {@code contextWalkReads} = 4
 *       memory reads on a miss (VT-d scalable mode: root, context, PASID-directory and
 *       PASID-table entries); {@code contextIpaReads} = 0 of them addressed by IPA/GPA under hardware
 *       nesting (VT-d's PASID tables are host-physical; SMMUv3's preset sets 1, the CD: its
 *       address needs a stage-2 translation first, {@link ContextStageTwo});
 *       {@code contextFirstStageReads} = 0 further reads that only a miss of an attachment with a
 *       first-stage table makes (a PASID, or a hardware-nested child's guest table: AMD-Vi's
 *       GCR3-table entry after the device-table entry; VT-d and SMMUv3 read the same structures
 *       for every attachment). The IPA-addressed reads are the last of a miss's reads.</li>
 *   <li>{@code walkers} = 16 concurrent walks (gem5 {@code ptw_slots}); {@code maxInFlight} = 64
 *       translations in the IOMMU (gem5 {@code xlate_slots}); {@code maxInFlightPerDevice} = 16
 *       (gem5 {@code SMMUv3DeviceInterface.xlate_slots}).</li>
 *   <li>{@code lazyFillPs} = 2 µs: how long a DMA waits for one lazy shadow fill (a fault
 *       interrupt and a software walk of the guest table; an assumption of this project, of the
 *       order of an interrupt round trip on a host CPU). The host core time of the fill is
 *       charged apart, by the {@link org.iommusim.hw.iommu.control.TimedControlPlane} ({@link LazyFillSink}).</li>
 *   <li>{@code pipeline}: ordering, miss slots and walker occupancy, {@link PipelineConfig#defaults()}.</li>
 *   <li>{@code tbuMicroTlb}: the micro-TLB of an SMMUv3 translation buffer unit, one per device in
 *       front of the shared IOTLB ({@link TbuMicroTlbs}); off here (32 entries fully associative,
 *       round-robin, 1 ns when on: gem5 {@code utlb_entries}, {@code utlb_assoc = 0},
 *       {@code utlb_lat = 1} cycle).</li>
 * </ul>
 * A disabled cache is neither probed nor charged (a disabled context cache: the context lookup
 * is free). Every value is a scenario parameter.
 */
public record TimedIommuConfig(CacheConfig iotlb, CacheConfig pwc, WalkCacheLevels pwcLevels, CacheConfig nestedTlb,
                               CacheConfig contextCache, int contextWalkReads, int contextIpaReads, int contextFirstStageReads, int walkers, int maxInFlight,
                               int maxInFlightPerDevice, long lazyFillPs, PipelineConfig pipeline,
                               CacheConfig tbuMicroTlb) {

    public static final long DEFAULT_IOTLB_LATENCY_PS = 3 * SimTime.NS;
    public static final long DEFAULT_PWC_LATENCY_PS = 4 * SimTime.NS;
    public static final long DEFAULT_NESTED_TLB_LATENCY_PS = 3 * SimTime.NS;
    public static final long DEFAULT_CONTEXT_LATENCY_PS = 3 * SimTime.NS;
    public static final long DEFAULT_MICRO_TLB_LATENCY_PS = SimTime.NS;

    public TimedIommuConfig {
        if (iotlb == null || pwc == null || pwcLevels == null || nestedTlb == null || contextCache == null
                || pipeline == null || tbuMicroTlb == null) {
            throw new IllegalArgumentException(
                    "iotlb, pwc, pwcLevels, nestedTlb, contextCache, pipeline and tbuMicroTlb configurations are required");
        }
        if (contextWalkReads < 0) {
            throw new IllegalArgumentException("contextWalkReads must be >= 0, got " + contextWalkReads);
        }
        if (contextFirstStageReads < 0) {
            throw new IllegalArgumentException("contextFirstStageReads must be >= 0, got " + contextFirstStageReads);
        }
        if (contextIpaReads < 0 || contextIpaReads > contextWalkReads + contextFirstStageReads) {
            throw new IllegalArgumentException("contextIpaReads must be in [0, contextWalkReads + contextFirstStageReads = "
                    + (contextWalkReads + contextFirstStageReads) + "], got " + contextIpaReads);
        }
        if (walkers < 1) {
            throw new IllegalArgumentException("walkers must be >= 1, got " + walkers);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1, got " + maxInFlight);
        }
        if (maxInFlightPerDevice < 1) {
            throw new IllegalArgumentException("maxInFlightPerDevice must be >= 1, got " + maxInFlightPerDevice);
        }
        if (lazyFillPs < 0) {
            throw new IllegalArgumentException("lazyFillPs must be >= 0, got " + lazyFillPs);
        }
    }

    /** The documented defaults. */
    public static TimedIommuConfig defaults() {
        return new TimedIommuConfig(
                new CacheConfig(2048, 4, "round-robin", true, DEFAULT_IOTLB_LATENCY_PS),
                new CacheConfig(64, 4, "round-robin", true, DEFAULT_PWC_LATENCY_PS), WalkCacheLevels.NONE,
                new CacheConfig(128, 4, "round-robin", true, DEFAULT_NESTED_TLB_LATENCY_PS),
                new CacheConfig(64, 4, "round-robin", true, DEFAULT_CONTEXT_LATENCY_PS), 4, 0, 0,
                16, 64, 16, 2 * SimTime.US, PipelineConfig.defaults(),
                new CacheConfig(32, 0, "round-robin", false, DEFAULT_MICRO_TLB_LATENCY_PS));
    }

    /** Every cache disabled (cold walks only), other values unchanged. */
    public TimedIommuConfig withCachesOff() {
        return new TimedIommuConfig(iotlb.withEnabled(false), pwc.withEnabled(false), pwcLevels.withEnabled(false),
                nestedTlb.withEnabled(false), contextCache.withEnabled(false), contextWalkReads, contextIpaReads, contextFirstStageReads, walkers, maxInFlight,
                maxInFlightPerDevice, lazyFillPs, pipeline, tbuMicroTlb.withEnabled(false));
    }

    /** Other IOTLB, shared walk-cache and nested-TLB configurations; the per-level overrides are kept. */
    public TimedIommuConfig withCaches(CacheConfig newIotlb, CacheConfig newPwc, CacheConfig newNestedTlb) {
        return new TimedIommuConfig(newIotlb, newPwc, pwcLevels, newNestedTlb, contextCache, contextWalkReads, contextIpaReads, contextFirstStageReads, walkers,
                maxInFlight, maxInFlightPerDevice, lazyFillPs, pipeline, tbuMicroTlb);
    }

    public TimedIommuConfig withWalkers(int n) {
        return new TimedIommuConfig(iotlb, pwc, pwcLevels, nestedTlb, contextCache, contextWalkReads, contextIpaReads, contextFirstStageReads, n, maxInFlight,
                maxInFlightPerDevice, lazyFillPs, pipeline, tbuMicroTlb);
    }

    public TimedIommuConfig withInFlight(int perIommu, int perDevice) {
        return new TimedIommuConfig(iotlb, pwc, pwcLevels, nestedTlb, contextCache, contextWalkReads, contextIpaReads, contextFirstStageReads, walkers, perIommu,
                perDevice, lazyFillPs, pipeline, tbuMicroTlb);
    }

    /** This configuration with another context/PASID cache. */
    public TimedIommuConfig withContextCache(CacheConfig cache, int walkReads) {
        return withContextCache(cache, walkReads, Math.min(contextIpaReads, walkReads));
    }

    /**
     * This configuration with another context/PASID cache, {@code walkReads} reads per miss, the
     * last {@code ipaReads} of them addressed by IPA/GPA under hardware nesting.
     */
    public TimedIommuConfig withContextCache(CacheConfig cache, int walkReads, int ipaReads) {
        return new TimedIommuConfig(iotlb, pwc, pwcLevels, nestedTlb, cache, walkReads, ipaReads, contextFirstStageReads, walkers, maxInFlight,
                maxInFlightPerDevice, lazyFillPs, pipeline, tbuMicroTlb);
    }

    /**
     * This configuration with {@code reads} more context reads on a miss of an attachment that
     * uses a first-stage table (AMD-Vi: the GCR3 table, read for a PASID or a guest (v2) table only).
     */
    public TimedIommuConfig withFirstStageContextReads(int reads) {
        return new TimedIommuConfig(iotlb, pwc, pwcLevels, nestedTlb, contextCache, contextWalkReads, contextIpaReads, reads,
                walkers, maxInFlight, maxInFlightPerDevice, lazyFillPs, pipeline, tbuMicroTlb);
    }

    /** This configuration with walk-cache instance ({@code stage}, {@code level}) configured as {@code cache}. */
    public TimedIommuConfig withPwc(int stage, int level, CacheConfig cache) {
        return new TimedIommuConfig(iotlb, pwc, pwcLevels.with(stage, level, cache), nestedTlb, contextCache,
                contextWalkReads, contextIpaReads, contextFirstStageReads, walkers, maxInFlight, maxInFlightPerDevice, lazyFillPs, pipeline, tbuMicroTlb);
    }

    /** This configuration with another translation pipeline (ordering, miss slots, walker occupancy). */
    public TimedIommuConfig withPipeline(PipelineConfig p) {
        return new TimedIommuConfig(iotlb, pwc, pwcLevels, nestedTlb, contextCache, contextWalkReads, contextIpaReads, contextFirstStageReads, walkers,
                maxInFlight, maxInFlightPerDevice, lazyFillPs, p, tbuMicroTlb);
    }

    /** This configuration with another TBU micro-TLB (per device; disabled = no TBU stage). */
    public TimedIommuConfig withMicroTlb(CacheConfig microTlb) {
        return new TimedIommuConfig(iotlb, pwc, pwcLevels, nestedTlb, contextCache, contextWalkReads, contextIpaReads, contextFirstStageReads, walkers,
                maxInFlight, maxInFlightPerDevice, lazyFillPs, pipeline, microTlb);
    }

    /** The configuration of the walk-cache instance of {@code stage} and {@code level}. */
    public CacheConfig pwc(int stage, int level) {
        return pwcLevels.resolve(pwc, stage, level);
    }
}

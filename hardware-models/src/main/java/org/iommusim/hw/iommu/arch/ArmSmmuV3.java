package org.iommusim.hw.iommu.arch;

import java.util.List;
import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.fault.FaultFormats;
import org.iommusim.hw.iommu.inval.QueueFormats;
import org.iommusim.hw.memtiming.MemoryConfig;

/**
 * The {@code arm-smmuv3} preset: an Arm SMMUv3 built like Arm's MMU-600/700 — translation
 * buffer units (TBUs) next to the devices in front of one shared translation control unit (TCU)
 * that walks the tables. Values (docs/CALIBRATION.md, "Architecture presets"):
 * <ul>
 *   <li>TBU micro-TLB: 32 entries per device, fully associative, round-robin, 1 ns (gem5
 *       {@code utlb_entries}, {@code utlb_assoc = 0}, {@code utlb_lat}; 32 is also the TBU
 *       {@code UTLB} of a public MMU-600 integration, within MMU-700's 4–64).</li>
 *   <li>IOTLB: 2048 entries, 4-way, round-robin, 3 ns (gem5 SMMUv3 main TLB).</li>
 *   <li>Walk caches: 256 entries per stage × level instance, 4-way (an MMU-600 integration,
 *       Intel Agilex 5 HPS TRM: S1L0–3 and S2L0–3 256 entries each); round-robin stands in for
 *       MMU-700's RRIP (not modelled).</li>
 *   <li>Configuration cache (STE/CD): 256 entries (same Agilex 5 MMU-600), 4-way (assumption);
 *       a miss reads 3 structures: level-1 stream-table descriptor, STE, CD (Linux's 2-level
 *       stream table and linear CD table); under nesting the CD is addressed by IPA (STE
 *       S1ContextPtr, IHI 0070 §5.2), so a nested child's miss translates it through stage 2
 *       first ({@code contextIpaReads} = 1).</li>
 *   <li>IPA cache (nested TLB): 128 entries 4-way (gem5 ipa_entries).</li>
 *   <li>16 walkers (gem5 ptw_slots), 64 translations in flight (TCUCFG_XLATE_SLOTS in the
 *       Agilex 5 MMU-600, gem5 xlate_slots), 16 per device (gem5 TBU xlate_slots).</li>
 *   <li>Page-table memory: 80 ns (the generic assumption; no Arm figure).</li>
 * </ul>
 * Does not model: the TBU's own main TLB per device (one shared IOTLB stands for it), DTI
 * message latency, stall mode.
 */
final class ArmSmmuV3 {
    /**
     * 20-bit substream IDs (IDR1.SSIDSIZE at most 20); nesting (STE.Config = S1+S2); ATS and PRI;
     * with the 4 KiB granule, 4 KiB pages and 2 MiB / 1 GiB blocks, 3 or 4 levels at either stage
     * for 39- to 48-bit inputs (5 levels need FEAT_LPA2's 52-bit addresses, not assumed).
     */
    static final Capabilities CAPABILITIES = new Capabilities(20, true, true, true, Capabilities.PAGES_WITH_64K,
            List.of(3, 4), List.of(3, 4),
            "SMMUv3 with the 4 KiB granule walks 3 or 4 levels per stage (48-bit inputs; no LPA2)");

    static final ArchPreset PRESET = new ArchPreset("arm-smmuv3",
            "Arm SMMUv3 (MMU-600/700 shape): shared TCU, 2-level stream table, linear CD table", iommu(),
            MemoryConfig.defaults(), CAPABILITIES,
            QueueFormats.ARM_SMMUV3, FaultFormats.ARM_SMMUV3);

    private ArmSmmuV3() {
    }

    private static TimedIommuConfig iommu() {
        TimedIommuConfig g = TimedIommuConfig.defaults();
        CacheConfig walkCache = new CacheConfig(256, 4, "round-robin", true, TimedIommuConfig.DEFAULT_PWC_LATENCY_PS);
        CacheConfig configCache = new CacheConfig(256, 4, "round-robin", true,
                TimedIommuConfig.DEFAULT_CONTEXT_LATENCY_PS);
        CacheConfig microTlb = new CacheConfig(32, 0, "round-robin", true, TimedIommuConfig.DEFAULT_MICRO_TLB_LATENCY_PS);
        return g.withCaches(g.iotlb(), walkCache, g.nestedTlb()).withContextCache(configCache, 3, 1)
                .withMicroTlb(microTlb);
    }
}

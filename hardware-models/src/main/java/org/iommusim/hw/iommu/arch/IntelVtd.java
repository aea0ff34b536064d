package org.iommusim.hw.iommu.arch;

import java.util.List;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.hw.iommu.PipelineConfig;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.fault.FaultFormats;
import org.iommusim.hw.iommu.inval.QueueFormats;
import org.iommusim.hw.memtiming.MemoryConfig;

/**
 * The {@code intel-vtd} preset: Intel VT-d in scalable mode, with the data path calibrated on
 * pcie-bench's Broadwell measurements (Neugebauer et al., SIGCOMM 2018; docs/CALIBRATION.md,
 * "pcie-bench reproduction"):
 * <ul>
 *   <li>IOTLB 128 entries, 8 ways, LRU, hashed set index (the Broadwell calibration: the reach
 *       pcie-bench measures and the gradual loss of a hashed index).</li>
 *   <li>Translations of a device leave in order; an IOTLB miss holds its device's request stream
 *       33.8 ns (Broadwell's VT-d: the 64 MiB throughput point less the NIC's own 18.2 ns per
 *       request, which is the device's, not the preset's), with no pending-miss slot limit (the
 *       walkers bound the misses); page-table reads take 270 ns (calibrated on the +280 ns
 *       miss).</li>
 *   <li>A context/PASID-cache miss reads 4 structures: root entry → scalable-mode context entry
 *       → PASID directory entry → PASID table entry (VT-d spec §9.2, §9.4–9.6).</li>
 *   <li>Paging-structure caches, nested TLB, context-cache size, walkers and in-flight bounds:
 *       Intel publishes no sizes; the generic (gem5) values are kept as an assumption.</li>
 * </ul>
 * What it does not model: the legacy (non-scalable) format, the separate PASID cache (one
 * context/PASID cache stands for both), interrupt remapping.
 */
final class IntelVtd {
    /** IOTLB of the Broadwell calibration. */
    static final CacheConfig IOTLB = new CacheConfig(128, 8, "lru", true, TimedIommuConfig.DEFAULT_IOTLB_LATENCY_PS,
            "hash");
    /** The time an IOTLB miss holds its device's request stream: Broadwell's, 52.0 - 18.2 ns. */
    static final long MISS_OCCUPANCY_PS = 33_800;
    /** Root, context, PASID-directory and PASID-table entries. */
    static final int CONTEXT_WALK_READS = 4;

    /**
     * 20-bit PASIDs (PCIe; VT-d ECAP PSS up to 19 = 20 bits); nested translation (PGTT = 011b);
     * ATS and page requests (ECAP DT, PRS); 4 KiB, 2 MiB and 1 GiB pages (SLLPS, FL1GP); first-stage
     * tables use IA-32e paging, 4 or 5 levels (FL5LP), second-stage 3, 4 or 5 levels (SAGAW).
     */
    static final Capabilities CAPABILITIES = new Capabilities(20, true, true, true, Capabilities.X86_PAGES,
            List.of(4, 5), List.of(3, 4, 5),
            "VT-d: first-stage tables are 4- or 5-level (IA-32e paging, spec §3.6), second-stage 3..5 levels (SAGAW)");

    static final ArchPreset PRESET = new ArchPreset("intel-vtd",
            "Intel VT-d, scalable mode; data path calibrated on pcie-bench's Broadwell measurements", iommu(),
            MemoryConfig.fixed(270 * SimTime.NS), CAPABILITIES,
            QueueFormats.INTEL_VTD, FaultFormats.INTEL_VTD);

    private IntelVtd() {
    }

    private static TimedIommuConfig iommu() {
        TimedIommuConfig g = TimedIommuConfig.defaults();
        return g.withCaches(IOTLB, g.pwc(), g.nestedTlb())
                .withContextCache(g.contextCache(), CONTEXT_WALK_READS)
                .withPipeline(new PipelineConfig(true, 0, 0, 0, 0, true, MISS_OCCUPANCY_PS));
    }
}

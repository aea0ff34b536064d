package org.iommusim.hw.iommu.arch;

import java.util.List;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.fault.FaultFormats;
import org.iommusim.hw.iommu.inval.QueueFormats;
import org.iommusim.hw.memtiming.MemoryConfig;

/**
 * The {@code amd-vi} preset: the AMD I/O Virtualization Technology IOMMU (spec 48882) as Linux
 * drives it. A device-table miss reads one 32-byte device-table entry (one cache line; Linux
 * {@code DEV_TABLE_ENTRY_SIZE 32}); an attachment with a first-stage (v2) table — a PASID, or a
 * hardware-nested guest table — then reads its GCR3-table entry: one read, a one-level table
 * (GLX 0; Linux {@code get_gcr3_levels} gives one level up to 512 PASIDs). Under hardware
 * nesting the GCR3 table root pointer is the guest's GPA (Linux {@code amd/nested.c} takes it
 * from the guest DTE), so that read is translated through the host (v1) table first, as an
 * SMMUv3 CD fetch ({@code contextIpaReads} = 1). Requests without PASID to a host table need no
 * GCR3 read. AMD publishes no
 * sizes of its IOTLB, page-directory cache or device-table cache: the generic (gem5) values are
 * kept as an assumption, and so are the walkers, in-flight bounds and the 80 ns memory.
 * Does not model: two-level GCR3 tables (GLX 1, more than 512 PASIDs: one more read), guest
 * virtual APIC, interrupt remapping.
 */
final class AmdVi {
    /** One device-table entry. */
    static final int DEVICE_TABLE_READS = 1;
    /** One GCR3-table entry (a one-level table) for attachments with a first-stage table. */
    static final int GCR3_READS = 1;

    /**
     * 16-bit PASIDs (Linux: the hardware implements up to 16 bits, {@code PASID_MASK 0xffff});
     * nesting (a v2 guest table over the v1 host table); ATS (IOTLB) and PPR; 4 KiB, 2 MiB and
     * 1 GiB pages (among the power-of-two sizes the v1 format allows); v2 (guest) tables are 4- or
     * 5-level x86-64 tables, v1 (host) tables 1..6 levels (the model walks 3..5).
     */
    static final Capabilities CAPABILITIES = new Capabilities(16, true, true, true, Capabilities.PAGES_WITH_64K,
            List.of(4, 5), List.of(3, 4, 5),
            "AMD-Vi: 16-bit PASIDs; guest (v2) tables are 4- or 5-level x86-64 tables");

    static final ArchPreset PRESET = new ArchPreset("amd-vi",
            "AMD-Vi (spec 48882): device table entry per miss; cache sizes unpublished (generic values)", iommu(),
            MemoryConfig.defaults(), CAPABILITIES,
            QueueFormats.AMD_VI, FaultFormats.AMD_VI);

    private AmdVi() {
    }

    private static TimedIommuConfig iommu() {
        TimedIommuConfig g = TimedIommuConfig.defaults();
        return g.withContextCache(g.contextCache(), DEVICE_TABLE_READS, 0).withFirstStageContextReads(GCR3_READS)
                .withContextCache(g.contextCache(), DEVICE_TABLE_READS, 1);
    }
}

package org.iommusim.hw.iommu.inval;

/**
 * What an invalidation-queue descriptor does to the caches — its <em>effect</em> — with the
 * stable names used in statistics ({@code invq.descriptors.<kind>}) and the processing-time
 * category it is charged ({@link InvQueueConfig#processingPs}). The architecture's own command
 * (VT-d descriptor type, SMMUv3 opcode, AMD command) is an {@link InvCommand}; the driver of a
 * {@link QueueFormats format} picks both. The first six kinds are those of the original
 * generic queue; {@link #CONTEXT}, {@link #NESTED_RANGE}, {@link #VMID_STAGE1} and
 * {@link #VMID_ALL} are the scopes the three architectures add.
 */
public enum InvKind {
    /** Page-selective: 2^k aligned pages of one domain (and PASID, or every PASID). */
    IOTLB_RANGE("iotlb-range"),
    /** Every entry of one PASID in one domain. */
    PASID("pasid"),
    /** Every entry of one domain. */
    DOMAIN("domain"),
    /** Every entry. */
    GLOBAL("global"),
    /**
     * A device's ATS translation cache (a round trip to the device), 2^k aligned pages, or
     * (pages = 0) every page of one PASID.
     */
    DEVICE_ATC("device-atc"),
    /** Invalidation wait (VT-d) / CMD_SYNC (SMMUv3): completes when everything before it has. */
    WAIT("wait"),
    /**
     * Context/PASID-cache entries of one domain (one PASID, or every PASID): VT-d context-cache
     * and PASID-cache invalidation, SMMUv3 CFGI_STE / CFGI_CD, AMD INVALIDATE_DEVTAB_ENTRY.
     */
    CONTEXT("context"),
    /**
     * A stage-2 input range given against a hardware-nested child's tag (VT-d page-selective
     * IOTLB invalidation on the nested DID, AMD INVALIDATE_IOMMU_PAGES on the nested host
     * DomainID): every stage-1/nested entry of the child (the hardware cannot find combined
     * entries by GPA), and the parent's stage-2 walk-cache (unless leaf-only) and nested-TLB
     * entries in the range. Stage-2 entries outside the range and context entries survive.
     * With no range (0 pages: VT-d domain-selective, AMD all pages, on the nested tag) every
     * stage-2 entry cached for the child goes as well.
     */
    NESTED_RANGE("nested-range"),
    /** Every stage-1 and nested entry of the children of one stage-2 domain (SMMUv3 TLBI_NH_ALL by VMID). */
    VMID_STAGE1("vmid-stage1"),
    /** Everything of one stage-2 domain and of its children (SMMUv3 TLBI_S12_VMALL). */
    VMID_ALL("vmid-all");

    private final String statName;

    InvKind(String statName) {
        this.statName = statName;
    }

    /**
     * The stable name: {@code iotlb-range}, {@code pasid}, {@code domain}, {@code global},
     * {@code device-atc}, {@code wait}, {@code context}, {@code nested-range},
     * {@code vmid-stage1}, {@code vmid-all}.
     */
    public String statName() {
        return statName;
    }
}

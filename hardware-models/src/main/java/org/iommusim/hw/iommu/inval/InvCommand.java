package org.iommusim.hw.iommu.inval;

/**
 * The invalidation commands of the three architectures, as their queues carry them, with the
 * stable statistic names ({@code invq.cmd.<name>}) and the architectural type code or opcode.
 * What a command does to the caches is the {@link InvKind} its driver gives it (the same
 * command can have different scopes, e.g. a VT-d page-selective IOTLB invalidation of a
 * second-stage domain versus of a nested DID).
 *
 * <p>Sources (docs/CALIBRATION.md, "Command and invalidation queues"): VT-d specification
 * §6.5.2 and Linux {@code include/.../intel/iommu.h} {@code QI_*_TYPE}; SMMUv3 (IHI0070) §4
 * and Linux {@code arm-smmu-v3.h} {@code CMDQ_OP_*}; AMD IOMMU specification (48882) §2.4 and
 * Linux {@code amd_iommu_types.h} {@code CMD_*}. Does not list commands no invalidation path
 * uses (VT-d interrupt-entry cache, SMMUv3 PREFETCH_CFG/RESUME, AMD interrupt table).
 */
public enum InvCommand {
    /** VT-d IOTLB invalidate (type 0x2), global granularity. */
    VTD_IOTLB_GLOBAL(QueueFormats.INTEL_VTD, "iotlb-global", 0x2),
    /** VT-d IOTLB invalidate (type 0x2), domain-selective (DID). */
    VTD_IOTLB_DSI(QueueFormats.INTEL_VTD, "iotlb-dsi", 0x2),
    /** VT-d IOTLB invalidate (type 0x2), page-selective within domain: ADDR, AM, IH. */
    VTD_IOTLB_PSI(QueueFormats.INTEL_VTD, "iotlb-psi", 0x2),
    /** VT-d PASID-based IOTLB invalidate (type 0x6), PASID-selective. */
    VTD_PIOTLB_PASID(QueueFormats.INTEL_VTD, "piotlb-pasid", 0x6),
    /** VT-d PASID-based IOTLB invalidate (type 0x6), page-selective within PASID: ADDR, AM, IH. */
    VTD_PIOTLB_PSI(QueueFormats.INTEL_VTD, "piotlb-psi", 0x6),
    /** VT-d device-TLB invalidate (type 0x3): SID, ADDR with the S (size) bit. */
    VTD_DEVTLB(QueueFormats.INTEL_VTD, "devtlb", 0x3),
    /** VT-d PASID-based device-TLB invalidate (type 0x8). */
    VTD_PASID_DEVTLB(QueueFormats.INTEL_VTD, "pasid-devtlb", 0x8),
    /** VT-d context-cache invalidate (type 0x1). */
    VTD_CONTEXT_CACHE(QueueFormats.INTEL_VTD, "context-cache", 0x1),
    /** VT-d PASID-cache invalidate (type 0x7). */
    VTD_PASID_CACHE(QueueFormats.INTEL_VTD, "pasid-cache", 0x7),
    /** VT-d invalidation wait (type 0x5) with a status write. */
    VTD_INV_WAIT(QueueFormats.INTEL_VTD, "inv-wait", 0x5),

    /** SMMUv3 TLBI_NH_VA (0x12): stage-1 by ASID and VA; with RIL a range NUM × 2^SCALE. */
    SMMU_TLBI_NH_VA(QueueFormats.ARM_SMMUV3, "tlbi-nh-va", 0x12),
    /** SMMUv3 TLBI_NH_ASID (0x11): every stage-1 entry of an ASID. */
    SMMU_TLBI_NH_ASID(QueueFormats.ARM_SMMUV3, "tlbi-nh-asid", 0x11),
    /** SMMUv3 TLBI_NH_ALL (0x10): every stage-1 entry of a VMID. */
    SMMU_TLBI_NH_ALL(QueueFormats.ARM_SMMUV3, "tlbi-nh-all", 0x10),
    /** SMMUv3 TLBI_S2_IPA (0x2a): stage-2 entries of a VMID by IPA (range with RIL). */
    SMMU_TLBI_S2_IPA(QueueFormats.ARM_SMMUV3, "tlbi-s2-ipa", 0x2a),
    /** SMMUv3 TLBI_S12_VMALL (0x28): every stage-1 and stage-2 entry of a VMID. */
    SMMU_TLBI_S12_VMALL(QueueFormats.ARM_SMMUV3, "tlbi-s12-vmall", 0x28),
    /** SMMUv3 TLBI_NSNH_ALL (0x30): every non-secure, non-hypervisor entry. */
    SMMU_TLBI_NSNH_ALL(QueueFormats.ARM_SMMUV3, "tlbi-nsnh-all", 0x30),
    /** SMMUv3 ATC_INV (0x40): a device ATC, by SID, SSID and an aligned span. */
    SMMU_ATC_INV(QueueFormats.ARM_SMMUV3, "atc-inv", 0x40),
    /** SMMUv3 CFGI_STE (0x03): the cached stream table entry of a SID. */
    SMMU_CFGI_STE(QueueFormats.ARM_SMMUV3, "cfgi-ste", 0x03),
    /** SMMUv3 CFGI_CD (0x05): the cached context descriptor of a SID and SSID. */
    SMMU_CFGI_CD(QueueFormats.ARM_SMMUV3, "cfgi-cd", 0x05),
    /** SMMUv3 CMD_SYNC (0x46): completes when every command before it has. */
    SMMU_CMD_SYNC(QueueFormats.ARM_SMMUV3, "cmd-sync", 0x46),

    /** AMD INVALIDATE_IOMMU_PAGES (0x03): DomainID, address with S (size), PDE, GN (+PASID). */
    AMD_INVALIDATE_IOMMU_PAGES(QueueFormats.AMD_VI, "invalidate-iommu-pages", 0x03),
    /** AMD INVALIDATE_IOTLB_PAGES (0x04): a device's ATS TLB, address with S. */
    AMD_INVALIDATE_IOTLB_PAGES(QueueFormats.AMD_VI, "invalidate-iotlb-pages", 0x04),
    /** AMD INVALIDATE_DEVTAB_ENTRY (0x02): the cached device table entry of a DeviceID. */
    AMD_INVALIDATE_DEVTAB_ENTRY(QueueFormats.AMD_VI, "invalidate-devtab-entry", 0x02),
    /** AMD INVALIDATE_IOMMU_ALL (0x08): every cached translation and table entry. */
    AMD_INVALIDATE_IOMMU_ALL(QueueFormats.AMD_VI, "invalidate-iommu-all", 0x08),
    /** AMD COMPLETION_WAIT (0x01) with a store to a semaphore. */
    AMD_COMPLETION_WAIT(QueueFormats.AMD_VI, "completion-wait", 0x01);

    private final QueueFormats format;
    private final String statName;
    private final int code;

    InvCommand(QueueFormats format, String statName, int code) {
        this.format = format;
        this.statName = statName;
        this.code = code;
    }

    /** The architecture whose queue carries this command. */
    public QueueFormats format() {
        return format;
    }

    /** The stable name in statistics: {@code invq.cmd.<name>}. */
    public String statName() {
        return statName;
    }

    /** The architectural descriptor type (VT-d) or opcode (SMMUv3, AMD). */
    public int code() {
        return code;
    }
}

package org.iommusim.hw.iommu.inval;

/**
 * What the driver submits when a stage-2 (parent) table changes under hardware-nested children
 * ({@code iommu.invalidationQueue.stage2Flush}). The default is the choice of each
 * architecture's Linux driver.
 */
public enum Stage2Flush {
    /**
     * The range the hardware offers (Linux's choice): VT-d page-selective IOTLB invalidation
     * within each nested DID; SMMUv3 TLBI_S2_IPA for the range, then one TLBI_NH_ALL for the
     * VMID; AMD INVALIDATE_IOMMU_PAGES for the range on each nested host DomainID.
     */
    RANGE,
    /**
     * The whole domain: VT-d domain-selective IOTLB invalidation of each nested DID; SMMUv3 one
     * TLBI_S12_VMALL for the VMID; AMD INVALIDATE_IOMMU_PAGES of all pages of each nested DomainID.
     */
    DOMAIN
}

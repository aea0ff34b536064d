package org.iommusim.hw.iommu.inval;

/**
 * Kinds of invalidation-queue descriptor, with the stable names used in statistics and
 * configuration. They mirror VT-d's IOTLB / PASID-based IOTLB / device-TLB invalidate and
 * invalidation-wait descriptors (SMMUv3 has the same set as TLBI_* / ATC_INV / CMD_SYNC).
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
    WAIT("wait");

    private final String statName;

    InvKind(String statName) {
        this.statName = statName;
    }

    /**
     * The stable name: {@code iotlb-range}, {@code pasid}, {@code domain}, {@code global},
     * {@code device-atc}, {@code wait}.
     */
    public String statName() {
        return statName;
    }
}

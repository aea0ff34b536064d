package org.iommusim.hw.iommu.fault;

/**
 * The registry of fault and page-request queue formats, one record per architecture — the
 * defaults the architecture presets take for {@code iommu.faultQueue} and {@code iommu.pri}.
 * Faults and page requests are separate queues on all three: VT-d fault recording registers
 * and the page request queue; the SMMUv3 event queue and PRI queue; the AMD event log and PPR
 * log. On each, a page request that finds its queue full is answered by the hardware with a
 * successful page-group response (so the device retries: ATS translation, then PRI again) and
 * a fault that finds its queue full is lost and flagged as an overflow. Sources in
 * docs/CALIBRATION.md ("Fault and page-request queues").
 */
public enum FaultFormats {
    /**
     * VT-d: fault recording registers, NFR + 1 of them: 8 on a server part (the public Xeon
     * E7-2800/4800/8800 v2 datasheet, vol. 2 §14.7.27, lists VTD0_FLTREC[0:7]; client parts
     * report NFR = 0, one register); page request queue of 2048 × 32 B descriptors (Linux
     * {@code PRQ_ORDER 4}), of which hardware fills at most N − 1 (spec §7.4.1).
     */
    INTEL_VTD(8, 2047, 32, 2048, "VT-d spec §7.4.1 (PRQ full -> auto Success for LPIG=1); CAP_REG.NFR: 8 fault recording"
            + " registers on a server IIO (Xeon E7 v2 datasheet vol. 2 §14.7.27); Linux PRQ_ORDER 4;"
            + " pci_enable_pri(pdev, PRQ_DEPTH)"),
    /**
     * SMMUv3: event queue of 32 B records and PRI queue of 16 B records, sized by Linux
     * min(IDR1.EVTQS / PRIQS, queue memory capped at 1 MiB): 2^15 and 2^16 entries.
     */
    ARM_SMMUV3(1 << 15, 1 << 16, 16, 16, "SMMUv3 spec §8.1 (PRI queue overflow: automatic PRG response Success for Last=1);"
            + " Linux EVTQ_ENT_SZ_SHIFT 5, PRIQ_ENT_SZ_SHIFT 4, Q_MAX_SZ_SHIFT; max_inflight_pprs 16 of the"
            + " arm-smmu-v3 PRI patches (not in mainline)"),
    /**
     * AMD-Vi: event log and PPR log of 512 × 16 B each (Linux); on PPR-log overflow the hardware
     * stops logging; with PPR auto-response (PprAutoRspSup) it answers the request.
     */
    AMD_VI(512, 512, 16, 32, "Linux amd_iommu_types.h EVT_BUFFER_SIZE 8192, PPR_LOG_ENTRIES 512; AMD 48882 PPR"
            + " auto-response; pci_enable_pri(pdev, 32)");

    private final int faultRecords;
    private final int pageRequests;
    private final int pageRequestBytes;
    private final int outstandingRequests;
    private final String source;

    FaultFormats(int faultRecords, int pageRequests, int pageRequestBytes, int outstandingRequests, String source) {
        this.outstandingRequests = outstandingRequests;
        this.faultRecords = faultRecords;
        this.pageRequests = pageRequests;
        this.pageRequestBytes = pageRequestBytes;
        this.source = source;
    }

    /** Fault records the hardware holds before it overflows. */
    public int faultRecords() {
        return faultRecords;
    }

    /** Page requests the hardware queue holds before it auto-responds. */
    /** The outstanding page requests the architecture's Linux driver allocates to each PRI device. */
    public int outstandingRequests() {
        return outstandingRequests;
    }

    public int pageRequests() {
        return pageRequests;
    }

    /** Bytes per page-request entry. */
    public int pageRequestBytes() {
        return pageRequestBytes;
    }

    public String source() {
        return source;
    }
}

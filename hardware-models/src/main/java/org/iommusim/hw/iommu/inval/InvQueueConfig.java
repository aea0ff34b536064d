package org.iommusim.hw.iommu.inval;

import org.iommusim.core.kernel.SimTime;

/**
 * The invalidation queue: its architecture's format ({@link QueueFormats}: commands and what
 * the driver submits), its depth, the IOMMU's processing time per descriptor effect
 * ({@link InvKind}), the widest page range one descriptor may cover, and the flush a stage-2
 * change under hardware nesting gets ({@link Stage2Flush}).
 *
 * <p>Defaults and their provenance:
 * <ul>
 *   <li>{@code format} = Intel VT-d (the calibration data is Intel's); {@code stage2Flush} =
 *       {@link Stage2Flush#RANGE}, the choice of all three Linux drivers.</li>
 *   <li>{@code depth} = 256 descriptors: Linux {@code QI_LENGTH} (the VT-d record of
 *       {@link QueueFormats}; SMMUv3 and AMD have their own there).</li>
 *   <li>{@code maxRangePages} = 2^18 pages: DESIGN.md §3 (VT-d; the hardware reports its
 *       largest address mask in the MAMV capability field).</li>
 *   <li>Processing times: no vendor publishes per-descriptor costs. Published analyses of
 *       Linux's strict unmap mode (e.g. Peleg et al., USENIX ATC 2015; Malka et al., ASPLOS
 *       2015) find the synchronous invalidation a dominant per-unmap cost, of the order of a
 *       microsecond. The split below is an <em>assumption</em> of that order: 200 ns per
 *       page-range descriptor, 300 ns for a PASID- or domain-wide one, 500 ns global, 1 µs for
 *       a device-ATC invalidation (a PCIe round trip to the device and its completion
 *       message), 50 ns for a wait descriptor (a status write), 300 ns for a context/PASID-cache
 *       (STE/CD, DTE) invalidation (a scan like a domain-wide one). A nested-range effect costs
 *       a range's time, a VMID-wide one a domain's. Calibrate per platform.</li>
 *   <li>{@code rangeInvalidation} = true: the SMMU implements range invalidation
 *       ({@code SMMU_IDR3.RIL}, SMMUv3.2: MMU-700 has it, the SMMUv3.1 MMU-600 does not), so
 *       Linux writes NUM × 2^SCALE range commands; false: one TLBI per 4 KiB page and, from
 *       {@code CMDQ_MAX_TLBI_OPS} = 512 pages on, one ASID/VMID-wide command
 *       ({@link SmmuV3Driver}). VT-d (address mask) and AMD-Vi (S bit) always encode a range,
 *       so only an SMMUv3 queue may turn it off.</li>
 * </ul>
 */
public record InvQueueConfig(QueueFormats format, int depth, long maxRangePages, long rangePs, long pasidPs,
        long domainPs, long globalPs, long deviceAtcPs, long waitPs, long contextPs, Stage2Flush stage2Flush,
        boolean rangeInvalidation) {

    public static final int DEFAULT_DEPTH = 256;
    public static final long DEFAULT_CONTEXT_PS = 300 * SimTime.NS;
    public static final long DEFAULT_MAX_RANGE_PAGES = 1L << 18;

    /** A VT-d queue with the default context-cache time and stage-2 flush. */
    public InvQueueConfig(int depth, long maxRangePages, long rangePs, long pasidPs, long domainPs, long globalPs,
                          long deviceAtcPs, long waitPs) {
        this(QueueFormats.INTEL_VTD, depth, maxRangePages, rangePs, pasidPs, domainPs, globalPs, deviceAtcPs, waitPs,
                DEFAULT_CONTEXT_PS, Stage2Flush.RANGE, true);
    }

    public InvQueueConfig {
        if (format == null || stage2Flush == null) {
            throw new IllegalArgumentException("invalidation queue needs a format and a stage-2 flush");
        }
        if (!rangeInvalidation && format != QueueFormats.ARM_SMMUV3) {
            throw new IllegalArgumentException("only an arm-smmuv3 queue may lack range invalidation (SMMU_IDR3.RIL);"
                    + " " + format.configName() + " always encodes a range");
        }
        if (depth < 1) {
            throw new IllegalArgumentException("invalidation queue depth must be >= 1 descriptor, got " + depth);
        }
        if (maxRangePages < 1 || Long.bitCount(maxRangePages) != 1) {
            throw new IllegalArgumentException("max pages per range descriptor must be a power of two >= 1, got "
                    + maxRangePages);
        }
        check("iotlb-range", rangePs);
        check("pasid", pasidPs);
        check("domain", domainPs);
        check("global", globalPs);
        check("device-atc", deviceAtcPs);
        check("wait", waitPs);
        check("context", contextPs);
    }

    private static void check(String kind, long ps) {
        if (ps < 0) {
            throw new IllegalArgumentException("processing time of a '" + kind + "' descriptor must be >= 0 ps, got "
                    + ps);
        }
    }

    public static InvQueueConfig defaults() {
        return new InvQueueConfig(DEFAULT_DEPTH, DEFAULT_MAX_RANGE_PAGES, 200 * SimTime.NS, 300 * SimTime.NS,
                300 * SimTime.NS, 500 * SimTime.NS, SimTime.US, 50 * SimTime.NS);
    }

    /** The defaults with {@code f}'s depth and range limit (the architecture's record). */
    public static InvQueueConfig defaults(QueueFormats f) {
        QueueFormat r = f.format();
        InvQueueConfig d = defaults();
        return new InvQueueConfig(f, r.linuxDepth(), r.maxRangePages(), d.rangePs, d.pasidPs, d.domainPs, d.globalPs,
                d.deviceAtcPs, d.waitPs, d.contextPs, d.stage2Flush, d.rangeInvalidation);
    }

    /** This configuration with another depth. */
    public InvQueueConfig withDepth(int d) {
        return new InvQueueConfig(format, d, maxRangePages, rangePs, pasidPs, domainPs, globalPs, deviceAtcPs, waitPs,
                contextPs, stage2Flush, rangeInvalidation);
    }

    /** This configuration with another range limit (a power of two of pages). */
    public InvQueueConfig withMaxRangePages(long pages) {
        return new InvQueueConfig(format, depth, pages, rangePs, pasidPs, domainPs, globalPs, deviceAtcPs, waitPs,
                contextPs, stage2Flush, rangeInvalidation);
    }

    /** This configuration with another stage-2 flush. */
    public InvQueueConfig withStage2Flush(Stage2Flush s) {
        return new InvQueueConfig(format, depth, maxRangePages, rangePs, pasidPs, domainPs, globalPs, deviceAtcPs,
                waitPs, contextPs, s, rangeInvalidation);
    }

    /** This configuration with range invalidation (SMMUv3 RIL) on or off. */
    public InvQueueConfig withRangeInvalidation(boolean ril) {
        return new InvQueueConfig(format, depth, maxRangePages, rangePs, pasidPs, domainPs, globalPs, deviceAtcPs,
                waitPs, contextPs, stage2Flush, ril);
    }

    /** The IOMMU's processing time of one descriptor of {@code kind}, ps. */
    public long processingPs(InvKind kind) {
        return switch (kind) {
            case IOTLB_RANGE, NESTED_RANGE -> rangePs;
            case PASID -> pasidPs;
            case DOMAIN, VMID_STAGE1, VMID_ALL -> domainPs;
            case CONTEXT -> contextPs;
            case GLOBAL -> globalPs;
            case DEVICE_ATC -> deviceAtcPs;
            case WAIT -> waitPs;
        };
    }
}

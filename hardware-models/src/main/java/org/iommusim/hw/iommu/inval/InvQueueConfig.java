package org.iommusim.hw.iommu.inval;

import org.iommusim.core.kernel.SimTime;

/**
 * The invalidation queue: its depth, the IOMMU's processing time per descriptor kind, and the
 * widest page range one descriptor may cover.
 *
 * <p>Defaults and their provenance:
 * <ul>
 *   <li>{@code depth} = 128 descriptors: DESIGN.md §3.</li>
 *   <li>{@code maxRangePages} = 2^18 pages: DESIGN.md §3 (VT-d; the hardware reports its
 *       largest address mask in the MAMV capability field).</li>
 *   <li>Processing times: no vendor publishes per-descriptor costs. Published analyses of
 *       Linux's strict unmap mode (e.g. Peleg et al., USENIX ATC 2015; Malka et al., ASPLOS
 *       2015) find the synchronous invalidation a dominant per-unmap cost, of the order of a
 *       microsecond. The split below is an <em>assumption</em> of that order: 200 ns per
 *       page-range descriptor, 300 ns for a PASID- or domain-wide one, 500 ns global, 1 µs for
 *       a device-ATC invalidation (a PCIe round trip to the device and its completion
 *       message), 50 ns for a wait descriptor (a status write). Calibrate per platform.</li>
 * </ul>
 */
public record InvQueueConfig(int depth, long maxRangePages, long rangePs, long pasidPs, long domainPs, long globalPs,
        long deviceAtcPs, long waitPs) {

    public static final int DEFAULT_DEPTH = 128;
    public static final long DEFAULT_MAX_RANGE_PAGES = 1L << 18;

    public InvQueueConfig {
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

    /** This configuration with another depth. */
    public InvQueueConfig withDepth(int d) {
        return new InvQueueConfig(d, maxRangePages, rangePs, pasidPs, domainPs, globalPs, deviceAtcPs, waitPs);
    }

    /** This configuration with another range limit (a power of two of pages). */
    public InvQueueConfig withMaxRangePages(long pages) {
        return new InvQueueConfig(depth, pages, rangePs, pasidPs, domainPs, globalPs, deviceAtcPs, waitPs);
    }

    /** The IOMMU's processing time of one descriptor of {@code kind}, ps. */
    public long processingPs(InvKind kind) {
        return switch (kind) {
            case IOTLB_RANGE -> rangePs;
            case PASID -> pasidPs;
            case DOMAIN -> domainPs;
            case GLOBAL -> globalPs;
            case DEVICE_ATC -> deviceAtcPs;
            case WAIT -> waitPs;
        };
    }
}

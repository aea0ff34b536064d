package org.iommusim.hw.iommu.fault;

import org.iommusim.core.kernel.SimTime;

/**
 * The page-request (PRI) path: {@code handlerLatencyPs} from a device's page request to the
 * page response that lets it retry; the page request queue holds {@code queueDepth} requests
 * (a request holds its entry until software answers its group); a group that does not fit gets the
 * hardware's automatic successful response after {@code autoResponsePs}, and the device retries.
 * Each PRI device may have at most {@code outstandingRequests} page requests outstanding (the
 * PRI capability's Outstanding Page Request Allocation the OS writes; {@link PageRequestGroups}).
 *
 * <p>{@code queueDepth} default 2047: VT-d's 2048-entry queue (Linux {@code PRQ_ORDER 4}) of
 * which hardware fills at most N − 1 ({@link FaultFormats} has the SMMUv3 and AMD values).
 * {@code autoResponsePs} default 1 µs, an <em>assumption</em>: one PCIe message to the device
 * and its processing, the order of a device-ATC round trip.
 *
 * <p>Default 10 µs, an <em>assumption</em>: the request travels through the page-request queue
 * and an interrupt to the OS, which resolves a page fault (often a minor fault, sometimes
 * allocation or I/O) and writes a page-group response; each step is of the order of a
 * microsecond or more, and a major fault far more. Calibrate per platform and workload.
 *
 * <p>{@code outstandingRequests} default 32: Linux's AMD driver ({@code pci_enable_pri(pdev, 32)},
 * "hardcode number of outstanding requests") and VT-d's before it moved to {@code PRQ_DEPTH}.
 */
public record PriConfig(long handlerLatencyPs, int queueDepth, long autoResponsePs, int outstandingRequests) {
    public static final long DEFAULT_HANDLER_LATENCY_PS = 10 * SimTime.US;
    public static final int DEFAULT_QUEUE_DEPTH = FaultFormats.INTEL_VTD.pageRequests();
    public static final long DEFAULT_AUTO_RESPONSE_PS = SimTime.US;
    public static final int DEFAULT_OUTSTANDING_REQUESTS = 32;

    /** The default outstanding-request allocation. */
    public PriConfig(long handlerLatencyPs, int queueDepth, long autoResponsePs) {
        this(handlerLatencyPs, queueDepth, autoResponsePs, DEFAULT_OUTSTANDING_REQUESTS);
    }

    /** An unbounded-enough VT-d queue with the default auto-response time. */
    public PriConfig(long handlerLatencyPs) {
        this(handlerLatencyPs, DEFAULT_QUEUE_DEPTH, DEFAULT_AUTO_RESPONSE_PS);
    }

    public PriConfig {
        if (handlerLatencyPs < 0) {
            throw new IllegalArgumentException("PRI handler latency must be >= 0 ps, got " + handlerLatencyPs);
        }
        if (queueDepth < 1) {
            throw new IllegalArgumentException("page request queue depth must be >= 1 request, got " + queueDepth);
        }
        if (autoResponsePs < 0) {
            throw new IllegalArgumentException("auto-response time must be >= 0 ps, got " + autoResponsePs);
        }
        if (outstandingRequests < 1) {
            throw new IllegalArgumentException("a PRI device's outstanding page request allocation must be >= 1, got "
                    + outstandingRequests);
        }
    }

    public static PriConfig defaults() {
        return new PriConfig(DEFAULT_HANDLER_LATENCY_PS);
    }

    /** This configuration with another queue depth. */
    public PriConfig withQueueDepth(int depth) {
        return new PriConfig(handlerLatencyPs, depth, autoResponsePs, outstandingRequests);
    }
}

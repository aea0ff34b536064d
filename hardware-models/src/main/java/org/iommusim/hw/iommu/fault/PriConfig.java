package org.iommusim.hw.iommu.fault;

import org.iommusim.core.kernel.SimTime;

/**
 * The page-request (PRI) path: {@code handlerLatencyPs} from a device's page request to the
 * page response that lets it retry; the page request queue holds {@code queueDepth} requests
 * (a request holds its entry until software answers it); a request that finds it full gets the
 * hardware's automatic successful response after {@code autoResponsePs}, and the device retries.
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
 */
public record PriConfig(long handlerLatencyPs, int queueDepth, long autoResponsePs) {
    public static final long DEFAULT_HANDLER_LATENCY_PS = 10 * SimTime.US;
    public static final int DEFAULT_QUEUE_DEPTH = FaultFormats.INTEL_VTD.pageRequests();
    public static final long DEFAULT_AUTO_RESPONSE_PS = SimTime.US;

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
    }

    public static PriConfig defaults() {
        return new PriConfig(DEFAULT_HANDLER_LATENCY_PS);
    }

    /** This configuration with another queue depth. */
    public PriConfig withQueueDepth(int depth) {
        return new PriConfig(handlerLatencyPs, depth, autoResponsePs);
    }
}

package org.iommusim.hw.iommu.fault;

import org.iommusim.core.kernel.SimTime;

/**
 * The page-request (PRI) path: {@code handlerLatencyPs} from a device's page request to the
 * page response that lets it retry.
 *
 * <p>Default 10 µs, an <em>assumption</em>: the request travels through the page-request queue
 * and an interrupt to the OS, which resolves a page fault (often a minor fault, sometimes
 * allocation or I/O) and writes a page-group response; each step is of the order of a
 * microsecond or more, and a major fault far more. Calibrate per platform and workload.
 */
public record PriConfig(long handlerLatencyPs) {
    public static final long DEFAULT_HANDLER_LATENCY_PS = 10 * SimTime.US;

    public PriConfig {
        if (handlerLatencyPs < 0) {
            throw new IllegalArgumentException("PRI handler latency must be >= 0 ps, got " + handlerLatencyPs);
        }
    }

    public static PriConfig defaults() {
        return new PriConfig(DEFAULT_HANDLER_LATENCY_PS);
    }
}

package org.iommusim.hw.iommu.fault;

import org.iommusim.core.kernel.SimTime;

/**
 * The fault queue and its software handler.
 *
 * <p>Defaults and their provenance:
 * <ul>
 *   <li>{@code capacity} = 128 records: DESIGN.md §3 (with an overflow counter).</li>
 *   <li>{@code handlerServicePs} = 2 µs per fault: an <em>assumption</em> for a Linux-style
 *       fault interrupt handler that reads one fault record over MMIO (uncached register reads
 *       of several hundred ns each), clears it and logs or forwards it. Calibrate per platform.</li>
 * </ul>
 */
public record FaultQueueConfig(int capacity, long handlerServicePs) {
    public static final int DEFAULT_CAPACITY = 128;
    public static final long DEFAULT_HANDLER_SERVICE_PS = 2 * SimTime.US;

    public FaultQueueConfig {
        if (capacity < 1) {
            throw new IllegalArgumentException("fault queue capacity must be >= 1 record, got " + capacity);
        }
        if (handlerServicePs < 0) {
            throw new IllegalArgumentException("fault handler service time must be >= 0 ps, got " + handlerServicePs);
        }
    }

    public static FaultQueueConfig defaults() {
        return new FaultQueueConfig(DEFAULT_CAPACITY, DEFAULT_HANDLER_SERVICE_PS);
    }
}

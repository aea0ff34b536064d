package org.iommusim.hw.iommu.datapath;

import org.iommusim.hw.pagetable.FaultReason;

/**
 * Told when a translation request is taken in and when it completes. Arguments are primitives (no result object per
 * request): the caller's {@code tag}, success, the host-physical address, or on a fault its
 * reason and stage (1 own table, 2 parent, 0 no attachment), and the latency from the request
 * to completion, admission wait included.
 */
@FunctionalInterface
public interface TranslationCallback {
    void translated(long tag, boolean ok, long hpa, FaultReason reason, int stage, long latencyPs);

    /**
     * The IOMMU has taken the request in, before {@link #translated}: admitted to an in-flight
     * slot, or answered by the device's ATC without one. A root port frees the TLP's receive
     * buffer (its flow-control credits) here. Default: nothing.
     */
    default void accepted(long tag) {
    }

    /**
     * The request missed the IOTLB: its device's request stream is held {@code ps} longer
     * ({@code iommu.pipeline.missOccupancy}) — the root port's in-order translation of the stream
     * stalls, so the device's next request TLP is not taken in meanwhile. Told at the lookup,
     * before {@link #translated}. Default: nothing (a requester without a request stream).
     */
    default void streamHeld(long ps) {
    }
}

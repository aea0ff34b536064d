package org.iommusim.hw.iommu.inval;

/** Told when a wait descriptor completes: every descriptor queued before it has taken effect. */
@FunctionalInterface
public interface WaitListener {
    /**
     * @param tag       the caller's tag given to {@link InvBatch#addWait}
     * @param latencyPs time from the submission of the wait's batch to now (blocking included)
     */
    void waitComplete(long tag, long latencyPs);
}

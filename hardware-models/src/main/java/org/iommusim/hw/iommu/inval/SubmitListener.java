package org.iommusim.hw.iommu.inval;

/**
 * Told when every descriptor of a submitted {@link InvBatch} has been accepted into the
 * invalidation queue — how a submitter "blocks" on a full queue without a thread. Called
 * synchronously from {@code submit} when the batch fits at once ({@code blockedPs == 0}),
 * otherwise later, from the descriptor completion that made the last room. The batch may be
 * cleared and reused from inside the call.
 */
@FunctionalInterface
public interface SubmitListener {
    void accepted(InvBatch batch, long blockedPs);
}

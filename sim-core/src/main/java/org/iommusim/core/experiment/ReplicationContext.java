package org.iommusim.core.experiment;

/**
 * What a model needs to know about the replication it is building: the master seed and the
 * replication index k. The model derives all its randomness from them, as
 * {@code new RandomStreams(masterSeed, index)} (substream k of every named stream), so
 * replication k is the same whichever thread runs it and whatever ran before.
 */
public record ReplicationContext(long masterSeed, int index) {
    public ReplicationContext {
        if (index < 0) {
            throw new IllegalArgumentException("replication index must be >= 0, got " + index);
        }
    }
}

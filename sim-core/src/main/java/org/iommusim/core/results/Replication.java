package org.iommusim.core.results;

import java.util.Objects;

/**
 * The results of one replication: its index k (0-based), the master seed its random streams
 * were derived from (replication k uses substream k of every stream, so {@code (seed, index)}
 * reproduces it) and the {@link Snapshot} taken at the end of the run.
 */
public record Replication(int index, long seed, Snapshot snapshot) {
    public Replication {
        if (index < 0) {
            throw new IllegalArgumentException("replication index must be >= 0, got " + index);
        }
        Objects.requireNonNull(snapshot, "snapshot");
    }
}

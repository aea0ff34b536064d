package org.iommusim.core.experiment;

import org.iommusim.core.results.Snapshot;

/**
 * Builds and runs one replication of a model: a fresh {@code Simulator}, random streams from
 * the context, warm-up and measurement, and returns the final statistics snapshot. Called once
 * per replication, possibly from several threads at once, so an implementation must share no
 * mutable state between calls (read-only configuration is fine).
 */
@FunctionalInterface
public interface ModelFactory {
    Snapshot run(ReplicationContext context) throws Exception;
}

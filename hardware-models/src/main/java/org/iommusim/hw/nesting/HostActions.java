package org.iommusim.hw.nesting;

import org.iommusim.hw.shadow.ChangeSet;
import org.iommusim.hw.shadow.SyncWork;

/**
 * What a nesting hook asks the host (the IOASID control plane) to do for the operation in
 * progress; the host knows the operation, so it records each request with the right cause.
 */
public interface HostActions {
    /** Every cached translation of the IOASID must go. */
    void invalidateAll();

    /** Cached translations of {@code [start, end)} must go; tables up to {@code freedLevel} were freed (0: none). */
    void invalidateRange(long start, long end, int freedLevel);

    /** The user's own invalidation goes to the IOMMU caches as it is (hardware walks the user's table). */
    void passThrough();

    /** The IOASID's shadow was synchronised: record the work, invalidate what went, tell the children. */
    void shadowSynced(SyncWork work, ChangeSet changes);

    /** The IOASID's translation changed as {@code changes} says: tell the children. */
    void propagate(ChangeSet changes);
}

package org.iommusim.hw.cache;

/**
 * Told about every valid entry that leaves a {@link SetAssociativeCache}, by eviction or by
 * invalidation (for bookkeeping such as per-page-size counts or stale-entry tracking). It runs
 * inside the cache operation and must not modify the cache.
 */
@FunctionalInterface
public interface RemovalListener {
    /** {@code evicted} is true for a replacement victim, false for an invalidation. */
    void removed(long context, long tag, long payload, boolean evicted);
}

package org.iommusim.hw.cache;

/** Selects cache entries by key and payload, for {@link SetAssociativeCache#invalidateIf}. */
@FunctionalInterface
public interface EntryPredicate {
    boolean test(long context, long tag, long payload);
}

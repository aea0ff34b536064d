package org.iommusim.hw.cache;

/** What {@link SetAssociativeCache#insert} did with an entry. */
public enum InsertResult {
    /** Stored in an invalid way; nothing was evicted. */
    STORED,
    /** Stored in place of a valid entry; see {@link SetAssociativeCache#lastEvictedTag()} and friends. */
    EVICTED,
    /** The key was present; its payload was replaced (a hit for the replacement policy). */
    UPDATED,
    /** The cache is disabled; nothing was stored. */
    DISABLED
}

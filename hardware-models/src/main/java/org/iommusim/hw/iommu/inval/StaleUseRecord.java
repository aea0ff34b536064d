package org.iommusim.hw.iommu.inval;

/**
 * What the invalidation room tells the stale-use accounting: a translation was removed from
 * the functional state (the caches may still hold it), and an invalidation covering it took
 * effect. The accounting (the data path's {@code StaleUseTracker}) answers, per cached entry,
 * since when it is stale. Domains and PASIDs are plain ints; ranges are {@code [from, to)} with
 * {@code to = -1} for "to the end of the space"; the epoch numbers removals in order.
 */
public interface StaleUseRecord {
    /** The epoch of the latest removal. */
    long epoch();

    /** Removals not yet covered by an invalidation that took effect. */
    int pending();

    /** {@code [from, to)} of {@code domain} was removed; tables up to level {@code tablesFreed} went too (0: none). */
    long removed(int domain, long from, long to, int tablesFreed);

    /** Everything of {@code domain} was removed. */
    long removedAll(int domain);

    /** The parent of hardware-nested {@code child} removed GPAs {@code [gpaFrom, gpaTo)}. */
    long removedViaParent(int child, long gpaFrom, long gpaTo);

    /** A guest's write removed {@code [from, to)} of {@code domain}; see {@code TimedControlPlane#guestEdited}. */
    long removedByGuest(int domain, long from, long to, boolean invalidationFollows, boolean shadowed);

    /** While open, removals belong to an operation that has not returned to its caller. */
    void opening(boolean open);

    /** The operation whose removals have epochs {@code from..to} returned. */
    void returned(long from, long to);

    /** The shadow of software-nested {@code domain} took in the guest's table over {@code [from, to)}. */
    void shadowSynced(int domain, long from, long to);

    /** A guest invalidation of {@code domain} that started at epoch {@code upTo} returned. */
    void guestReturned(int domain, long upTo);

    /** An invalidation of {@code [from, to)} of {@code domain} took effect (with {@code leafOnly}: walk caches kept). */
    void invalidated(int domain, long from, long to, boolean leafOnly);

    /**
     * {@link #invalidated(int, long, long, boolean)} covering only the removals recorded at or
     * before epoch {@code upTo} (an invalidation submitted then; later removals stay pending).
     */
    void invalidated(int domain, long from, long to, boolean leafOnly, long upTo);

    /** A global invalidation took effect. */
    void invalidatedAll();
}

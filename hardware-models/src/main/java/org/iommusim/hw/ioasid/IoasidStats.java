package org.iommusim.hw.ioasid;

/**
 * Counters of one IOASID since allocation. Rejected operations never change them.
 * {@code mapOnlyInvalidations} counts user invalidations whose sync only added shadow
 * entries: the invalidations a shadow needs only because the guest mapped something, which
 * is the price of caching mode. {@code lazyFills} counts lazy fills that found a guest
 * leaf to sync. Shadow faults are counted by the data path.
 */
public record IoasidStats(long maps, long unmaps, long binds, long invalidations, long userDescriptors,
                          long mapOnlyInvalidations, long guestWrites, long shadowSyncs, long guestPtesRead,
                          long shadowPtesWritten, long rmapLookups, long rmapEntriesTouched, long lazyFills,
                          long shadowFaults, long staleShadowFaults) {
}

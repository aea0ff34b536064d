package org.iommusim.hw.ioasid;

/** The live counters behind {@link IoasidStats}. */
final class Counters {
    long maps;
    long unmaps;
    long binds;
    long invalidations;
    long userDescriptors;
    long mapOnlyInvalidations;
    long guestWrites;
    long shadowSyncs;
    long guestPtesRead;
    long shadowPtesWritten;
    long rmapLookups;
    long rmapEntriesTouched;
    long lazyFills;
    long shadowFaults;
    long staleShadowFaults;

    /** One shadow sync's counts ({@link ShadowSync}'s). */
    void sync(long guestRead, long shadowWritten, long lookups, long touched) {
        shadowSyncs++;
        guestPtesRead += guestRead;
        shadowPtesWritten += shadowWritten;
        rmapLookups += lookups;
        rmapEntriesTouched += touched;
    }

    IoasidStats snapshot() {
        return new IoasidStats(maps, unmaps, binds, invalidations, userDescriptors, mapOnlyInvalidations,
                guestWrites, shadowSyncs, guestPtesRead, shadowPtesWritten, rmapLookups, rmapEntriesTouched,
                lazyFills, shadowFaults, staleShadowFaults);
    }

    long fingerprint() {
        return snapshot().hashCode();
    }
}

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

    void add(ShadowSync s) {
        shadowSyncs++;
        guestPtesRead += s.guestPtesRead();
        shadowPtesWritten += s.shadowPtesWritten();
        rmapLookups += s.rmapLookups();
        rmapEntriesTouched += s.rmapEntriesTouched();
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

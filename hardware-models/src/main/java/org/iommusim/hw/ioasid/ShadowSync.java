package org.iommusim.hw.ioasid;

/**
 * The software work of one shadow synchronisation of IOASID {@code ioasid}: guest PTEs the
 * host read, shadow PTEs written (leaves, pointers and clears), shadow table pages allocated
 * and freed, writes to the kernel's mirror of guest leaves, reverse-map lookups and entries
 * touched (found, added or removed).
 */
public record ShadowSync(int ioasid, Cause cause, long guestPtesRead, long shadowPtesWritten,
                         long shadowTablesAllocated, long shadowTablesFreed, long mirrorPtesWritten,
                         long rmapLookups, long rmapEntriesTouched) {

    public enum Cause {
        /** A user's invalidation: eager re-walk of the guest table over the range. */
        INVALIDATE,
        /** A new guest root: full re-walk. */
        BIND,
        /** The parent's translation changed: reverse-map driven re-derivation. */
        PARENT_CHANGE,
        /** map() on a software-nested map-unmap child. */
        MAP,
        /** unmap() on a software-nested map-unmap child. */
        UNMAP,
        /** replace() on a software-nested map-unmap child. */
        REPLACE,
        /** A shadow miss resolved by walking the guest table. */
        LAZY_FILL
    }
}

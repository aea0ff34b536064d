package org.iommusim.hw.cache;

/**
 * Told, by slot, about every entry that enters or leaves a {@link SetAssociativeCache}: for
 * bookkeeping kept beside the cache in arrays indexed by slot (such as the stale-use oracle's
 * fill stamps), so the cache itself carries none. It runs inside the cache operation and must
 * not modify the cache. A replacement calls {@link #emptied} for the victim before
 * {@link #filled} for the new entry in the same slot.
 */
public interface SlotListener {
    /** {@code slot} now holds the entry an insert stored (or whose payload it replaced). */
    void filled(int slot);

    /** The entry in {@code slot} left the cache (evicted or invalidated). */
    void emptied(int slot);
}

package org.iommusim.hw.cache;

/**
 * Chooses which way of a full set to evict. One instance serves every set of one cache and
 * keeps its per-set state in primitive arrays indexed by set (no object per entry).
 *
 * <p>Protocol, driven by {@link SetAssociativeCache}: a new entry goes to an invalid way if the
 * set has one (the cache keeps those itself); only when every way is valid does the cache call
 * {@link #victim(int)}, exactly once per eviction, and then {@link #onFill(int, int)} on the
 * returned way. Each policy decides what a hit does (FIFO and round-robin ignore hits).
 * Implementations are created through {@link ReplacementPolicies}.
 *
 * <p>Does not model: timing, or state that spans sets.
 */
public interface ReplacementPolicy {

    /** A new entry was stored in {@code way} of {@code set} (into an invalid way or a victim). Default: ignored. */
    default void onFill(int set, int way) {
    }

    /** A lookup hit {@code way} of {@code set} (also an insert that updated an existing entry). Default: ignored. */
    default void onHit(int set, int way) {
    }

    /** The entry in {@code way} of {@code set} was invalidated; the way is free. Default: ignored. */
    default void onInvalidate(int set, int way) {
    }

    /** The way of the full {@code set} to evict. May advance the policy's state (a pointer, a random draw). */
    int victim(int set);

    /** Forgets all replacement state, as if freshly built (a random policy keeps its generator's position). */
    void reset();
}

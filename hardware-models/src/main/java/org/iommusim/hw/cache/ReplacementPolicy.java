package org.iommusim.hw.cache;

import java.util.random.RandomGenerator;

/**
 * Chooses which way of a full set to evict. One instance serves every set of one cache and
 * keeps its per-set state in primitive arrays indexed by set (no object per entry).
 *
 * <p>Protocol, driven by {@link SetAssociativeCache}: a new entry goes to an invalid way if the
 * set has one (the cache keeps those itself); only when every way is valid does the cache call
 * {@link #victim(int)}, exactly once per eviction, and then {@link #onFill(int, int)} on the
 * returned way. Each policy decides what a hit does (FIFO and round-robin ignore hits).
 * Implementations are created through their {@link Type}, listed in {@link ReplacementPolicies}.
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

    /**
     * {@code n} lookups in a row hit {@code way} of {@code set}, with nothing else done to the set
     * between them (a run of TLPs of one page at one instant). Default: {@link #onHit} {@code n}
     * times; a policy whose hit is idempotent (LRU, tree-PLRU: the way is the newest after the
     * first) overrides it with one call, which leaves the same state.
     */
    default void onHits(int set, int way, int n) {
        for (int i = 0; i < n; i++) {
            onHit(set, way);
        }
    }

    /** The entry in {@code way} of {@code set} was invalidated; the way is free. Default: ignored. */
    default void onInvalidate(int set, int way) {
    }

    /** The way of the full {@code set} to evict. May advance the policy's state (a pointer, a random draw). */
    int victim(int set);

    /** Forgets all replacement state, as if freshly built (a random policy keeps its generator's position). */
    void reset();

    /**
     * One policy's entry in the registry: its configuration name, what it supports, and how to
     * build it. Each policy class declares its own ({@code OrderPolicy.LRU}, {@code RandomPolicy.TYPE}).
     */
    interface Type {
        /** The stable configuration name ({@code lru}, {@code tree-plru}). */
        String name();

        /** Null when the policy can run a set of {@code ways} ways, else why not and what is allowed. */
        default String refuses(int ways) {
            return null;
        }

        /** Whether the policy draws random numbers (and so needs a seeded generator). */
        default boolean drawsRandom() {
            return false;
        }

        /** A policy for {@code sets} × {@code ways}; {@code rng} is non-null iff {@link #drawsRandom()}. */
        ReplacementPolicy create(int sets, int ways, RandomGenerator rng);

        /** A policy named {@code name} that supports any number of ways and draws no random numbers. */
        static Type of(String name, Factory factory) {
            return new Simple(name, false, factory);
        }

        /** A policy named {@code name} that supports any number of ways and draws random numbers. */
        static Type drawing(String name, Factory factory) {
            return new Simple(name, true, factory);
        }
    }

    /** How a {@link Type} builds its policy. */
    @FunctionalInterface
    interface Factory {
        ReplacementPolicy create(int sets, int ways, RandomGenerator rng);
    }

    /** A {@link Type} that is its name, whether it draws random numbers, and its factory. */
    record Simple(String name, boolean drawsRandom, Factory factory) implements Type {
        @Override
        public ReplacementPolicy create(int sets, int ways, RandomGenerator rng) {
            return factory.create(sets, ways, rng);
        }
    }
}

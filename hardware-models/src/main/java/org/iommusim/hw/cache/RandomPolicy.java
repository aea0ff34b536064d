package org.iommusim.hw.cache;

import java.util.random.RandomGenerator;

/**
 * Random replacement: the victim is uniform over the ways of the full set, drawn from a
 * generator the caller provides (derived from a named, seeded stream, so runs are
 * reproducible). Hits, fills and invalidations change nothing. One draw per eviction.
 *
 * <p>Does not model: the LFSR a real design would use (its bias is not modelled).
 */
final class RandomPolicy implements ReplacementPolicy {
    /** {@code random}; draws from a seeded generator. */
    static final Type TYPE = Type.drawing("random", (sets, ways, rng) -> new RandomPolicy(ways, rng));

    private final int ways;
    private final RandomGenerator rng;

    RandomPolicy(int ways, RandomGenerator rng) {
        this.ways = ways;
        this.rng = rng;
    }

    @Override
    public int victim(int set) {
        return rng.nextInt(ways);
    }

    @Override
    public void reset() {
        // No state besides the generator, whose position is kept.
    }
}

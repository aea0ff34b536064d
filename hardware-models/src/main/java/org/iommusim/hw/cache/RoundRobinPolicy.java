package org.iommusim.hw.cache;

/**
 * Round-robin replacement: each set has a pointer, starting at way 0; the victim is the way it
 * points to, and each eviction advances it by one (wrapping). Hits, fills into invalid ways
 * and invalidations leave the pointer alone, so unlike FIFO the victim order does not follow
 * fill order once invalidations have freed ways out of turn.
 *
 * <p>Does not model: timing.
 */
final class RoundRobinPolicy implements ReplacementPolicy {
    /** {@code round-robin}. */
    static final Type TYPE = Type.of("round-robin", (sets, ways, rng) -> new RoundRobinPolicy(sets, ways));

    private final int ways;
    private final int[] pointer;

    RoundRobinPolicy(int sets, int ways) {
        this.ways = ways;
        this.pointer = new int[sets];
    }

    @Override
    public int victim(int set) {
        int way = pointer[set];
        pointer[set] = way + 1 == ways ? 0 : way + 1;
        return way;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(pointer, 0);
    }
}

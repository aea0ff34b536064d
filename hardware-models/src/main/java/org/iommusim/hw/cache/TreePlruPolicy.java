package org.iommusim.hw.cache;

import java.util.random.RandomGenerator;

/**
 * Tree pseudo-LRU, the classic binary-tree scheme: a set of n ways (n a power of two) has
 * n − 1 bits arranged as a complete binary tree in heap order (node 0 is the root, node i has
 * children 2i+1 and 2i+2, and the leaves n−1 … 2n−2 are ways 0 … n−1). A bit of 0 means "the
 * victim is in the left subtree", 1 "in the right". A hit or fill of a way sets every bit on
 * its path to point <em>away</em> from it; the victim is found by following the bits from the
 * root. All bits start at 0 (the first victim is way 0).
 *
 * <p>Invalidation changes no bits: the cache refills invalid ways before asking for a victim.
 * Does not model: the per-set bit storage cost or timing.
 */
final class TreePlruPolicy implements ReplacementPolicy {
    /** {@code tree-plru}; needs a power-of-two number of ways. */
    static final Type TYPE = new Type() {
        @Override
        public String name() {
            return "tree-plru";
        }

        @Override
        public String refuses(int ways) {
            return Integer.bitCount(ways) == 1 ? null : "needs a power-of-two number of ways (assoc, or entries when"
                    + " assoc is 0), got " + ways + " ways; allowed e.g. " + Integer.highestOneBit(ways) + " or "
                    + Integer.highestOneBit(ways) * 2;
        }

        @Override
        public ReplacementPolicy create(int sets, int ways, RandomGenerator rng) {
            return new TreePlruPolicy(sets, ways);
        }
    };

    private final int ways;
    private final int nodes;
    private final byte[] bits;

    TreePlruPolicy(int sets, int ways) {
        if (Integer.bitCount(ways) != 1) {
            throw new IllegalArgumentException("tree-plru needs a power-of-two number of ways, got " + ways);
        }
        this.ways = ways;
        this.nodes = ways - 1;
        this.bits = new byte[sets * nodes];
    }

    @Override
    public void onFill(int set, int way) {
        touch(set, way);
    }

    @Override
    public void onHit(int set, int way) {
        touch(set, way);
    }

    /** Idempotent: the first touch already points every node on the way's path away from it. */
    @Override
    public void onHits(int set, int way, int n) {
        if (n > 0) {
            touch(set, way);
        }
    }

    @Override
    public void onInvalidate(int set, int way) {
        // No change: invalid ways are refilled first by the cache.
    }

    @Override
    public int victim(int set) {
        int base = set * nodes;
        int node = 0;
        while (node < nodes) {
            node = 2 * node + 1 + bits[base + node];
        }
        return node - nodes;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(bits, (byte) 0);
    }

    private void touch(int set, int way) {
        int base = set * nodes;
        int node = way + nodes;
        while (node > 0) {
            int parent = (node - 1) >>> 1;
            // Left child (odd index): point right (1), away from it; right child: point left (0).
            bits[base + parent] = (byte) ((node & 1) == 1 ? 1 : 0);
            node = parent;
        }
    }
}

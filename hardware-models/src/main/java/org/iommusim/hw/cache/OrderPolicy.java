package org.iommusim.hw.cache;

/**
 * The two policies that keep the ways of a set in an order and evict the oldest: true
 * least-recently-used ({@code lru}: a hit or a fill makes the way the newest) and
 * first-in first-out ({@code fifo}: only a fill does; hits change nothing). O(1) per operation
 * for any associativity (an intrusive list per set, {@link WayOrder}), so a 2048-way fully
 * associative cache costs the same as a 4-way one. An invalidated way moves to the oldest end
 * (it is refilled before any eviction anyway).
 *
 * <p>Does not model the hardware cost of true LRU (that is why real designs use tree-PLRU).
 */
final class OrderPolicy implements ReplacementPolicy {
    /** {@code lru}: a hit or a fill makes the way the newest. */
    static final Type LRU = Type.of("lru", (sets, ways, rng) -> new OrderPolicy(sets, ways, true));
    /** {@code fifo}: only a fill makes the way the newest. */
    static final Type FIFO = Type.of("fifo", (sets, ways, rng) -> new OrderPolicy(sets, ways, false));

    private final WayOrder order;
    private final boolean hitsPromote;

    /** {@code hitsPromote} true gives LRU, false gives FIFO. */
    OrderPolicy(int sets, int ways, boolean hitsPromote) {
        this.order = new WayOrder(sets, ways);
        this.hitsPromote = hitsPromote;
    }

    @Override
    public void onFill(int set, int way) {
        order.moveToNewest(set, way);
    }

    @Override
    public void onHit(int set, int way) {
        if (hitsPromote) {
            order.moveToNewest(set, way);
        }
    }

    /** Idempotent: after the first hit the way is the newest (LRU) or nothing moved (FIFO). */
    @Override
    public void onHits(int set, int way, int n) {
        if (n > 0) {
            onHit(set, way);
        }
    }

    @Override
    public void onInvalidate(int set, int way) {
        order.moveToOldest(set, way);
    }

    @Override
    public int victim(int set) {
        return order.oldest(set);
    }

    @Override
    public void reset() {
        order.reset();
    }
}

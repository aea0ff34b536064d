package org.iommusim.hw.cache;

/**
 * True least-recently-used replacement: a hit or a fill makes the way the most recent; the
 * victim is the least recent. O(1) per operation for any associativity (an intrusive list per
 * set, {@link WayOrder}), so a 2048-way fully associative cache costs the same as a 4-way one.
 * An invalidated way moves to the least-recent end.
 *
 * <p>Does not model the hardware cost of true LRU (that is why real designs use tree-PLRU).
 */
final class LruPolicy implements ReplacementPolicy {
    private final WayOrder order;

    LruPolicy(int sets, int ways) {
        this.order = new WayOrder(sets, ways);
    }

    @Override
    public void onFill(int set, int way) {
        order.moveToNewest(set, way);
    }

    @Override
    public void onHit(int set, int way) {
        order.moveToNewest(set, way);
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

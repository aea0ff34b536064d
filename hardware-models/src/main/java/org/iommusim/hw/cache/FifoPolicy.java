package org.iommusim.hw.cache;

/**
 * First-in first-out replacement: the victim is the way filled longest ago; hits do not
 * change the order. An invalidated way moves to the oldest end (it is refilled before any
 * eviction anyway), and its next fill makes it the newest.
 *
 * <p>Does not model: anything about hits (by definition).
 */
final class FifoPolicy implements ReplacementPolicy {
    private final WayOrder order;

    FifoPolicy(int sets, int ways) {
        this.order = new WayOrder(sets, ways);
    }

    @Override
    public void onFill(int set, int way) {
        order.moveToNewest(set, way);
    }

    @Override
    public void onHit(int set, int way) {
        // FIFO ignores hits.
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

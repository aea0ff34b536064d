package org.iommusim.hw.cache;

/**
 * An ordering of the ways of every set, oldest to newest, as intrusive doubly linked lists
 * in int arrays (one {@code prev}/{@code next} pair per way, one head and tail per set).
 * Moving a way to either end and reading the oldest are O(1). Every way is always on its
 * set's list; a fresh (or reset) list is ordered way 0 (oldest) … way n−1 (newest).
 *
 * <p>Used by {@link OrderPolicy}: ordered by last use (LRU) or by fill (FIFO).
 */
final class WayOrder {
    private static final int NIL = -1;

    private final int ways;
    private final int[] prev;
    private final int[] next;
    private final int[] oldest;
    private final int[] newest;

    WayOrder(int sets, int ways) {
        this.ways = ways;
        this.prev = new int[sets * ways];
        this.next = new int[sets * ways];
        this.oldest = new int[sets];
        this.newest = new int[sets];
        reset();
    }

    void reset() {
        for (int set = 0; set < oldest.length; set++) {
            int base = set * ways;
            for (int w = 0; w < ways; w++) {
                prev[base + w] = w - 1;
                next[base + w] = w + 1 < ways ? w + 1 : NIL;
            }
            oldest[set] = 0;
            newest[set] = ways - 1;
        }
    }

    int oldest(int set) {
        return oldest[set];
    }

    void moveToNewest(int set, int way) {
        if (newest[set] == way) {
            return;
        }
        unlink(set, way);
        int base = set * ways;
        int tail = newest[set];
        prev[base + way] = tail;
        next[base + way] = NIL;
        next[base + tail] = way;
        newest[set] = way;
    }

    void moveToOldest(int set, int way) {
        if (oldest[set] == way) {
            return;
        }
        unlink(set, way);
        int base = set * ways;
        int head = oldest[set];
        next[base + way] = head;
        prev[base + way] = NIL;
        prev[base + head] = way;
        oldest[set] = way;
    }

    /** Removes {@code way} from its list; the caller re-links it at once (the set has at least two ways). */
    private void unlink(int set, int way) {
        int base = set * ways;
        int p = prev[base + way];
        int n = next[base + way];
        if (p == NIL) {
            oldest[set] = n;
        } else {
            next[base + p] = n;
        }
        if (n == NIL) {
            newest[set] = p;
        } else {
            prev[base + n] = p;
        }
    }
}

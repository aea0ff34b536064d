package org.iommusim.hw.cache;

/**
 * The invalid ways of every set, as one stack per set in an int array, so a fill finds a free
 * way in O(1) without scanning. A fresh (or reset) set hands out way 0 first, then 1, …; a way
 * freed by an invalidation is handed out next (last in, first out).
 */
final class FreeWays {
    private final int ways;
    private final int[] stack;
    private final int[] count;

    FreeWays(int sets, int ways) {
        this.ways = ways;
        this.stack = new int[sets * ways];
        this.count = new int[sets];
        reset();
    }

    /** Every way of every set free. */
    void reset() {
        for (int set = 0; set < count.length; set++) {
            int base = set * ways;
            for (int i = 0; i < ways; i++) {
                stack[base + i] = ways - 1 - i;
            }
            count[set] = ways;
        }
    }

    boolean any(int set) {
        return count[set] > 0;
    }

    /** Takes a free way of {@code set}; {@link #any} must be true. */
    int take(int set) {
        return stack[set * ways + --count[set]];
    }

    /** Returns {@code way} of {@code set}, which must not be free already. */
    void give(int set, int way) {
        stack[set * ways + count[set]++] = way;
    }
}

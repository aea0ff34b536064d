package org.iommusim.hw.cache;

import it.unimi.dsi.fastutil.HashCommon;
import java.util.Arrays;

/**
 * A hash index from an entry's key (context, tag) to its slot, for caches whose sets are too
 * wide to scan (fully associative or many ways). Open addressing with linear probing over an
 * int table that stores {@code slot + 1} (0 = empty); the keys themselves are read from the
 * cache's own arrays, so the index holds no copy of them and never allocates after
 * construction. Capacity is at least twice the number of entries (load factor ≤ 0.5).
 * Removal uses backward-shift deletion, so there are no tombstones and probe lengths do not
 * grow over a long run.
 *
 * <p>Contract with the cache: {@link #put} is called after the slot's key is written,
 * {@link #remove} before it is overwritten.
 */
final class SlotIndex {
    private final long[] contexts;
    private final long[] tags;
    private final int[] table;
    private final int mask;

    SlotIndex(long[] contexts, long[] tags) {
        this.contexts = contexts;
        this.tags = tags;
        int capacity = Math.max(4, HashCommon.nextPowerOfTwo(2 * tags.length));
        this.table = new int[capacity];
        this.mask = capacity - 1;
    }

    /** The slot holding (context, tag), or {@link SetAssociativeCache#MISS}. */
    int find(long context, long tag) {
        int pos = home(context, tag);
        while (true) {
            int v = table[pos];
            if (v == 0) {
                return SetAssociativeCache.MISS;
            }
            int slot = v - 1;
            if (tags[slot] == tag && contexts[slot] == context) {
                return slot;
            }
            pos = (pos + 1) & mask;
        }
    }

    /** Indexes {@code slot}, whose key is not yet indexed. */
    void put(int slot) {
        int pos = home(contexts[slot], tags[slot]);
        while (table[pos] != 0) {
            pos = (pos + 1) & mask;
        }
        table[pos] = slot + 1;
    }

    /** Removes {@code slot}, which must be indexed under its current key. */
    void remove(int slot) {
        int pos = home(contexts[slot], tags[slot]);
        while (table[pos] != slot + 1) {
            pos = (pos + 1) & mask;
        }
        // Backward-shift deletion: pull later members of the cluster into the hole when their
        // home position does not lie cyclically in (hole, current].
        int hole = pos;
        int cur = pos;
        while (true) {
            cur = (cur + 1) & mask;
            int v = table[cur];
            if (v == 0) {
                break;
            }
            int home = home(contexts[v - 1], tags[v - 1]);
            boolean homeInRange = hole <= cur ? (hole < home && home <= cur) : (hole < home || home <= cur);
            if (!homeInRange) {
                table[hole] = v;
                hole = cur;
            }
        }
        table[hole] = 0;
    }

    void clear() {
        Arrays.fill(table, 0);
    }

    private int home(long context, long tag) {
        return (int) HashCommon.mix(context * 0x9E3779B97F4A7C15L ^ tag) & mask;
    }
}

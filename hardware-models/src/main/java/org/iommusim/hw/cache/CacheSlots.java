package org.iommusim.hw.cache;

import java.util.Arrays;

/**
 * The entries of one {@link SetAssociativeCache}: primitive arrays indexed by slot = set × ways
 * + way (context, tag, payload, valid), the invalid ways of each set ({@link FreeWays}), the hash
 * index of wide sets ({@link SlotIndex}), and who is told about entries leaving
 * ({@link RemovalListener}) and slots changing ({@link SlotListener}). It stores, evicts and
 * removes entries and keeps the replacement policy informed; the cache decides which set and
 * which entries, and counts lookups and invalidations.
 *
 * <p>Does not model: timing, or which set a tag maps to (the cache's {@link SetIndex}).
 */
final class CacheSlots {
    final long[] contexts;
    final long[] tags;
    final long[] payloads;
    final boolean[] valid;
    private final int ways;
    private final FreeWays free;
    /** Null unless sets are wider than {@link SetAssociativeCache#SCAN_WAYS}. */
    private final SlotIndex index;
    /** Null for a disabled cache. */
    private final ReplacementPolicy policy;
    private final CacheStats stats;
    private RemovalListener listener;
    private SlotListener slots;
    private int size;
    private long evictedContext;
    private long evictedTag;
    private long evictedPayload;

    /** Room for {@code entries} (0 when disabled) in {@code sets} × {@code ways}; evictions counted in {@code stats}. */
    CacheSlots(int entries, int sets, int ways, ReplacementPolicy policy, boolean indexed, CacheStats stats) {
        this.contexts = new long[entries];
        this.tags = new long[entries];
        this.payloads = new long[entries];
        this.valid = new boolean[entries];
        this.ways = ways;
        this.free = new FreeWays(sets, ways);
        this.policy = policy;
        this.stats = stats;
        this.index = indexed ? new SlotIndex(contexts, tags) : null;
    }

    void setRemovalListener(RemovalListener l) {
        this.listener = l;
    }

    void setSlotListener(SlotListener l) {
        this.slots = l;
    }

    int size() {
        return size;
    }

    /** Whether lookups go through the hash index instead of scanning a set. */
    boolean indexed() {
        return index != null;
    }

    /** The slot of (context, tag) by the hash index, or {@link SetAssociativeCache#MISS}. */
    int findIndexed(long context, long tag) {
        return index.find(context, tag);
    }

    /** The slot of (context, tag) by scanning {@code set}, or {@link SetAssociativeCache#MISS}. */
    int scan(int set, long context, long tag) {
        int base = set * ways;
        for (int s = base, end = base + ways; s < end; s++) {
            if (valid[s] && tags[s] == tag && contexts[s] == context) {
                return s;
            }
        }
        return SetAssociativeCache.MISS;
    }

    /** The policy sees a hit on {@code slot}. */
    void touched(int slot) {
        policy.onHit(slot / ways, slot % ways);
    }

    /** The policy sees {@code n} hits in a row on {@code slot}. */
    void touched(int slot, int n) {
        policy.onHits(slot / ways, slot % ways, n);
    }

    /** Replaces the payload of present {@code slot} (a hit for the policy). */
    void update(int slot, long payload) {
        payloads[slot] = payload;
        policy.onHit(slot / ways, slot % ways);
        if (slots != null) {
            slots.filled(slot);
        }
    }

    /**
     * Stores a new entry in {@code set}: an invalid way if there is one, else the policy's victim
     * (its key and payload kept for {@code lastEvicted*}).
     */
    InsertResult fill(int set, long context, long tag, long payload) {
        int base = set * ways;
        InsertResult result;
        int way;
        if (free.any(set)) {
            way = free.take(set);
            size++;
            result = InsertResult.STORED;
        } else {
            way = policy.victim(set);
            int victim = base + way;
            evictedContext = contexts[victim];
            evictedTag = tags[victim];
            evictedPayload = payloads[victim];
            if (index != null) {
                index.remove(victim);
            }
            stats.evicted();
            if (listener != null) {
                listener.removed(evictedContext, evictedTag, evictedPayload, true);
            }
            if (slots != null) {
                slots.emptied(victim);
            }
            result = InsertResult.EVICTED;
        }
        int slot = base + way;
        contexts[slot] = context;
        tags[slot] = tag;
        payloads[slot] = payload;
        valid[slot] = true;
        if (index != null) {
            index.put(slot);
        }
        policy.onFill(set, way);
        if (slots != null) {
            slots.filled(slot);
        }
        return result;
    }

    long evictedContext() {
        return evictedContext;
    }

    long evictedTag() {
        return evictedTag;
    }

    long evictedPayload() {
        return evictedPayload;
    }

    /** Removes the entries of {@code set} whose context matches under the mask and whose tag lies in [tagLo, tagHi]. */
    int removeInSet(int set, long contextMask, long contextValue, long tagLo, long tagHi) {
        int removed = 0;
        for (int s = set * ways, end = s + ways; s < end; s++) {
            if (valid[s] && (contexts[s] & contextMask) == contextValue
                    && Long.compareUnsigned(tags[s], tagLo) >= 0 && Long.compareUnsigned(tags[s], tagHi) <= 0) {
                remove(s);
                removed++;
            }
        }
        return removed;
    }

    /** Removes every entry the predicate selects; returns how many. */
    int removeIf(EntryPredicate predicate) {
        int removed = 0;
        for (int s = 0; s < valid.length; s++) {
            if (valid[s] && predicate.test(contexts[s], tags[s], payloads[s])) {
                remove(s);
                removed++;
            }
        }
        return removed;
    }

    /** Removes every entry (listeners told) and resets the replacement state; returns how many there were. */
    int removeAll() {
        int removed = size;
        if (listener != null || slots != null) {
            for (int s = 0; s < valid.length; s++) {
                if (valid[s]) {
                    if (listener != null) {
                        listener.removed(contexts[s], tags[s], payloads[s], false);
                    }
                    if (slots != null) {
                        slots.emptied(s);
                    }
                }
            }
        }
        Arrays.fill(valid, false);
        if (index != null) {
            index.clear();
        }
        if (policy != null) {
            policy.reset();
        }
        free.reset();
        size = 0;
        return removed;
    }

    /** Frees {@code slot} (counting is the caller's). */
    void remove(int slot) {
        if (index != null) {
            index.remove(slot);
        }
        valid[slot] = false;
        int set = slot / ways;
        int way = slot % ways;
        free.give(set, way);
        policy.onInvalidate(set, way);
        size--;
        if (listener != null) {
            listener.removed(contexts[slot], tags[slot], payloads[slot], false);
        }
        if (slots != null) {
            slots.emptied(slot);
        }
    }
}

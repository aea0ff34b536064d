package org.iommusim.hw.cache;

import java.util.random.RandomGenerator;

/**
 * A set-associative cache from a two-word key to a 64-bit payload; the generic structure under
 * every translation cache (IOTLB, paging-structure caches, nested TLB, context/PASID cache,
 * device ATC).
 *
 * <p><b>Key.</b> An entry is matched on a <em>tag</em> and a <em>context</em>, both 64-bit.
 * The tag is the page number (or address prefix); the context is an opaque word the user packs
 * with whatever else identifies the entry (domain, PASID, stage, level, page size). Both must be
 * equal for a hit, as a real TLB compares its DID/PASID/size fields with the page number. The
 * context lives in an array parallel to the tags: 64 bits are not enough for a 52-bit page number
 * plus a domain and a 20-bit PASID, and a separate word makes "all entries of a domain" a mask
 * comparison ({@link #invalidateMatching}).
 *
 * <p><b>Set index.</b> A function of the tag ({@link SetIndexes}: by default its low log2(sets)
 * bits, so pages consecutive in the tag's space fall into consecutive sets; or an XOR fold, or a
 * hash); the context does not take part (entries of different domains for the same page number
 * compete for one set).
 *
 * <p><b>Storage</b> ({@link CacheSlots}). Primitive arrays indexed by slot = set × ways + way. A
 * fill takes an invalid way of the set ({@link FreeWays}: way 0 first in a fresh set) and asks the
 * {@link ReplacementPolicy} for a victim only when the set is full. Sets wider than
 * {@value #SCAN_WAYS} ways are searched through a hash index ({@link SlotIndex}), not scanned,
 * so a 2048-entry fully associative cache costs O(1) per lookup. Lookups and fills never
 * allocate.
 *
 * <p><b>Slots.</b> Methods that find an entry return its slot (≥ 0) or {@link #MISS}; a slot
 * stays valid until the next fill or invalidation.
 *
 * <p><b>Disabled</b> ({@code enabled = false}): every lookup misses (and is counted), nothing is
 * stored, invalidations remove nothing. Does not model timing: {@link CacheConfig#latencyPs()}
 * is charged by the timing model.
 */
public final class SetAssociativeCache {
    /** Returned by the lookup methods when no entry matches. */
    public static final int MISS = -1;
    /** Sets up to this many ways are scanned; wider ones use a hash index. */
    static final int SCAN_WAYS = 8;

    private final CacheConfig config;
    private final CacheStats stats;
    private final int sets;
    private final int ways;
    private final long setMask;
    private final int setBits;
    private final SetIndex setIndex;
    private final boolean modulo;
    private final CacheSlots slots;

    /**
     * Builds an empty cache. {@code rng} is the seeded generator a random policy draws from
     * (null for the others); {@code stats} receives the counts.
     */
    public SetAssociativeCache(CacheConfig config, RandomGenerator rng, CacheStats stats) {
        this.config = config;
        this.stats = stats;
        this.sets = config.sets();
        this.ways = config.ways();
        this.setMask = sets - 1;
        this.setBits = Integer.numberOfTrailingZeros(sets);
        this.setIndex = SetIndexes.get(config.index());
        this.modulo = "modulo".equals(config.index());
        boolean on = config.enabled();
        this.slots = new CacheSlots(on ? config.entries() : 0, on ? sets : 0, ways,
                on ? ReplacementPolicies.create(config.policy(), sets, ways, rng) : null, on && ways > SCAN_WAYS, stats);
    }

    public CacheConfig config() {
        return config;
    }

    public CacheStats stats() {
        return stats;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** Number of valid entries. */
    public int size() {
        return slots.size();
    }

    /** The set a tag maps to, by the configured {@link SetIndex}. */
    public int setOf(long tag) {
        return modulo ? (int) (tag & setMask) : setIndex.setOf(tag, setBits);
    }

    public void setRemovalListener(RemovalListener l) {
        slots.setRemovalListener(l);
    }

    /** Sets who is told, by slot, about entries entering and leaving (one listener; replaces the previous). */
    public void setSlotListener(SlotListener l) {
        slots.setSlotListener(l);
    }

    /** A counted lookup: on a hit the policy sees the access. Returns the slot or {@link #MISS}. */
    public int lookup(long context, long tag) {
        int slot = probe(context, tag);
        if (slot == MISS) {
            stats.miss();
        } else {
            recordHit(slot);
        }
        return slot;
    }

    /** Finds an entry without counting it or telling the policy (for multi-probe users). */
    public int probe(long context, long tag) {
        if (!config.enabled()) {
            return MISS;
        }
        return slots.indexed() ? slots.findIndexed(context, tag) : slots.scan(setOf(tag), context, tag);
    }

    /** Counts one lookup that hit {@code slot} (found by {@link #probe}) and tells the policy. */
    public void recordHit(int slot) {
        stats.hit();
        slots.touched(slot);
    }

    /**
     * Counts {@code n} more lookups that hit {@code slot}, each as {@link #recordHit} does, in a row
     * with nothing else done to the cache between them (the rest of a run of TLPs of one page).
     */
    public void recordHits(int slot, int n) {
        stats.hits(n);
        slots.touched(slot, n);
    }

    /** Counts one lookup that missed. */
    public void recordMiss() {
        stats.miss();
    }

    /** Counts {@code n} more lookups that missed, each as {@link #recordMiss} does (a miss tells the policy nothing). */
    public void recordMisses(int n) {
        stats.misses(n);
    }

    /**
     * Stores (context, tag) → payload. A present key has its payload replaced (counted as a hit
     * for the policy, not as a lookup); otherwise the entry takes an invalid way of its set, or
     * evicts the policy's victim, whose key and payload are then readable through
     * {@code lastEvicted*()} until the next eviction.
     */
    public InsertResult insert(long context, long tag, long payload) {
        if (!config.enabled()) {
            return InsertResult.DISABLED;
        }
        int slot = probe(context, tag);
        if (slot != MISS) {
            slots.update(slot, payload);
            return InsertResult.UPDATED;
        }
        return slots.fill(setOf(tag), context, tag, payload);
    }

    public long lastEvictedContext() {
        return slots.evictedContext();
    }

    public long lastEvictedTag() {
        return slots.evictedTag();
    }

    public long lastEvictedPayload() {
        return slots.evictedPayload();
    }

    public long payload(int slot) {
        return slots.payloads[slot];
    }

    public long tag(int slot) {
        return slots.tags[slot];
    }

    public long context(int slot) {
        return slots.contexts[slot];
    }

    /** Removes the entry with exactly this key; returns whether there was one. */
    public boolean invalidate(long context, long tag) {
        int slot = probe(context, tag);
        if (slot == MISS) {
            return false;
        }
        slots.remove(slot);
        stats.invalidated(1);
        return true;
    }

    /** Removes every entry whose {@code context & contextMask == contextValue}; returns how many. */
    public int invalidateMatching(long contextMask, long contextValue) {
        return invalidateTagRange(contextMask, contextValue, 0, -1L);
    }

    /**
     * Removes every entry whose {@code context & contextMask == contextValue} and whose tag lies
     * in [tagLo, tagHi] (unsigned, inclusive); returns how many. Cost: a narrow range with an
     * exact context ({@code contextMask == -1}) in an indexed cache probes the index per tag; a
     * range narrower than the number of sets scans only its sets; anything else scans all.
     */
    public int invalidateTagRange(long contextMask, long contextValue, long tagLo, long tagHi) {
        if (!config.enabled() || Long.compareUnsigned(tagLo, tagHi) > 0) {
            return 0;
        }
        int removed = 0;
        long span = tagHi - tagLo; // number of tags − 1, unsigned
        if (slots.indexed() && contextMask == -1L && Long.compareUnsigned(span, ways >>> 4) < 0) {
            for (long t = tagLo; ; t++) { // exact context, few tags: probe the index per tag
                int slot = slots.findIndexed(contextValue, t);
                if (slot != MISS) {
                    slots.remove(slot);
                    removed++;
                }
                if (t == tagHi) {
                    break;
                }
            }
        } else if (Long.compareUnsigned(span, setMask) < 0) {
            for (long t = tagLo; ; t++) {
                removed += slots.removeInSet(setOf(t), contextMask, contextValue, tagLo, tagHi);
                if (t == tagHi) {
                    break;
                }
            }
        } else {
            for (int set = 0; set < sets; set++) {
                removed += slots.removeInSet(set, contextMask, contextValue, tagLo, tagHi);
            }
        }
        stats.invalidated(removed);
        return removed;
    }

    /** Removes every entry the predicate selects; returns how many. Not for the hot path. */
    public int invalidateIf(EntryPredicate predicate) {
        int removed = slots.removeIf(predicate);
        stats.invalidated(removed);
        return removed;
    }

    /** Removes every entry and forgets the replacement state; returns how many entries were removed. */
    public int invalidateAll() {
        int removed = slots.removeAll();
        stats.invalidated(removed);
        return removed;
    }
}

package org.iommusim.hw.cache;

import java.util.random.RandomGenerator;

/**
 * A paging-structure (walk) cache: non-leaf entries keyed by (domain, stage, level, input-address
 * prefix), each holding the address of the next-level table. A thin layer over
 * {@link SetAssociativeCache}; a walk cache "split by stage and level" is one instance per
 * stage × level, a unified one is a single instance.
 *
 * <p>Levels are numbered as in x86 / VT-d: level 1 tables hold 4 KiB leaf PTEs, an entry at
 * level L ≥ 2 points to a level L−1 table and is selected by the input-address bits above
 * 12 + 9·(L−1) ({@link #prefix}), so its tag is that prefix and the set index is the prefix's
 * low bits. Stage 1 is the first-stage (child, or the only) table, stage 2 the parent.
 * Context word: {@code domain << 32 | stage << 8 | level}.
 *
 * <p>Each {@link #lookup} is one counted lookup (a walker that probes several levels counts
 * each). Does not model timing or which levels a walker probes.
 */
public final class PagingStructureCache {
    public static final int MISS = SetAssociativeCache.MISS;
    public static final int MIN_LEVEL = 2;
    public static final int MAX_LEVEL = 5;

    private static final long DOMAIN_MASK = 0xFFFF_FFFF_0000_0000L;
    private static final long STAGE_MASK = DOMAIN_MASK | 0xFF00L;

    private final SetAssociativeCache cache;

    public PagingStructureCache(CacheConfig config, RandomGenerator rng, CacheStats stats) {
        this.cache = new SetAssociativeCache(config, rng, stats);
    }

    /** The prefix of {@code inputAddress} that selects an entry at {@code level}. */
    public static long prefix(long inputAddress, int level) {
        checkLevel(level);
        return inputAddress >>> shift(level);
    }

    /** A counted lookup: the slot of the entry covering {@code inputAddress}, or {@link #MISS}. */
    public int lookup(int domain, int stage, int level, long inputAddress) {
        return cache.lookup(context(domain, stage, level), prefix(inputAddress, level));
    }

    /** The slot of the entry covering {@code inputAddress}, or {@link #MISS}; not counted, policy untouched. */
    public int find(int domain, int stage, int level, long inputAddress) {
        return cache.probe(context(domain, stage, level), prefix(inputAddress, level));
    }

    /** The next-level table address held in {@code slot}. */
    public long nextTable(int slot) {
        return cache.payload(slot);
    }

    /** Caches the level-{@code level} entry on the walk of {@code inputAddress}. */
    public InsertResult fill(int domain, int stage, int level, long inputAddress, long nextTableAddress) {
        return cache.insert(context(domain, stage, level), prefix(inputAddress, level), nextTableAddress);
    }

    /**
     * Removes the entries of (domain, stage) at every level whose covered region overlaps the
     * 2^{@code log2Pages} 4 KiB pages from {@code inputAddress} (aligned); returns how many.
     */
    public int invalidateRange(int domain, int stage, long inputAddress, int log2Pages) {
        if (log2Pages < 0 || log2Pages > 52) {
            throw new IllegalArgumentException("log2Pages must be in [0, 52], got " + log2Pages);
        }
        int bits = 12 + log2Pages;
        long offsetMask = bits >= 64 ? -1L : (1L << bits) - 1;
        if ((inputAddress & offsetMask) != 0) {
            throw new IllegalArgumentException(String.format(
                    "range start 0x%x is not aligned to its size of 2^%d pages", inputAddress, log2Pages));
        }
        long last = inputAddress | offsetMask;
        int removed = 0;
        for (int level = MIN_LEVEL; level <= MAX_LEVEL; level++) {
            removed += cache.invalidateTagRange(-1L, context(domain, stage, level),
                    inputAddress >>> shift(level), last >>> shift(level));
        }
        return removed;
    }

    /** Removes every entry of one stage of {@code domain}; returns how many. */
    public int invalidateStage(int domain, int stage) {
        return cache.invalidateMatching(STAGE_MASK, context(domain, stage, MIN_LEVEL) & STAGE_MASK);
    }

    /** Removes every entry of {@code domain}; returns how many. */
    public int invalidateDomain(int domain) {
        return cache.invalidateMatching(DOMAIN_MASK, context(domain, 1, MIN_LEVEL) & DOMAIN_MASK);
    }

    public int invalidateAll() {
        return cache.invalidateAll();
    }

    public int size() {
        return cache.size();
    }

    public SetAssociativeCache cache() {
        return cache;
    }

    private static long context(int domain, int stage, int level) {
        if (stage != 1 && stage != 2) {
            throw new IllegalArgumentException("stage must be 1 or 2, got " + stage);
        }
        checkLevel(level);
        return (Integer.toUnsignedLong(domain) << 32) | ((long) stage << 8) | level;
    }

    private static int shift(int level) {
        return 12 + 9 * (level - 1);
    }

    private static void checkLevel(int level) {
        if (level < MIN_LEVEL || level > MAX_LEVEL) {
            throw new IllegalArgumentException("level must be in [" + MIN_LEVEL + ", " + MAX_LEVEL
                    + "] (level 1 holds leaf PTEs, cached by the IOTLB), got " + level);
        }
    }
}

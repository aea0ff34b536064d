package org.iommusim.hw.cache;

import java.util.random.RandomGenerator;

/**
 * The IOMMU's translation cache: entries tagged by (domain / IOASID id, PASID, page number,
 * page size) holding the final output page and permissions. Under hardware nesting an entry is
 * the combined stage-1 + stage-2 result; under shadowing it is the shadow-table result — the
 * IOTLB does not care. Also usable as a device ATC (one domain per device).
 *
 * <p><b>Encoding</b> (on a {@link SetAssociativeCache}): tag = virtual page number at the
 * entry's page size ({@code iova >>> 12/16/21/30}), so the set index is the low bits of that page
 * number; context = {@code domain << 32 | sizeCode << 20 | pasid} (domain read as an unsigned
 * 32-bit id, PASID 20 bits as in PCIe, sizeCode 0/1/2/3 for 4 KiB/2 MiB/1 GiB/64 KiB — a 64 KiB
 * entry is one contiguous-hint page, the reach of 16 4 KiB entries); payload = output
 * page base (aligned to the page size) | permissions (12 caller-defined bits, e.g. R=1, W=2).
 *
 * <p><b>Lookup</b> probes each page size that currently has entries, smallest first (a real
 * IOTLB compares all sizes in parallel), and counts <em>one</em> lookup per translation, hit or
 * miss, however many sizes it probed. Lookups are allocation-free.
 *
 * <p><b>Invalidation</b> mirrors the hardware descriptors: a page range of 2^k aligned 4 KiB pages
 * (every entry overlapping it goes, so a 2 MiB entry containing one invalidated 4 KiB page is
 * removed), all entries of a PASID, of a domain, or everything. Each returns the number of
 * entries removed. Splitting a wide range into descriptors and the time they take belong to the
 * invalidation queue, not here.
 *
 * <p>Does not model: timing ({@link CacheConfig#latencyPs()}), the reverse mapping needed to
 * find combined entries derived from one stage-2 page (a parent change uses a domain flush).
 */
public final class Iotlb {
    public static final long SIZE_4K = 1L << 12;
    public static final long SIZE_2M = 1L << 21;
    public static final long SIZE_1G = 1L << 30;
    public static final long SIZE_64K = 1L << 16;
    /** Largest PASID (20 bits, PCIe). */
    public static final int MAX_PASID = (1 << 20) - 1;
    /** For {@link #invalidateRange}: every PASID of the domain. */
    public static final int ANY_PASID = -1;
    public static final int MISS = SetAssociativeCache.MISS;
    /** Largest k of a range invalidation of 2^k pages (the whole 64-bit space). */
    public static final int MAX_LOG2_PAGES = 52;

    private static final int SIZES = 4;
    /** Shift of each size code. */
    private static final int[] SHIFT = {12, 21, 30, 16};
    /** Size codes smallest first, the lookup's probe order. */
    private static final int[] PROBE = {0, 3, 1, 2};
    private static final long DOMAIN_MASK = 0xFFFF_FFFF_0000_0000L;
    private static final long SIZE_FIELD = 0x3L << 20;
    private static final long PASID_FIELD = MAX_PASID;
    private static final long PERM_MASK = 0xFFF;

    private final SetAssociativeCache cache;
    private final int[] entriesBySize = new int[SIZES];

    public Iotlb(CacheConfig config, RandomGenerator rng, CacheStats stats) {
        this.cache = new SetAssociativeCache(config, rng, stats);
        cache.setRemovalListener((context, tag, payload, evicted) -> entriesBySize[codeOfContext(context)]--);
    }

    /** The translation of (domain, pasid, iova): a slot for the accessors below, or {@link #MISS}. */
    public int lookup(int domain, int pasid, long iova) {
        checkPasid(pasid);
        for (int code : PROBE) {
            if (entriesBySize[code] == 0) {
                continue;
            }
            int slot = cache.probe(context(domain, pasid, code), iova >>> shift(code));
            if (slot != MISS) {
                cache.recordHit(slot);
                return slot;
            }
        }
        cache.recordMiss();
        return MISS;
    }

    /**
     * {@code n} more lookups that find the entry in {@code slot} (just returned by {@link #lookup}
     * for the same page, with nothing done to the cache since): counted and shown to the
     * replacement policy as {@code n} hits in a row — the rest of a run of TLPs of one page.
     */
    public void hitAgain(int slot, int n) {
        cache.recordHits(slot, n);
    }

    /**
     * {@code n} more lookups that miss as the {@link #lookup} just made for the same page did (it
     * found no entry, and nothing was done to the cache since): counted; a miss tells the
     * replacement policy nothing — the rest of a run of TLPs of one page.
     */
    public void missAgain(int n) {
        cache.recordMisses(n);
    }

    /**
     * The slot of the exact entry for the page of {@code pageSize} containing {@code iova}, or
     * {@link #MISS}; not counted as a lookup and invisible to the replacement policy (for
     * bookkeeping beside the cache, e.g. per-entry fill stamps).
     */
    public int find(int domain, int pasid, long iova, long pageSize) {
        checkPasid(pasid);
        int code = codeOfSize(pageSize);
        return cache.probe(context(domain, pasid, code), iova >>> shift(code));
    }

    /** The output address of {@code iova} through the entry in {@code slot}. */
    public long translate(int slot, long iova) {
        long size = pageSize(slot);
        return outputPage(slot) | (iova & (size - 1));
    }

    /** The output page base of the entry in {@code slot}. */
    public long outputPage(int slot) {
        return cache.payload(slot) & ~PERM_MASK;
    }

    public long pageSize(int slot) {
        return 1L << shift(codeOfContext(cache.context(slot)));
    }

    public int permissions(int slot) {
        return (int) (cache.payload(slot) & PERM_MASK);
    }

    /**
     * Caches the translation of the page of {@code pageSize} containing {@code iova} (any
     * address in the page) to the output page {@code outputPage} (aligned to the page size).
     */
    public InsertResult fill(int domain, int pasid, long iova, long pageSize, long outputPage, int permissions) {
        checkPasid(pasid);
        int code = codeOfSize(pageSize);
        if ((outputPage & (pageSize - 1)) != 0) {
            throw new IllegalArgumentException(String.format(
                    "output page 0x%x is not aligned to the page size 0x%x", outputPage, pageSize));
        }
        if ((permissions & ~PERM_MASK) != 0) {
            throw new IllegalArgumentException(
                    "permissions must fit in 12 bits, got 0x" + Integer.toHexString(permissions));
        }
        InsertResult r = cache.insert(context(domain, pasid, code), iova >>> shift(code), outputPage | permissions);
        if (r == InsertResult.STORED || r == InsertResult.EVICTED) {
            entriesBySize[code]++;
        }
        return r;
    }

    /**
     * Removes every entry of {@code domain} (and {@code pasid}, unless {@link #ANY_PASID}) that
     * overlaps the 2^{@code log2Pages} 4 KiB pages starting at {@code iova}, which must be
     * aligned to the range size (the hardware's address-mask encoding). Returns how many.
     */
    public int invalidateRange(int domain, int pasid, long iova, int log2Pages) {
        if (pasid != ANY_PASID) {
            checkPasid(pasid);
        }
        if (log2Pages < 0 || log2Pages > MAX_LOG2_PAGES) {
            throw new IllegalArgumentException("log2Pages must be in [0, " + MAX_LOG2_PAGES + "], got " + log2Pages);
        }
        int bits = 12 + log2Pages;
        long offsetMask = bits >= 64 ? -1L : (1L << bits) - 1;
        if ((iova & offsetMask) != 0) {
            throw new IllegalArgumentException(String.format(
                    "range start 0x%x is not aligned to its size of 2^%d pages", iova, log2Pages));
        }
        long last = iova | offsetMask;
        long mask = pasid == ANY_PASID ? DOMAIN_MASK | SIZE_FIELD : -1L;
        int removed = 0;
        for (int code = 0; code < SIZES; code++) {
            if (entriesBySize[code] > 0) {
                long value = context(domain, pasid == ANY_PASID ? 0 : pasid, code) & mask;
                removed += cache.invalidateTagRange(mask, value, iova >>> shift(code), last >>> shift(code));
            }
        }
        return removed;
    }

    /** Removes every entry of (domain, pasid); returns how many. */
    public int invalidatePasid(int domain, int pasid) {
        checkPasid(pasid);
        return cache.invalidateMatching(DOMAIN_MASK | PASID_FIELD, context(domain, pasid, 0));
    }

    /** Removes every entry of {@code domain}; returns how many. */
    public int invalidateDomain(int domain) {
        return cache.invalidateMatching(DOMAIN_MASK, context(domain, 0, 0));
    }

    /** Removes every entry; returns how many. */
    public int invalidateAll() {
        return cache.invalidateAll();
    }

    public int size() {
        return cache.size();
    }

    /** The underlying structure (configuration and statistics). */
    public SetAssociativeCache cache() {
        return cache;
    }

    private static long context(int domain, int pasid, int sizeCode) {
        return (Integer.toUnsignedLong(domain) << 32) | ((long) sizeCode << 20) | pasid;
    }

    private static int codeOfContext(long context) {
        return (int) ((context & SIZE_FIELD) >>> 20);
    }

    private static int shift(int sizeCode) {
        return SHIFT[sizeCode];
    }

    private static int codeOfSize(long pageSize) {
        if (pageSize == SIZE_4K) {
            return 0;
        } else if (pageSize == SIZE_2M) {
            return 1;
        } else if (pageSize == SIZE_1G) {
            return 2;
        } else if (pageSize == SIZE_64K) {
            return 3;
        }
        throw new IllegalArgumentException("page size must be 4 KiB, 64 KiB, 2 MiB or 1 GiB (4096, 65536, 2097152, "
                + "1073741824), got " + pageSize);
    }

    private static void checkPasid(int pasid) {
        if (pasid < 0 || pasid > MAX_PASID) {
            throw new IllegalArgumentException("PASID must be in [0, " + MAX_PASID + "], got " + pasid);
        }
    }
}

package org.iommusim.hw.physmem;

import it.unimi.dsi.fastutil.HashCommon;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.Arrays;

/**
 * Models a physical address space as sparse 4 KiB pages of 512 64-bit words: one
 * {@code long[512]} per resident page, never an object per word. Pages are found through a
 * two-level directory: a hash map from 2 MiB chunk number to an array of 512 page references,
 * with a small direct-mapped memo of recent chunks, so a PTE read usually costs two array
 * loads. A word that was never written reads as zero, which is a non-present PTE.
 *
 * <p>Does not model data contents, caches, latency or access rights: the timing layer charges
 * for reads, and the IOMMU's permission checks live in the walkers. Addresses are byte
 * addresses; words are 8-byte aligned (the low 3 bits are ignored).
 */
public final class PhysicalMemory {
    /** Bytes per page. */
    public static final int PAGE_SIZE = 4096;
    /** 64-bit words per page. */
    public static final int WORDS_PER_PAGE = 512;

    private static final int CHUNK_PAGES = 512;
    private static final int MEMO = 64;

    private final Long2ObjectOpenHashMap<long[][]> chunks = new Long2ObjectOpenHashMap<>();
    private final long[] memoKey = new long[MEMO];
    private final long[][][] memoChunk = new long[MEMO][][];
    private int residentPages;
    private long digest;

    public PhysicalMemory() {
        Arrays.fill(memoKey, -1L);
    }

    /** Reads the 64-bit word at byte address {@code addr} (zero if never written). */
    public long read(long addr) {
        long[][] chunk = chunk(addr >>> 21);
        if (chunk == null) {
            return 0L;
        }
        long[] page = chunk[(int) (addr >>> 12) & (CHUNK_PAGES - 1)];
        return page == null ? 0L : page[(int) (addr >>> 3) & 511];
    }

    private long[][] chunk(long key) {
        int slot = (int) (key ^ (key >>> 6)) & (MEMO - 1);
        if (memoKey[slot] == key) {
            return memoChunk[slot];
        }
        long[][] chunk = chunks.get(key);
        if (chunk != null) {
            memoKey[slot] = key;
            memoChunk[slot] = chunk;
        }
        return chunk;
    }

    private long[] page(long addr) {
        long[][] chunk = chunk(addr >>> 21);
        return chunk == null ? null : chunk[(int) (addr >>> 12) & (CHUNK_PAGES - 1)];
    }

    /** Writes the 64-bit word at byte address {@code addr}. Writing zero never creates a page. */
    public void write(long addr, long value) {
        long[] page = page(addr);
        if (page == null) {
            if (value == 0L) {
                return;
            }
            long[][] chunk = chunk(addr >>> 21);
            if (chunk == null) {
                chunk = new long[CHUNK_PAGES][];
                chunks.put(addr >>> 21, chunk);
            }
            page = new long[WORDS_PER_PAGE];
            chunk[(int) (addr >>> 12) & (CHUNK_PAGES - 1)] = page;
            residentPages++;
        }
        int i = (int) (addr >>> 3) & 511;
        digest += wordHash(addr, value) - wordHash(addr, page[i]);
        page[i] = value;
    }

    /** True if every word of the page at {@code pageAddr} is zero. */
    public boolean isZeroPage(long pageAddr) {
        long[] page = page(pageAddr);
        if (page == null) {
            return true;
        }
        for (long w : page) {
            if (w != 0L) {
                return false;
            }
        }
        return true;
    }

    /** Zeroes the page at {@code pageAddr} and releases its storage. */
    public void clearPage(long pageAddr) {
        long[][] chunk = chunk(pageAddr >>> 21);
        int idx = (int) (pageAddr >>> 12) & (CHUNK_PAGES - 1);
        if (chunk == null || chunk[idx] == null) {
            return;
        }
        long[] page = chunk[idx];
        long base = pageAddr & ~0xFFFL;
        for (int i = 0; i < WORDS_PER_PAGE; i++) {
            digest -= wordHash(base + 8L * i, page[i]);
        }
        chunk[idx] = null;
        residentPages--;
    }

    /** Number of pages that currently hold storage. */
    public int residentPages() {
        return residentPages;
    }

    /**
     * Order-independent digest of the contents, kept up to date by every write: the sum of a
     * hash of each non-zero word and its address. Equal contents give equal digests whatever
     * the history. A test aid (for "a rejected operation changes nothing"), not a proof.
     */
    public long fingerprint() {
        return digest;
    }

    private static long wordHash(long addr, long value) {
        return value == 0L ? 0L
                : HashCommon.murmurHash3((addr & ~7L) * 0x9E3779B97F4A7C15L ^ HashCommon.murmurHash3(value));
    }
}

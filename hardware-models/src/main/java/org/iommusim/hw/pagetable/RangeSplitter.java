package org.iommusim.hw.pagetable;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's one rule for how many invalidation descriptors a range takes: split an
 * arbitrary page range {@code [first, first + pages)} into the aligned power-of-two chunks that
 * page-selective invalidation descriptors can express (VT-d's address mask, SMMUv3's range TLBI
 * granules are similar): each chunk covers {@code 2^order} pages, starts at a multiple of
 * {@code 2^order}, and has at most {@code limit} pages. The host's invalidation queue encodes
 * its descriptors with it ({@code InvBatch}), the timed control plane prices them with it, and
 * the functional control plane counts a guest's descriptors with it.
 *
 * <p>The split is greedy from the low end: at each position take the largest chunk that is
 * aligned there, fits in what remains, and respects the limit. That gives the fewest such
 * chunks (the standard minimal decomposition of an interval into aligned blocks), covers the
 * range exactly, and keeps the chunks in address order.
 *
 * <p>It lives with the page tables because both the functional core and the timed IOMMU use it.
 * Over-invalidation — one larger aligned block covering the whole range, as Linux's VT-d and
 * AMD drivers encode a range in one command — is {@link #coverOrder}.
 */
public final class RangeSplitter {
    /** Receives chunks in address order. */
    @FunctionalInterface
    public interface ChunkSink {
        void chunk(long firstPage, int order);
    }

    /** One aligned chunk: {@code 2^order} pages from {@code firstPage}. */
    public record Chunk(long firstPage, int order) {
        public long pages() {
            return 1L << order;
        }
    }

    /**
     * The order of the smallest naturally aligned power-of-two block of pages that contains
     * {@code [first, first + pages)}: 0 for one page, else the position above the highest bit
     * in which the first and last page numbers differ. This is the block Linux's VT-d driver
     * flushes with one page-selective descriptor ({@code calculate_psi_aligned_address}) and
     * AMD's {@code build_inv_address} encodes with the S bit.
     */
    public static int coverOrder(long first, long pages) {
        if (pages < 1 || first < 0 || first + pages < first) {
            throw new IllegalArgumentException("page range must be non-empty and non-negative, got first " + first
                    + ", pages " + pages);
        }
        long last = first + pages - 1;
        return 64 - Long.numberOfLeadingZeros(first ^ last);
    }

    private static final ChunkSink NO_SINK = (firstPage, order) -> { };

    private RangeSplitter() {
    }

    /**
     * Feeds the chunks of {@code [first, first + pages)} to {@code sink}; returns how many.
     * Allocation-free.
     *
     * @param limit the widest chunk in pages, a power of two
     */
    public static int split(long first, long pages, long limit, ChunkSink sink) {
        check(first, pages, limit);
        int maxOrder = Long.numberOfTrailingZeros(limit);
        long at = first;
        long left = pages;
        int n = 0;
        while (left > 0) {
            int order = order(at, left, maxOrder);
            sink.chunk(at, order);
            at += 1L << order;
            left -= 1L << order;
            n++;
        }
        return n;
    }

    /** The chunks of {@code [first, first + pages)} as a list (allocates; for tools and tests). */
    public static List<Chunk> split(long first, long pages, long limit) {
        List<Chunk> out = new ArrayList<>();
        split(first, pages, limit, (f, o) -> out.add(new Chunk(f, o)));
        return out;
    }

    /** How many descriptors {@code [first, first + pages)} needs (the chunks {@link #split} would feed). */
    public static int count(long first, long pages, long limit) {
        return split(first, pages, limit, NO_SINK);
    }

    /**
     * How many descriptors the byte range {@code [start, end)} takes: the 4 KiB pages it touches,
     * split as {@link #count} does ({@code end} is exclusive; an empty range still takes one).
     */
    public static long descriptors(long start, long end, long limit) {
        long first = start >>> 12;
        long last = (end + 0xFFFL) >>> 12;
        return count(first, Math.max(1, last - first), limit);
    }

    /** The largest order aligned at {@code at}, not above {@code left} pages, not above {@code maxOrder}. */
    private static int order(long at, long left, int maxOrder) {
        int aligned = at == 0 ? 63 : Long.numberOfTrailingZeros(at);
        int fits = 63 - Long.numberOfLeadingZeros(left);
        return Math.min(maxOrder, Math.min(aligned, fits));
    }

    private static void check(long first, long pages, long limit) {
        if (limit < 1 || Long.bitCount(limit) != 1) {
            throw new IllegalArgumentException("descriptor page limit must be a power of two >= 1, got " + limit);
        }
        if (first < 0) {
            throw new IllegalArgumentException("first page must be >= 0, got " + first);
        }
        if (pages < 1) {
            throw new IllegalArgumentException("a range must cover at least 1 page, got " + pages);
        }
        if (first > Long.MAX_VALUE - pages) {
            throw new IllegalArgumentException("range [" + first + ", +" + pages + ") overflows page numbers");
        }
    }
}

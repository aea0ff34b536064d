package org.iommusim.hw.pagetable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import org.iommusim.hw.pagetable.RangeSplitter.Chunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RangeSplitterTest {
    private static final long VTD_LIMIT = 1L << 18;

    private static Chunk c(long first, int order) {
        return new Chunk(first, order);
    }

    @Test
    void alignedPowerOfTwoRange_isOneDescriptor() {
        assertThat(RangeSplitter.split(0, 512, VTD_LIMIT)).containsExactly(c(0, 9));
        assertThat(RangeSplitter.split(0x1200, 512, VTD_LIMIT)).containsExactly(c(0x1200, 9));
        assertThat(RangeSplitter.split(77, 1, VTD_LIMIT)).containsExactly(c(77, 0));
    }

    @Test
    void unalignedRange_splitsIntoGrowingThenShrinkingAlignedChunks() {
        // [3, 13): 3 | 4..7 | 8..11 | 12
        assertThat(RangeSplitter.split(3, 10, VTD_LIMIT)).containsExactly(c(3, 0), c(4, 2), c(8, 2), c(12, 0));
        // [6, 22): 6..7 | 8..15 | 16..19 | 20..21
        assertThat(RangeSplitter.split(6, 16, VTD_LIMIT)).containsExactly(c(6, 1), c(8, 3), c(16, 2), c(20, 1));
        // An aligned start but a length that is not a power of two: 0..7 | 8..9 | 10
        assertThat(RangeSplitter.split(0, 11, VTD_LIMIT)).containsExactly(c(0, 3), c(8, 1), c(10, 0));
    }

    @Test
    void rangeWiderThanTheLimit_isCutIntoLimitSizedChunks() {
        assertThat(RangeSplitter.split(0, 1L << 20, VTD_LIMIT)).containsExactly(c(0, 18), c(1L << 18, 18),
                c(2L << 18, 18), c(3L << 18, 18));
        // [5, 18) with at most 2 pages: 5 | 6..7 | 8..9 | 10..11 | 12..13 | 14..15 | 16..17
        assertThat(RangeSplitter.split(5, 13, 2)).containsExactly(c(5, 0), c(6, 1), c(8, 1), c(10, 1), c(12, 1),
                c(14, 1), c(16, 1));
        // [1, 1 + 2^19): orders 0..17 up to 2^18, then one 2^18 chunk, then the single last page.
        List<Chunk> chunks = RangeSplitter.split(1, 1L << 19, VTD_LIMIT);
        assertThat(chunks).hasSize(20);
        for (int k = 0; k < 18; k++) {
            assertThat(chunks.get(k)).isEqualTo(c(1L << k, k));
        }
        assertThat(chunks.get(18)).isEqualTo(c(1L << 18, 18));
        assertThat(chunks.get(19)).isEqualTo(c(1L << 19, 0));
        assertThat(RangeSplitter.count(1, 1L << 19, VTD_LIMIT)).isEqualTo(20);
    }

    /** Random ranges: exact cover, alignment, limit, and the fewest chunks (checked against a DP). */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void randomRanges_coverExactly_alignedWithinLimit_andMinimal(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int trial = 0; trial < 2_000; trial++) {
            long limit = 1L << r.nextInt(0, 8);
            long first = r.nextLong(0, 600);
            long pages = r.nextLong(1, 400);
            List<Chunk> chunks = RangeSplitter.split(first, pages, limit);
            String what = "seed " + seed + ": [" + first + ", +" + pages + ") limit " + limit;
            long at = first;
            for (Chunk ch : chunks) { // plain checks: AssertJ per chunk would dominate the run time
                if (ch.firstPage() != at || ch.firstPage() % ch.pages() != 0 || ch.pages() > limit) {
                    fail(what + ": chunk " + ch + " is not contiguous at " + at + ", aligned and within the limit");
                }
                at += ch.pages();
            }
            if (at - first != pages) {
                fail(what + ": chunks cover " + (at - first) + " pages");
            }
            if (RangeSplitter.count(first, pages, limit) != chunks.size()) {
                fail(what + ": count() disagrees with split()");
            }
            int minimal = minimalChunks(first, pages, limit);
            if (chunks.size() != minimal) {
                fail(what + ": " + chunks.size() + " chunks, but " + minimal + " suffice");
            }
        }
    }

    /** Fewest aligned power-of-two chunks of at most {@code limit} pages, by dynamic programming. */
    private static int minimalChunks(long first, long pages, long limit) {
        int n = (int) pages;
        int[] best = new int[n + 1]; // best[i]: chunks to cover [first + i, first + pages)
        for (int i = n - 1; i >= 0; i--) {
            best[i] = Integer.MAX_VALUE;
            for (long size = 1; size <= limit && i + size <= n; size <<= 1) {
                if ((first + i) % size == 0) {
                    best[i] = Math.min(best[i], 1 + best[(int) (i + size)]);
                }
            }
        }
        return best[0];
    }

    @Test
    void invalidArguments_areRejected() {
        assertThatThrownBy(() -> RangeSplitter.split(0, 0, 4)).hasMessageContaining("at least 1 page");
        assertThatThrownBy(() -> RangeSplitter.split(-1, 1, 4)).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> RangeSplitter.split(0, 1, 3)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> RangeSplitter.split(Long.MAX_VALUE, 2, 4)).hasMessageContaining("overflows");
    }

    @Test
    void descriptors_splitThePagesTheByteRangeTouches() {
        assertThat(RangeSplitter.descriptors(0x3000, 0xD000, VTD_LIMIT)).as("pages 3, 4-7, 8-11, 12").isEqualTo(4);
        assertThat(RangeSplitter.descriptors(0x3010, 0x4010, VTD_LIMIT)).as("touches pages 3 and 4").isEqualTo(2);
        assertThat(RangeSplitter.descriptors(0x5000, 0x5000, VTD_LIMIT)).as("empty: still one").isEqualTo(1);
        assertThat(RangeSplitter.descriptors(0, ((1L << 18) + 1) << 12, VTD_LIMIT)).isEqualTo(2);
    }
}

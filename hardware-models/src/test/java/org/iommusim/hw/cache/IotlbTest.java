package org.iommusim.hw.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.iommusim.hw.cache.Iotlb.ANY_PASID;
import static org.iommusim.hw.cache.Iotlb.MISS;
import static org.iommusim.hw.cache.Iotlb.SIZE_1G;
import static org.iommusim.hw.cache.Iotlb.SIZE_2M;
import static org.iommusim.hw.cache.Iotlb.SIZE_4K;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The IOTLB's tags, address math and invalidation scope (VALIDATION.md item 8, cache part). */
class IotlbTest {
    private static final int RW = 3;

    private static Iotlb iotlb(int entries, int assoc) {
        return new Iotlb(CacheConfig.of(entries, assoc, "lru"), null, CacheStats.standalone("iotlb"));
    }

    private static boolean hits(Iotlb t, int domain, int pasid, long iova) {
        return t.lookup(domain, pasid, iova) != MISS;
    }

    @Test
    void lookup_returnsCombinedOutputAddressAndPageSize() {
        Iotlb t = iotlb(2048, 4);
        t.fill(1, 0, 0x1234_5678L, SIZE_4K, 0x9_8765_4000L, RW);
        t.fill(1, 0, 0x4020_0000L + 0x1_2345L, SIZE_2M, 0x3_0000_0000L, 1);
        t.fill(1, 0, 0x80_4000_0000L + 0x123_4567L, SIZE_1G, 0x40_0000_0000L, RW);

        int s = t.lookup(1, 0, 0x1234_5ABCL);
        assertThat(t.translate(s, 0x1234_5ABCL)).isEqualTo(0x9_8765_4ABCL);
        assertThat(t.pageSize(s)).isEqualTo(SIZE_4K);
        assertThat(t.permissions(s)).isEqualTo(RW);
        assertThat(hits(t, 1, 0, 0x1234_6000L)).as("next 4 KiB page").isFalse();

        // A 2 MiB entry covers iova & ~(2M-1) .. + 2M-1, whatever 4 KiB page filled it.
        s = t.lookup(1, 0, 0x4020_0000L);
        assertThat(t.translate(s, 0x4020_0000L)).isEqualTo(0x3_0000_0000L);
        assertThat(t.translate(t.lookup(1, 0, 0x403F_FFFFL), 0x403F_FFFFL)).isEqualTo(0x3_001F_FFFFL);
        assertThat(t.pageSize(s)).isEqualTo(SIZE_2M);
        assertThat(t.outputPage(s)).isEqualTo(0x3_0000_0000L);
        assertThat(t.permissions(s)).isEqualTo(1);
        assertThat(hits(t, 1, 0, 0x401F_FFFFL)).as("just below the 2 MiB page").isFalse();
        assertThat(hits(t, 1, 0, 0x4040_0000L)).as("just above the 2 MiB page").isFalse();

        s = t.lookup(1, 0, 0x80_7FFF_FFFFL);
        assertThat(t.translate(s, 0x80_7FFF_FFFFL)).isEqualTo(0x40_3FFF_FFFFL);
        assertThat(t.pageSize(s)).isEqualTo(SIZE_1G);
        assertThat(hits(t, 1, 0, 0x80_8000_0000L)).isFalse();
    }

    @Test
    void lookup_tagsSeparateDomainAndPasid() {
        Iotlb t = iotlb(64, 4);
        t.fill(1, 5, 0x1000, SIZE_4K, 0xA000, RW);
        assertThat(hits(t, 1, 5, 0x1000)).isTrue();
        assertThat(hits(t, 1, 6, 0x1000)).isFalse();
        assertThat(hits(t, 2, 5, 0x1000)).isFalse();
        assertThat(hits(t, -1, 5, 0x1000)).as("domain ids are unsigned 32-bit").isFalse();
    }

    @Test
    void lookup_countsOneLookupPerTranslationWhateverSizesAreProbed() {
        Iotlb t = iotlb(64, 0);
        t.fill(1, 0, 0, SIZE_4K, 0, RW);
        t.fill(1, 0, 0x4000_0000L, SIZE_2M, 0, RW);
        t.fill(1, 0, 0x80_0000_0000L, SIZE_1G, 0, RW);
        hits(t, 1, 0, 0x80_0000_1000L); // hit in the 1 GiB entry, after probing 4K and 2M
        hits(t, 1, 0, 0x1_0000_0000_0000L); // miss after probing all three sizes
        CacheStats st = t.cache().stats();
        assertThat(st.lookups()).isEqualTo(2);
        assertThat(st.hits()).isEqualTo(1);
        assertThat(st.misses()).isEqualTo(1);
    }

    @ParameterizedTest(name = "k={0}")
    @ValueSource(ints = {0, 1, 3, 9, 12})
    void rangeInvalidation_removesExactlyTheAlignedPages(int k) {
        Iotlb t = iotlb(16384, 0);
        long pages = 1L << k;
        long base = 0x10_0000_0000L + (pages << 12) * 3; // aligned to the range size
        for (long p = -4; p < pages + 4; p++) {
            t.fill(7, 1, base + (p << 12), SIZE_4K, 0x1000 * (p + 10), RW);
            t.fill(7, 2, base + (p << 12), SIZE_4K, 0x1000 * (p + 10), RW);
        }
        int removed = t.invalidateRange(7, 1, base, k);
        assertThat(removed).as("k=%d", k).isEqualTo((int) pages);
        for (long p = -4; p < pages + 4; p++) {
            boolean inside = p >= 0 && p < pages;
            assertThat(hits(t, 7, 1, base + (p << 12))).as("k=%d page %d", k, p).isEqualTo(!inside);
            assertThat(hits(t, 7, 2, base + (p << 12))).as("other PASID, k=%d page %d", k, p).isTrue();
        }
    }

    @Test
    void rangeInvalidation_removesLargerPagesOverlappingTheRange() {
        Iotlb t = iotlb(2048, 4);
        t.fill(1, 0, 0x4020_0000L, SIZE_2M, 0x20_0000L, RW); // [0x4020_0000, 0x4040_0000)
        t.fill(1, 0, 0x4040_0000L, SIZE_2M, 0x40_0000L, RW); // the next 2 MiB page
        t.fill(1, 0, 0x80_0000_0000L, SIZE_1G, 0x4000_0000L, RW);
        t.fill(1, 0, 0x80_4000_0000L, SIZE_1G, 0x8000_0000L, RW);
        // One 4 KiB page at the top of the first 2 MiB page, and one inside the first 1 GiB page.
        assertThat(t.invalidateRange(1, 0, 0x403F_F000L, 0)).isEqualTo(1);
        assertThat(hits(t, 1, 0, 0x4020_0000L)).isFalse();
        assertThat(hits(t, 1, 0, 0x4040_0000L)).as("neighbouring 2 MiB page survives").isTrue();
        assertThat(t.invalidateRange(1, 0, 0x80_1234_0000L, 4)).isEqualTo(1);
        assertThat(hits(t, 1, 0, 0x80_0000_0000L)).isFalse();
        assertThat(hits(t, 1, 0, 0x80_4000_0000L)).as("neighbouring 1 GiB page survives").isTrue();
        // 2^9 pages = exactly the second 2 MiB page.
        t.fill(1, 0, 0x4020_0000L, SIZE_2M, 0x20_0000L, RW);
        assertThat(t.invalidateRange(1, 0, 0x4040_0000L, 9)).isEqualTo(1);
        assertThat(hits(t, 1, 0, 0x4020_0000L)).isTrue();
        assertThat(hits(t, 1, 0, 0x4040_0000L)).isFalse();
    }

    @Test
    void rangeInvalidation_anyPasidCoversTheDomainOnly() {
        Iotlb t = iotlb(256, 0); // fully associative: six entries of one page would overflow a 4-way set
        for (int pasid = 0; pasid < 3; pasid++) {
            t.fill(1, pasid, 0x5000, SIZE_4K, 0x9000, RW);
            t.fill(2, pasid, 0x5000, SIZE_4K, 0x9000, RW);
        }
        assertThat(t.invalidateRange(1, ANY_PASID, 0x4000, 1)).isEqualTo(3);
        assertThat(t.size()).isEqualTo(3);
        assertThat(hits(t, 2, 1, 0x5000)).isTrue();
    }

    @Test
    void rangeInvalidation_wholeAddressSpace() {
        Iotlb t = iotlb(64, 4);
        t.fill(1, 0, 0xFFFF_FFFF_FFFF_F000L, SIZE_4K, 0x1000, RW);
        t.fill(1, 0, 0, SIZE_1G, 0, RW);
        assertThat(t.invalidateRange(1, 0, 0, Iotlb.MAX_LOG2_PAGES)).isEqualTo(2);
    }

    @Test
    void rangeInvalidation_misalignedOrBadSize_rejectedWithoutChange() {
        Iotlb t = iotlb(64, 4);
        t.fill(1, 0, 0x2000, SIZE_4K, 0x1000, RW);
        assertThatThrownBy(() -> t.invalidateRange(1, 0, 0x2000, 2)).hasMessageContaining("not aligned");
        assertThatThrownBy(() -> t.invalidateRange(1, 0, 0, 53)).hasMessageContaining("log2Pages must be in [0, 52]");
        assertThat(t.size()).isEqualTo(1);
    }

    @Test
    void pasidDomainAndGlobalInvalidation_removeExactlyTheMatchingEntries() {
        Iotlb t = iotlb(2048, 0); // fully associative: nine entries share each page number
        int[] domains = {1, 2, -2};
        int[] pasids = {0, 5, Iotlb.MAX_PASID};
        long[] sizes = {SIZE_4K, SIZE_2M, SIZE_1G};
        for (int d : domains) {
            for (int p : pasids) {
                for (int i = 0; i < 3; i++) {
                    t.fill(d, p, sizes[i] * (i + 1), sizes[i], sizes[i] * 4, RW);
                }
            }
        }
        assertThat(t.size()).isEqualTo(27);
        assertThat(t.invalidatePasid(1, 5)).isEqualTo(3);
        assertThat(hits(t, 1, 5, SIZE_2M * 2)).isFalse();
        assertThat(hits(t, 1, 0, SIZE_2M * 2)).isTrue();
        assertThat(hits(t, 2, 5, SIZE_2M * 2)).isTrue();
        assertThat(t.invalidateDomain(-2)).isEqualTo(9);
        assertThat(hits(t, -2, 0, SIZE_4K)).isFalse();
        assertThat(hits(t, 2, Iotlb.MAX_PASID, SIZE_1G * 3)).isTrue();
        assertThat(t.invalidateDomain(1)).isEqualTo(6);
        assertThat(t.invalidateAll()).isEqualTo(9);
        assertThat(t.size()).isZero();
        assertThat(t.cache().stats().invalidations()).isEqualTo(27);
    }

    @Test
    void disabled_alwaysMisses() {
        Iotlb t = new Iotlb(new CacheConfig(2048, 4, "lru", false, 0), null, CacheStats.standalone("iotlb"));
        assertThat(t.fill(1, 0, 0x1000, SIZE_4K, 0x2000, RW)).isEqualTo(InsertResult.DISABLED);
        assertThat(hits(t, 1, 0, 0x1000)).isFalse();
        assertThat(t.cache().stats().misses()).isEqualTo(1);
        assertThat(t.invalidateAll()).isZero();
    }

    @Test
    void evictedHugePage_isNoLongerFound() {
        Iotlb t = iotlb(4, 0);
        t.fill(1, 0, 0x4000_0000L, SIZE_1G, 0, RW);
        for (long p = 0; p < 4; p++) {
            t.fill(1, 0, p << 12, SIZE_4K, 0, RW);
        }
        assertThat(hits(t, 1, 0, 0x4000_0000L)).isFalse();
        t.fill(1, 0, 0x4000_0000L, SIZE_1G, 0, RW);
        assertThat(hits(t, 1, 0, 0x7FFF_F000L)).isTrue();
    }

    @Test
    void fill_badArguments_rejected() {
        Iotlb t = iotlb(64, 4);
        assertThatThrownBy(() -> t.fill(1, 0, 0, 8192, 0, RW))
                .hasMessageContaining("page size must be 4 KiB, 64 KiB, 2 MiB or 1 GiB").hasMessageContaining("got 8192");
        assertThatThrownBy(() -> t.fill(1, 0, 0, SIZE_2M, 0x1000, RW)).hasMessageContaining("not aligned");
        assertThatThrownBy(() -> t.fill(1, 1 << 20, 0, SIZE_4K, 0, RW)).hasMessageContaining("PASID must be in");
        assertThatThrownBy(() -> t.fill(1, 0, 0, SIZE_4K, 0, 0x1000)).hasMessageContaining("12 bits");
    }

    @Test
    void randomInvalidations_matchDirectDefinition() {
        // No evictions (large cache): after any mix of fills and invalidations, an iova hits
        // iff some fill covering it was not removed by a later invalidation whose scope covers it.
        long seed = 8L;
        SplittableRandom rnd = new SplittableRandom(seed);
        Iotlb t = iotlb(8192, 0);
        int n = 600;
        int[] dom = new int[n];
        int[] pas = new int[n];
        long[] base = new long[n];
        long[] size = new long[n];
        boolean[] live = new boolean[n];
        long[] sizes = {SIZE_4K, SIZE_2M, SIZE_1G};
        for (int i = 0; i < n; i++) {
            dom[i] = rnd.nextInt(3);
            pas[i] = rnd.nextInt(3);
            size[i] = sizes[rnd.nextInt(10) < 8 ? 0 : 1 + rnd.nextInt(2)];
            base[i] = (rnd.nextLong(1L << 32) & ~(size[i] - 1));
            boolean dup = false;
            for (int j = 0; j < i; j++) {
                dup |= dom[j] == dom[i] && pas[j] == pas[i] && size[j] == size[i] && base[j] == base[i];
            }
            if (!dup) {
                t.fill(dom[i], pas[i], base[i], size[i], 0, RW);
                live[i] = true;
            }
        }
        for (int op = 0; op < 200; op++) {
            int d = rnd.nextInt(3);
            int p = rnd.nextInt(4) - 1;
            int kind = rnd.nextInt(10);
            int k = rnd.nextInt(20);
            long start = rnd.nextLong(1L << 32) & -(1L << (12 + k));
            int expected = 0;
            for (int i = 0; i < n; i++) {
                boolean scope = kind == 0 ? p >= 0 && dom[i] == d && pas[i] == p
                        : kind == 1 ? dom[i] == d
                        : dom[i] == d && (p < 0 || pas[i] == p)
                                && base[i] < start + (1L << (12 + k)) && start < base[i] + size[i];
                if (live[i] && scope) {
                    live[i] = false;
                    expected++;
                }
            }
            int removed = kind == 0 ? (p >= 0 ? t.invalidatePasid(d, p) : 0)
                    : kind == 1 ? t.invalidateDomain(d) : t.invalidateRange(d, p, start, k);
            assertThat(removed).as("seed=%d op=%d kind=%d", seed, op, kind).isEqualTo(expected);
            if (op % 20 == 0) {
                for (int i = 0; i < n; i++) {
                    long iova = base[i] + rnd.nextLong(size[i]);
                    boolean covered = false;
                    for (int j = 0; j < n; j++) {
                        covered |= live[j] && dom[j] == dom[i] && pas[j] == pas[i]
                                && iova >= base[j] && iova < base[j] + size[j];
                    }
                    assertThat(hits(t, dom[i], pas[i], iova)).as("seed=%d op=%d entry %d", seed, op, i)
                            .isEqualTo(covered);
                }
            }
        }
    }
}

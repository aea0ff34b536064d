package org.iommusim.hw.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.iommusim.hw.cache.SetAssociativeCache.MISS;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * VALIDATION.md item 2: LRU hit ratios against closed forms. Counters are reset after a
 * warm-up, so the ratios are those of the steady state.
 */
class LruHitRatioValidationTest {
    private static final int MEASURED = 1_000_000;

    /** A cache that inserts on a miss, as a TLB does; returns its statistics. */
    private static CacheStats reference(SetAssociativeCache c, long page) {
        if (c.lookup(0, page) == MISS) {
            c.insert(0, page, page);
        }
        return c.stats();
    }

    private static SetAssociativeCache fullyAssociativeLru(int entries) {
        return new SetAssociativeCache(CacheConfig.of(entries, 0, "lru"), null, CacheStats.standalone("tlb"));
    }

    @ParameterizedTest(name = "C={0} N={1} seed={2}")
    @CsvSource({"64, 128, 11", "256, 1024, 12", "2048, 4096, 13", "100, 400, 14", "512, 640, 15", "2048, 2560, 16"})
    void uniformReferences_hitRatioIsCOverN(int c, int n, long seed) {
        SetAssociativeCache tlb = fullyAssociativeLru(c);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < 20 * n; i++) {
            reference(tlb, rnd.nextInt(n));
        }
        tlb.stats().reset();
        for (int i = 0; i < MEASURED; i++) {
            reference(tlb, rnd.nextInt(n));
        }
        assertThat(tlb.stats().lookups()).isEqualTo(MEASURED);
        assertThat(tlb.stats().hitRatio()).as("C=%d N=%d seed=%d", c, n, seed).isCloseTo((double) c / n, within(0.01));
    }

    @ParameterizedTest(name = "C={0} N={1} seed={2}")
    @CsvSource({"64, 64, 21", "2048, 2048, 22", "2048, 1000, 23", "32, 1, 24"})
    void uniformReferences_atMostCPages_hitRatioOne(int c, int n, long seed) {
        SetAssociativeCache tlb = fullyAssociativeLru(c);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < 30 * n; i++) {
            reference(tlb, rnd.nextInt(n));
        }
        tlb.stats().reset();
        for (int i = 0; i < MEASURED; i++) {
            reference(tlb, rnd.nextInt(n));
        }
        assertThat(tlb.stats().hitRatio()).as("C=%d N=%d seed=%d", c, n, seed).isGreaterThanOrEqualTo(0.9999);
        assertThat(tlb.stats().evictions()).as("C=%d N=%d seed=%d: nothing to evict", c, n, seed).isZero();
    }

    @ParameterizedTest(name = "C={0} R={1}")
    @CsvSource({"64, 65", "64, 128", "2048, 2049", "2048, 5000"})
    void cyclicSweep_moreThanCPages_zeroHitsExactly(int c, int r) {
        SetAssociativeCache tlb = fullyAssociativeLru(c);
        for (int i = 0; i < 2 * r; i++) {
            reference(tlb, i % r);
        }
        tlb.stats().reset();
        for (int i = 0; i < MEASURED; i++) {
            reference(tlb, i % r);
        }
        assertThat(tlb.stats().hits()).as("C=%d R=%d: each page was evicted C references ago", c, r).isZero();
        assertThat(tlb.stats().misses()).isEqualTo(MEASURED);
    }

    static String[] policies() {
        return ReplacementPolicies.names().toArray(new String[0]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void setAssociativeCyclicSweep_atMostCAndNoSetOverflow_allHits(String policy) {
        // 64 sets x 4 ways. Consecutive pages spread over consecutive sets (low-bit index), so a
        // sweep over R <= 256 consecutive pages puts at most 4 in any set: nothing is evicted.
        for (int r : new int[] {256, 200, 4}) {
            long base = 0x7_0000_0123L;
            SetAssociativeCache tlb = new SetAssociativeCache(CacheConfig.of(256, 4, policy),
                    new SplittableRandom(31), CacheStats.standalone("tlb"));
            for (int i = 0; i < r; i++) {
                reference(tlb, base + i);
            }
            assertThat(tlb.stats().misses()).as("%s R=%d: first sweep is all cold misses", policy, r).isEqualTo(r);
            tlb.stats().reset();
            for (int i = 0; i < 100 * r; i++) {
                reference(tlb, base + i % r);
            }
            assertThat(tlb.stats().hitRatio()).as("%s R=%d seed=31", policy, r).isEqualTo(1.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void setAssociativeCyclicSweep_overflowingOneSet_conflictMisses(String policy) {
        // Five pages a stride of 64 apart all map to set 0 of a 64x4 cache: the set overflows
        // although the cache has 256 entries. LRU, FIFO and round-robin then miss on every
        // reference (each page was evicted 4 fills ago); tree-PLRU hits once while the set first
        // fills up and then thrashes too; random replacement keeps a share of the pages (about 0.6).
        SetAssociativeCache tlb = new SetAssociativeCache(CacheConfig.of(256, 4, policy), new SplittableRandom(32),
                CacheStats.standalone("tlb"));
        for (int i = 0; i < 10_000; i++) {
            reference(tlb, 64L * (i % 5));
        }
        assertThat(tlb.size()).isEqualTo(4);
        if (policy.equals("lru") || policy.equals("fifo") || policy.equals("round-robin")) {
            assertThat(tlb.stats().hits()).as("%s", policy).isZero();
        } else if (policy.equals("tree-plru")) {
            assertThat(tlb.stats().hits()).as("%s", policy).isLessThanOrEqualTo(1);
        } else {
            assertThat(tlb.stats().hitRatio()).as("%s seed=32", policy).isBetween(0.4, 0.8);
        }
    }
}

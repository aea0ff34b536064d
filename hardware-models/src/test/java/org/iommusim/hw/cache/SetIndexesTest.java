package org.iommusim.hw.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The set-index functions: modulo and XOR fold are permutations on aligned blocks of
 * {@code sets} tags (an aligned window of N ≤ C pages never conflicts), the hash is not
 * (conflict misses appear near N = C), and every structure accepts every index.
 */
class SetIndexesTest {
    private static final int SETS_BITS = 4; // 128 entries, 8 ways

    @Test
    void moduloAndXorFold_arePermutationsOnAlignedBlocks() {
        for (String name : new String[] {"modulo", "xor-fold"}) {
            SetIndex f = SetIndexes.get(name);
            for (long base = 0x12340; base < 0x12340 + 64; base += 16) {
                boolean[] seen = new boolean[16];
                for (long t = base; t < base + 16; t++) {
                    int s = f.setOf(t, SETS_BITS);
                    assertThat(s).isBetween(0, 15);
                    assertThat(seen[s]).as("%s: tag %x reuses set %d", name, t, s).isFalse();
                    seen[s] = true;
                }
            }
        }
    }

    @Test
    void xorFold_spreadsAPowerOfTwoStrideThatModuloPilesIntoOneSet() {
        SetIndex modulo = SetIndexes.get("modulo");
        SetIndex xor = SetIndexes.get("xor-fold");
        java.util.Set<Integer> m = new java.util.HashSet<>();
        java.util.Set<Integer> x = new java.util.HashSet<>();
        for (long i = 0; i < 16; i++) {
            m.add(modulo.setOf(i * 16, SETS_BITS));
            x.add(xor.setOf(i * 16, SETS_BITS));
        }
        assertThat(m).hasSize(1);
        assertThat(x).hasSize(16);
    }

    /** Hit ratio of uniform random lookups over an aligned window of {@code pages} in a 128-entry 8-way LRU cache. */
    private static double hitRatio(String index, int pages, long seed) {
        SetAssociativeCache c = new SetAssociativeCache(new CacheConfig(128, 8, "lru", true, 0, index), null,
                CacheStats.standalone("t"));
        SplittableRandom rnd = new SplittableRandom(seed);
        long base = 0x40000; // aligned
        int hits = 0;
        int n = 200_000;
        for (int i = 0; i < n + 20_000; i++) {
            long tag = base + rnd.nextInt(pages);
            boolean hit = c.lookup(0, tag) != SetAssociativeCache.MISS;
            if (!hit) {
                c.insert(0, tag, tag);
            }
            if (i >= 20_000 && hit) {
                hits++;
            }
        }
        return (double) hits / n;
    }

    @Test
    void alignedWindow_atCapacity_onlyTheHashConflicts() {
        long seed = 20261205;
        System.out.printf("seed %d: N=C modulo %.4f xor-fold %.4f hash %.4f; N=C/2 hash %.4f%n", seed,
                hitRatio("modulo", 128, seed), hitRatio("xor-fold", 128, seed), hitRatio("hash", 128, seed),
                hitRatio("hash", 64, seed));
        assertThat(hitRatio("modulo", 128, seed)).isEqualTo(1.0);
        assertThat(hitRatio("xor-fold", 128, seed)).isEqualTo(1.0);
        assertThat(hitRatio("hash", 128, seed)).as("sets overflow at N = C").isLessThan(0.97);
        assertThat(hitRatio("hash", 64, seed)).as("half full: almost no set overflows").isGreaterThan(0.99);
    }

    @Test
    void unknownIndex_failsWithTheAllowedNames() {
        assertThatThrownBy(() -> new CacheConfig(128, 8, "lru", true, 0, "crc"))
                .hasMessageContaining("unknown set index 'crc'").hasMessageContaining("modulo, xor-fold, hash");
    }
}

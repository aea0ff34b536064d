package org.iommusim.hw.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iommusim.hw.cache.Traces.expect;
import static org.iommusim.hw.cache.Traces.run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Each policy on a 1-set, 4-way cache (tags A, B, … all map to the one set). Fills go to
 * free ways in order, so A, B, C, D sit in ways 0, 1, 2, 3 after the first four misses.
 */
class ReplacementPolicyTraceTest {
    private static final String TRACE = "A B C D A E F D G";

    private static SetAssociativeCache oneSetFourWays(String policy) {
        return new SetAssociativeCache(CacheConfig.of(4, 4, policy), new SplittableRandom(1),
                CacheStats.standalone("t"));
    }

    @Test
    void lru_evictsLeastRecentlyUsed() {
        // A B C D fill ways 0-3 (recency, oldest first: A B C D). A hits -> B C D A.
        // E evicts B, the least recent -> C D A E.  F evicts C -> D A E F.
        // D hits -> A E F D.  G evicts A (used long ago, before E, F and D).
        assertThat(run(oneSetFourWays("lru"), TRACE))
                .isEqualTo(expect("A:miss B:miss C:miss D:miss A:hit E:miss>B F:miss>C D:hit G:miss>A"));
    }

    @Test
    void fifo_ignoresHitsAndEvictsOldestFill() {
        // Fill order A B C D; the hit on A changes nothing, so E evicts A (oldest fill) -> B C D E.
        // F evicts B -> C D E F.  D hits (no change).  G evicts C.
        assertThat(run(oneSetFourWays("fifo"), TRACE))
                .isEqualTo(expect("A:miss B:miss C:miss D:miss A:hit E:miss>A F:miss>B D:hit G:miss>C"));
    }

    @Test
    void roundRobin_ignoresHitsAndCyclesThePointer() {
        // Pointer starts at way 0 and moves only on eviction. E evicts way 0 (A), pointer 1;
        // F evicts way 1 (B), pointer 2; D hits; G evicts way 2 (C).
        assertThat(run(oneSetFourWays("round-robin"), TRACE))
                .isEqualTo(expect("A:miss B:miss C:miss D:miss A:hit E:miss>A F:miss>B D:hit G:miss>C"));
    }

    @Test
    void treePlru_followsTreeBitsNotTrueRecency() {
        // Bits b0 (root: 0 = left pair {0,1}, 1 = right pair {2,3}), b1 (0 = way 0, 1 = way 1),
        // b2 (0 = way 2, 1 = way 3); an access points every bit on its path away from the way.
        // Fills A(0) B(1) C(2) D(3) leave b0=0 b1=0 b2=0. A hits way 0: b1=1, b0=1.
        // E: b0=1 -> right pair, b2=0 -> way 2: evicts C (true LRU would evict B); E sets b2=1, b0=0.
        // F: b0=0 -> left pair, b1=1 -> way 1: evicts B; F sets b1=0, b0=1.
        // D hits way 3: b2=0, b0=0.  G: b0=0 -> left, b1=0 -> way 0: evicts A.
        assertThat(run(oneSetFourWays("tree-plru"), TRACE))
                .isEqualTo(expect("A:miss B:miss C:miss D:miss A:hit E:miss>C F:miss>B D:hit G:miss>A"));
    }

    @Test
    void fifo_refilledFreeWayBecomesNewest() {
        // -B frees way 1; E fills it and is the newest fill: order A C D E.
        // F evicts A (oldest); G evicts C.
        assertThat(run(oneSetFourWays("fifo"), "A B C D -B E F G"))
                .isEqualTo(expect("A:miss B:miss C:miss D:miss -B:removed E:miss F:miss>A G:miss>C"));
    }

    @Test
    void roundRobin_pointerIgnoresFillOrder() {
        // -B frees way 1; E fills it without moving the pointer (still way 0).
        // F evicts way 0 (A), pointer 1; G evicts way 1, which now holds E (FIFO would evict C).
        assertThat(run(oneSetFourWays("round-robin"), "A B C D -B E F G"))
                .isEqualTo(expect("A:miss B:miss C:miss D:miss -B:removed E:miss F:miss>A G:miss>E"));
    }

    @Test
    void lru_invalidatedWayIsRefilledBeforeAnyEviction() {
        // A B C D, then A hits (B C D A). -C frees way 2; E fills it (no eviction): B D A E.
        // F evicts B (least recent), G evicts D.
        assertThat(run(oneSetFourWays("lru"), "A B C D A -C E F G"))
                .isEqualTo(expect("A:miss B:miss C:miss D:miss A:hit -C:removed E:miss F:miss>B G:miss>D"));
    }

    @Test
    void lru_twoSets_onlyTheTagsSetCompetes() {
        // 2 sets x 2 ways: the set is the low tag bit. A=0, C=2, E=4 share set 0; B=1 is in set 1.
        // A B C fill; E evicts A (LRU of set 0), not B, though B is older overall.
        SetAssociativeCache c = new SetAssociativeCache(CacheConfig.of(4, 2, "lru"), null,
                CacheStats.standalone("t"));
        assertThat(run(c, "A B C E B")).isEqualTo(expect("A:miss B:miss C:miss E:miss>A B:hit"));
    }

    @Test
    void random_victimIsResidentAndSequenceReproducible() {
        long seed = 20240601L;
        List<Long> first = randomVictims(seed, false);
        assertThat(randomVictims(seed, false)).as("seed=%d: same seed, same victims", seed).isEqualTo(first);
        assertThat(randomVictims(seed, true))
                .as("seed=%d: hits draw no random numbers, so interleaved hits leave the victims alone", seed)
                .isEqualTo(first);
        assertThat(randomVictims(seed + 1, false)).as("seed=%d vs %d", seed, seed + 1).isNotEqualTo(first);
    }

    @Test
    void random_victimWayIsUniform() {
        long seed = 7L;
        SetAssociativeCache c = new SetAssociativeCache(CacheConfig.of(4, 4, "random"), new SplittableRandom(seed),
                CacheStats.standalone("t"));
        int[] perWay = new int[4];
        int n = 40_000;
        for (long tag = 0; tag < n + 4; tag++) {
            InsertResult r = c.insert(0, tag, 0);
            if (r == InsertResult.EVICTED) {
                perWay[c.probe(0, tag)]++;
            }
        }
        for (int w = 0; w < 4; w++) {
            assertThat(perWay[w] / (double) n).as("seed=%d way %d", seed, w).isBetween(0.24, 0.26);
        }
    }

    /** 1000 evictions in a 1-set 4-way random cache; checks each victim was resident. */
    private static List<Long> randomVictims(long seed, boolean withHits) {
        SetAssociativeCache c = new SetAssociativeCache(CacheConfig.of(4, 4, "random"), new SplittableRandom(seed),
                CacheStats.standalone("t"));
        Set<Long> resident = new HashSet<>();
        List<Long> victims = new ArrayList<>();
        for (long tag = 0; tag < 1004; tag++) {
            if (withHits) {
                for (long r : resident) {
                    assertThat(c.lookup(0, r)).as("seed=%d resident %d", seed, r)
                            .isNotEqualTo(SetAssociativeCache.MISS);
                }
            }
            if (c.insert(0, tag, 0) == InsertResult.EVICTED) {
                long v = c.lastEvictedTag();
                assertThat(resident).as("seed=%d: victim %d must be one of the set's entries", seed, v).contains(v);
                resident.remove(v);
                victims.add(v);
            }
            resident.add(tag);
            assertThat(c.size()).as("seed=%d", seed).isEqualTo(resident.size());
        }
        assertThat(victims).as("seed=%d", seed).hasSize(1000);
        return victims;
    }
}

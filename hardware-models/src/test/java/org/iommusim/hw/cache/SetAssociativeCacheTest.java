package org.iommusim.hw.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iommusim.hw.cache.SetAssociativeCache.MISS;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.StatsRegistry;
import org.junit.jupiter.api.Test;

class SetAssociativeCacheTest {

    private static SetAssociativeCache lru(int entries, int assoc) {
        return new SetAssociativeCache(CacheConfig.of(entries, assoc, "lru"), null, CacheStats.standalone("t"));
    }

    @Test
    void lookup_missThenHitWithPayload() {
        SetAssociativeCache c = lru(16, 4);
        assertThat(c.lookup(7, 42)).isEqualTo(MISS);
        assertThat(c.insert(7, 42, 0xABCD_E000L)).isEqualTo(InsertResult.STORED);
        int slot = c.lookup(7, 42);
        assertThat(slot).isNotEqualTo(MISS);
        assertThat(c.payload(slot)).isEqualTo(0xABCD_E000L);
        assertThat(c.tag(slot)).isEqualTo(42);
        assertThat(c.context(slot)).isEqualTo(7);
        assertThat(c.stats().lookups()).isEqualTo(2);
        assertThat(c.stats().hits()).isEqualTo(1);
        assertThat(c.stats().misses()).isEqualTo(1);
        assertThat(c.stats().hitRatio()).isEqualTo(0.5);
    }

    @Test
    void contextIsPartOfTheKey_sameTagOtherContextMisses() {
        SetAssociativeCache c = lru(16, 4);
        c.insert(1, 42, 100);
        assertThat(c.probe(2, 42)).isEqualTo(MISS);
        c.insert(2, 42, 200);
        assertThat(c.payload(c.probe(1, 42))).isEqualTo(100);
        assertThat(c.payload(c.probe(2, 42))).isEqualTo(200);
        assertThat(c.size()).isEqualTo(2);
    }

    @Test
    void insert_presentKey_updatesPayloadInPlace() {
        SetAssociativeCache c = lru(4, 0);
        c.insert(0, 1, 10);
        assertThat(c.insert(0, 1, 11)).isEqualTo(InsertResult.UPDATED);
        assertThat(c.size()).isEqualTo(1);
        assertThat(c.payload(c.probe(0, 1))).isEqualTo(11);
        assertThat(c.stats().evictions()).isZero();
        assertThat(c.stats().lookups()).as("an update is not a lookup").isZero();
    }

    @Test
    void setIndex_isLowTagBits() {
        // 4 sets x 1 way: tags 0..3 land in different sets and coexist; tag 4 shares set 0 with tag 0.
        SetAssociativeCache c = lru(4, 1);
        for (long t = 0; t < 4; t++) {
            assertThat(c.setOf(t)).isEqualTo((int) t);
            assertThat(c.insert(0, t, t)).isEqualTo(InsertResult.STORED);
        }
        assertThat(c.setOf(4)).isZero();
        assertThat(c.setOf(0x1235)).isEqualTo(1);
        assertThat(c.insert(99, 4, 4)).as("context does not take part in the index").isEqualTo(InsertResult.EVICTED);
        assertThat(c.lastEvictedTag()).isZero();
        assertThat(c.lastEvictedContext()).isZero();
        assertThat(c.lastEvictedPayload()).isZero();
        assertThat(c.probe(0, 1)).isNotEqualTo(MISS);
    }

    @Test
    void invalidate_exactKeyOnly() {
        SetAssociativeCache c = lru(16, 4);
        c.insert(1, 5, 0);
        c.insert(2, 5, 0);
        assertThat(c.invalidate(1, 5)).isTrue();
        assertThat(c.invalidate(1, 5)).isFalse();
        assertThat(c.probe(1, 5)).isEqualTo(MISS);
        assertThat(c.probe(2, 5)).isNotEqualTo(MISS);
        assertThat(c.stats().invalidations()).isEqualTo(1);
    }

    @Test
    void invalidateMatching_removesExactlyMaskedContexts() {
        for (int assoc : new int[] {4, 0}) {
            SetAssociativeCache c = lru(64, assoc);
            for (long ctx = 0; ctx < 4; ctx++) {
                for (long t = 0; t < 8; t++) {
                    c.insert(ctx << 32 | t, t, 0); // low half: per-entry field that the mask ignores
                }
            }
            int removed = c.invalidateMatching(0xFFFF_FFFF_0000_0000L, 2L << 32);
            assertThat(removed).as("assoc=%d", assoc).isEqualTo(8);
            assertThat(c.size()).as("assoc=%d", assoc).isEqualTo(24);
            for (long t = 0; t < 8; t++) {
                assertThat(c.probe(2L << 32 | t, t)).isEqualTo(MISS);
                assertThat(c.probe(3L << 32 | t, t)).isNotEqualTo(MISS);
            }
        }
    }

    @Test
    void invalidateTagRange_boundariesExact_narrowAndWidePaths() {
        // 64 sets: a range of 5 tags takes the narrow path (5 sets scanned), one of 200 the wide path.
        for (long[] range : new long[][] {{100, 104}, {50, 249}}) {
            SetAssociativeCache c = lru(1024, 4);
            for (long t = 0; t < 300; t++) {
                c.insert(1, t, t);
                c.insert(2, t, t);
            }
            int removed = c.invalidateTagRange(-1L, 1, range[0], range[1]);
            assertThat(removed).isEqualTo((int) (range[1] - range[0] + 1));
            assertThat(c.probe(1, range[0] - 1)).as("just below the range survives").isNotEqualTo(MISS);
            assertThat(c.probe(1, range[1] + 1)).as("just above the range survives").isNotEqualTo(MISS);
            assertThat(c.probe(1, range[0])).isEqualTo(MISS);
            assertThat(c.probe(1, range[1])).isEqualTo(MISS);
            assertThat(c.probe(2, range[0])).as("other context survives").isNotEqualTo(MISS);
        }
    }

    @Test
    void invalidateIf_predicateOverPayload() {
        SetAssociativeCache c = lru(32, 0);
        for (long t = 0; t < 20; t++) {
            c.insert(0, t, t % 3);
        }
        assertThat(c.invalidateIf((ctx, tag, payload) -> payload == 0)).isEqualTo(7);
        assertThat(c.size()).isEqualTo(13);
        assertThat(c.probe(0, 3)).isEqualTo(MISS);
        assertThat(c.probe(0, 4)).isNotEqualTo(MISS);
    }

    @Test
    void invalidateAll_emptiesAndFreesEveryWay() {
        SetAssociativeCache c = lru(8, 2);
        for (long t = 0; t < 20; t++) {
            c.insert(0, t, t);
        }
        assertThat(c.invalidateAll()).isEqualTo(8);
        assertThat(c.size()).isZero();
        assertThat(c.stats().invalidations()).isEqualTo(8);
        long evictionsBefore = c.stats().evictions();
        for (long t = 0; t < 8; t++) {
            assertThat(c.insert(0, t, t)).isEqualTo(InsertResult.STORED);
        }
        assertThat(c.stats().evictions()).isEqualTo(evictionsBefore);
    }

    @Test
    void removalListener_seesEvictionsAndInvalidations() {
        SetAssociativeCache c = lru(2, 0);
        List<String> seen = new ArrayList<>();
        c.setRemovalListener((ctx, tag, payload, evicted) -> seen.add(tag + (evicted ? "e" : "i")));
        c.insert(0, 1, 0);
        c.insert(0, 2, 0);
        c.insert(0, 3, 0); // evicts 1
        c.invalidate(0, 2);
        c.invalidateAll(); // removes 3
        assertThat(seen).containsExactly("1e", "2i", "3i");
    }

    @Test
    void disabled_alwaysMissesAndStoresNothing() {
        SetAssociativeCache c = new SetAssociativeCache(new CacheConfig(16, 4, "lru", false, 0), null,
                CacheStats.standalone("t"));
        for (int i = 0; i < 3; i++) {
            assertThat(c.insert(0, 5, 1)).isEqualTo(InsertResult.DISABLED);
            assertThat(c.lookup(0, 5)).isEqualTo(MISS);
        }
        assertThat(c.size()).isZero();
        assertThat(c.stats().lookups()).isEqualTo(3);
        assertThat(c.stats().misses()).isEqualTo(3);
        assertThat(c.invalidateMatching(0, 0)).isZero();
        assertThat(c.invalidateAll()).isZero();
    }

    @Test
    void stats_registeredWithNamesUnitsAndResetByRegistry() {
        StatsRegistry reg = new StatsRegistry(new Simulator());
        CacheStats stats = CacheStats.register(reg, "iommu.iotlb", "IOTLB");
        SetAssociativeCache c = new SetAssociativeCache(CacheConfig.of(4, 0, "lru"), null, stats);
        for (long t = 0; t < 6; t++) {
            c.lookup(0, t % 5);
            c.insert(0, t % 5, 0);
        }
        c.invalidate(0, 0);
        assertThat(reg.get("iommu.iotlb.lookups").unit()).isEqualTo("lookups");
        assertThat(reg.get("iommu.iotlb.evictions").unit()).isEqualTo("entries");
        assertThat(reg.get("iommu.iotlb.hit-ratio").unit()).isEqualTo("ratio");
        assertThat(reg.get("iommu.iotlb.invalidations").description()).startsWith("IOTLB");
        // Lookups 0 1 2 3 4 0 all miss: 4 evicts 0 (LRU), the refill of 0 evicts 1; then 0 is invalidated.
        assertThat(stats.lookups()).isEqualTo(6);
        assertThat(stats.misses()).isEqualTo(6);
        assertThat(stats.hits()).isZero();
        assertThat(stats.evictions()).isEqualTo(2);
        assertThat(stats.invalidations()).isEqualTo(1);
        assertThat(reg.get("iommu.iotlb.hit-ratio").snapshot().field("value")).isEqualTo(0.0);
        reg.reset();
        assertThat(stats.lookups()).isZero();
        assertThat(stats.hitRatio()).isNaN();
    }

    @Test
    void lookupAndInsert_allocateNothing() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (String policy : ReplacementPolicies.names()) {
            SetAssociativeCache c = new SetAssociativeCache(CacheConfig.of(2048, 0, policy),
                    new java.util.SplittableRandom(3), CacheStats.standalone("t"));
            churn(c, 200_000); // warm up (JIT, first fills)
            long before = bean.getCurrentThreadAllocatedBytes();
            churn(c, 1_000_000);
            long allocated = bean.getCurrentThreadAllocatedBytes() - before;
            assertThat(allocated).as("policy %s: bytes allocated by 10^6 lookups/fills", policy).isLessThan(64 * 1024);
        }
    }

    private static void churn(SetAssociativeCache c, int n) {
        long x = 12345;
        for (int i = 0; i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            long tag = (x >>> 33) % 4096;
            if (c.lookup(tag & 3, tag) == MISS) {
                c.insert(tag & 3, tag, tag);
            }
        }
    }
}

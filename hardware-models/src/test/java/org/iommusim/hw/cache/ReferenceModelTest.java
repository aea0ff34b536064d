package org.iommusim.hw.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iommusim.hw.cache.SetAssociativeCache.MISS;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The LRU cache against an obviously correct model (one access-ordered LinkedHashMap per set)
 * under a random mix of lookups, fills and every kind of invalidation. Covers both the scanned
 * sets (≤ 8 ways) and the hash-indexed ones, whose backward-shift deletion is the subtle part.
 */
class ReferenceModelTest {

    private record Key(long context, long tag) {
    }

    @ParameterizedTest(name = "entries={0} assoc={1} seed={2}")
    @CsvSource({"64, 0, 1", "64, 16, 2", "64, 4, 3", "64, 8, 4", "256, 0, 5", "32, 1, 6"})
    void lru_matchesReferenceModel_underRandomOperations(int entries, int assoc, long seed) {
        CacheConfig cfg = CacheConfig.of(entries, assoc, "lru");
        SetAssociativeCache c = new SetAssociativeCache(cfg, null, CacheStats.standalone("t"));
        int sets = cfg.sets();
        List<LinkedHashMap<Key, Long>> model = new ArrayList<>();
        for (int s = 0; s < sets; s++) {
            model.add(new LinkedHashMap<>(16, 0.75f, true));
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int step = 0; step < 200_000; step++) {
            String at = "seed=" + seed + " step=" + step;
            int op = rnd.nextInt(1000);
            long ctx = rnd.nextInt(4);
            long tag = rnd.nextInt(entries * 3);
            Map<Key, Long> set = model.get((int) (tag & (sets - 1)));
            if (op < 850) {
                Key k = new Key(ctx, tag);
                Long expected = set.get(k); // access: moves to most recent
                int slot = c.lookup(ctx, tag);
                assertThat(slot == MISS).as(at).isEqualTo(expected == null);
                if (expected != null) {
                    assertThat(c.payload(slot)).as(at).isEqualTo(expected);
                } else {
                    long payload = rnd.nextLong();
                    InsertResult r = c.insert(ctx, tag, payload);
                    if (set.size() == cfg.ways()) {
                        Iterator<Map.Entry<Key, Long>> it = set.entrySet().iterator();
                        Map.Entry<Key, Long> lru = it.next();
                        it.remove();
                        assertThat(r).as(at).isEqualTo(InsertResult.EVICTED);
                        assertThat(new Key(c.lastEvictedContext(), c.lastEvictedTag())).as(at).isEqualTo(lru.getKey());
                        assertThat(c.lastEvictedPayload()).as(at).isEqualTo(lru.getValue());
                    } else {
                        assertThat(r).as(at).isEqualTo(InsertResult.STORED);
                    }
                    set.put(k, payload);
                }
            } else if (op < 940) {
                boolean present = set.remove(new Key(ctx, tag)) != null;
                assertThat(c.invalidate(ctx, tag)).as(at).isEqualTo(present);
            } else if (op < 970) {
                int expected = 0;
                for (Map<Key, Long> s : model) {
                    expected += removeIf(s, k -> k.context() == ctx);
                }
                assertThat(c.invalidateMatching(-1L, ctx)).as(at).isEqualTo(expected);
            } else if (op < 999) {
                long lo = rnd.nextInt(entries * 3);
                long hi = lo + rnd.nextInt(rnd.nextBoolean() ? 4 : entries * 2);
                long mask = rnd.nextBoolean() ? 1L : -1L; // a context bit, or the exact context
                int expected = 0;
                for (Map<Key, Long> s : model) {
                    expected += removeIf(s,
                            k -> (k.context() & mask) == (ctx & mask) && k.tag() >= lo && k.tag() <= hi);
                }
                assertThat(c.invalidateTagRange(mask, ctx & mask, lo, hi)).as(at + " range [%d, %d]", lo, hi)
                        .isEqualTo(expected);
            } else {
                int expected = 0;
                for (Map<Key, Long> s : model) {
                    expected += s.size();
                    s.clear();
                }
                assertThat(c.invalidateAll()).as(at).isEqualTo(expected);
            }
            int total = 0;
            for (Map<Key, Long> s : model) {
                total += s.size();
            }
            assertThat(c.size()).as(at).isEqualTo(total);
        }
    }

    private static int removeIf(Map<Key, Long> set, java.util.function.Predicate<Key> p) {
        int n = 0;
        for (Iterator<Key> it = set.keySet().iterator(); it.hasNext(); ) {
            if (p.test(it.next())) {
                it.remove();
                n++;
            }
        }
        return n;
    }
}

package org.iommusim.hw.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LongMultiMap#putIfAbsent} against the membership test and {@link LongMultiMap#put} it
 * replaces, and both against a plain map of lists: the same answers, values (in the same order)
 * and fingerprints over random adds and removes.
 */
class LongMultiMapTest {
    @Test
    void putIfAbsent_randomOps_sameAsTestThenPut() {
        Random rnd = new Random(20);
        LongMultiMap once = new LongMultiMap();
        LongMultiMap twice = new LongMultiMap();
        Map<Long, List<Long>> plain = new HashMap<>();
        for (int op = 0; op < 20_000; op++) {
            long key = rnd.nextInt(64);
            long value = rnd.nextInt(16);
            List<Long> list = plain.computeIfAbsent(key, k -> new ArrayList<>());
            if (rnd.nextInt(3) == 0) {
                boolean had = list.remove(value);
                assertThat(once.remove(key, value)).isEqualTo(had);
                assertThat(twice.remove(key, value)).isEqualTo(had);
                continue;
            }
            boolean absent = !list.contains(value);
            if (absent) {
                list.add(0, value); // put links the new value first
                twice.put(key, value);
            }
            assertThat(once.putIfAbsent(key, value)).isEqualTo(absent);
            assertThat(once.size()).isEqualTo(twice.size());
            assertThat(once.fingerprint()).isEqualTo(twice.fingerprint());
        }
        for (Map.Entry<Long, List<Long>> e : plain.entrySet()) {
            LongArrayList a = new LongArrayList();
            LongArrayList b = new LongArrayList();
            once.valuesOf(e.getKey(), a);
            twice.valuesOf(e.getKey(), b);
            assertThat(List.<Long>copyOf(a)).isEqualTo(List.<Long>copyOf(b)).isEqualTo(e.getValue());
        }
    }
}

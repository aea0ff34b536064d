package org.iommusim.hw.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ReplacementPolicy#onHits} (the rest of a run of TLPs hitting one entry) leaves every
 * built-in policy in the state that as many {@link ReplacementPolicy#onHit} calls leave: the
 * victims chosen afterwards, over random fills, hits, repeated hits and invalidations, are the same.
 */
class ReplacementPolicyHitsTest {
    static List<String> policies() {
        return ReplacementPolicies.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void onHits_leavesTheStateOfRepeatedOnHit(String name) {
        for (long seed : new long[] {1, 2, 3}) {
            int sets = 4;
            int ways = 8;
            ReplacementPolicy once = ReplacementPolicies.create(name, sets, ways, new SplittableRandom(40 + seed));
            ReplacementPolicy each = ReplacementPolicies.create(name, sets, ways, new SplittableRandom(40 + seed));
            SplittableRandom r = new SplittableRandom(seed);
            List<Integer> victimsOnce = new ArrayList<>();
            List<Integer> victimsEach = new ArrayList<>();
            for (int i = 0; i < 4_000; i++) {
                int set = r.nextInt(sets);
                int way = r.nextInt(ways);
                switch (r.nextInt(5)) {
                    case 0 -> {
                        once.onFill(set, way);
                        each.onFill(set, way);
                    }
                    case 1 -> {
                        once.onHit(set, way);
                        each.onHit(set, way);
                    }
                    case 2 -> {
                        once.onInvalidate(set, way);
                        each.onInvalidate(set, way);
                    }
                    case 3 -> {
                        victimsOnce.add(once.victim(set));
                        victimsEach.add(each.victim(set));
                    }
                    default -> {
                        int n = r.nextInt(12);
                        once.onHits(set, way, n);
                        for (int k = 0; k < n; k++) {
                            each.onHit(set, way);
                        }
                    }
                }
            }
            for (int set = 0; set < sets; set++) {
                victimsOnce.add(once.victim(set));
                victimsEach.add(each.victim(set));
            }
            assertThat(victimsOnce).as("%s, seed %d", name, seed).isEqualTo(victimsEach);
        }
    }
}

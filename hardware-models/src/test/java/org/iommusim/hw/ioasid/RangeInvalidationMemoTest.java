package org.iommusim.hw.ioasid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The memo hands out the same invalidation only when every field matches, else a new one with the asked values. */
class RangeInvalidationMemoTest {
    private static final Invalidation.Cause SHADOW = Invalidation.Cause.SHADOW_UPDATE;

    @Test
    void sameFields_getTheSameInvalidation() {
        RangeInvalidationMemo m = new RangeInvalidationMemo();
        Invalidation a = m.range(2, 0x4000, 0x1000, true, 1, SHADOW, 0);
        assertThat(a).isEqualTo(new Invalidation(2, Invalidation.Scope.RANGE, 0x4000, 0x1000, -1, true, 1, SHADOW, 0));
        assertThat(m.range(2, 0x4000, 0x1000, true, 1, SHADOW, 0)).isSameAs(a);
    }

    @Test
    void anyDifferentField_getsANewInvalidationWithItsOwnValues() {
        RangeInvalidationMemo m = new RangeInvalidationMemo();
        Invalidation a = m.range(2, 0x4000, 0x1000, true, 1, SHADOW, 0);
        Invalidation[] others = {
            m.range(3, 0x4000, 0x1000, true, 1, SHADOW, 0),
            m.range(2, 0x5000, 0x1000, true, 1, SHADOW, 0),
            m.range(2, 0x4000, 0x2000, true, 1, SHADOW, 0),
            m.range(2, 0x4000, 0x1000, false, 1, SHADOW, 1),
            m.range(2, 0x4000, 0x1000, true, 2, SHADOW, 0),
            m.range(2, 0x4000, 0x1000, true, 1, Invalidation.Cause.UNMAP, 0),
            m.range(2, 0x4000, 0x1000, false, 1, SHADOW, Invalidation.ANY_LEVEL),
        };
        for (Invalidation o : others) {
            assertThat(o).isNotEqualTo(a);
        }
        assertThat(others[3]).isEqualTo(new Invalidation(2, Invalidation.Scope.RANGE, 0x4000, 0x1000, -1, false, 1,
                SHADOW, 1));
    }

    /** Many ranges share the table's places: every answer still has exactly the asked fields (seeded). */
    @Test
    void collidingRanges_alwaysGetTheirOwnFields() {
        long seed = 20L;
        System.out.println("RangeInvalidationMemoTest seed " + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        RangeInvalidationMemo m = new RangeInvalidationMemo();
        for (int i = 0; i < 50_000; i++) {
            int id = rnd.nextInt(3);
            long start = (long) rnd.nextInt(RangeInvalidationMemo.SIZE * 4) << 12;
            long length = (1L + rnd.nextInt(4)) << 12;
            boolean leafOnly = rnd.nextBoolean();
            Invalidation inv = m.range(id, start, length, leafOnly, 1, SHADOW, leafOnly ? 0 : 1);
            assertThat(inv).isEqualTo(new Invalidation(id, Invalidation.Scope.RANGE, start, length, -1, leafOnly, 1,
                    SHADOW, leafOnly ? 0 : 1));
        }
    }
}

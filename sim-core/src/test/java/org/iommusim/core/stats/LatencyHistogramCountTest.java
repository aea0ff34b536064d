package org.iommusim.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.HdrHistogram.AbstractHistogram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@link LatencyHistogram#record(long, int)} (a run of TLPs records its one latency once per TLP)
 * is the same as that many {@link LatencyHistogram#record(long)} calls: the same counts, extremes,
 * encoding and dense-count grant, also when the counts cross a buffer block, the grant, a read or
 * a reset.
 */
class LatencyHistogramCountTest {
    @ParameterizedTest(name = "seed {0}, dense counts granted {1}")
    @ValueSource(longs = {1, 2, 3, 99})
    void recordWithCount_equalsRepeatedRecords_acrossBlocksGrantsReadsAndResets(long seed) {
        System.out.println("LatencyHistogramCountTest seed " + seed);
        for (boolean grant : new boolean[] {true, false}) {
            SplittableRandom rnd = new SplittableRandom(seed);
            int[] asked = new int[2];
            LatencyHistogram counted = new LatencyHistogram("h", "ps", "d", () -> ++asked[0] > 0 && grant);
            LatencyHistogram single = new LatencyHistogram("h", "ps", "d", () -> ++asked[1] > 0 && grant);
            for (int i = 0; i < 5_000; i++) {
                long v = switch (rnd.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> rnd.nextLong(3_000);
                    case 2 -> rnd.nextLong(DenseCounts.LIMIT - 3, DenseCounts.LIMIT + 3);
                    default -> rnd.nextLong(1L << 36);
                };
                int n = rnd.nextInt(10) == 0 ? rnd.nextInt(200) : 1 + rnd.nextInt(17);
                counted.record(v, n);
                for (int k = 0; k < n; k++) {
                    single.record(v);
                }
                if (rnd.nextInt(700) == 0) {
                    assertThat(counted.count()).isEqualTo(single.count());
                }
                if (rnd.nextInt(2_500) == 0) {
                    counted.reset();
                    single.reset();
                }
            }
            assertThat(asked[0]).as("asked for dense counts as often").isEqualTo(asked[1]);
            assertThat(counted.hasDenseCounts()).isEqualTo(single.hasDenseCounts());
            assertThat(counted.snapshot().fields()).isEqualTo(single.snapshot().fields());
            AbstractHistogram c = counted.copy();
            AbstractHistogram s = single.copy();
            assertThat(c).isEqualTo(s);
            assertThat(encoded(c)).isEqualTo(encoded(s));
        }
    }

    @Test
    void recordWithCount_refusesNegativeValuesAndCounts() {
        LatencyHistogram h = new LatencyHistogram("h", "ps", "d");
        assertThatThrownBy(() -> h.record(-1, 3)).hasMessageContaining("'h' cannot record the value -1 3 times");
        assertThatThrownBy(() -> h.record(5, -2)).hasMessageContaining("must be >= 0");
        h.record(7, 0);
        assertThat(h.count()).isZero();
    }

    private static byte[] encoded(AbstractHistogram h) {
        ByteBuffer b = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        h.encodeIntoByteBuffer(b);
        byte[] out = new byte[b.position()];
        b.flip();
        b.get(out);
        return out;
    }
}

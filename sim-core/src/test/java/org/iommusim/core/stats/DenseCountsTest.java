package org.iommusim.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.HdrHistogram.AbstractHistogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dense counts must be invisible in every figure: a busy histogram with dense counts holds exactly
 * what the same histogram without them holds — counts per bucket and every reported figure —
 * across reads and resets at any point (the bucket mapping: {@code BucketCountsTest}).
 */
class DenseCountsTest {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 77, 123456789})
    void busyHistogram_withDenseCounts_equalsTheSameWithout_acrossReadsAndResets(long seed) {
        System.out.println("DenseCountsTest seed " + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        LatencyHistogram dense = new LatencyHistogram("h", "ps", "d", () -> true);
        LatencyHistogram plain = new LatencyHistogram("h", "ps", "d", () -> false);
        long resetAt = rnd.nextLong(LatencyHistogram.HOT + 1, 60_000);
        for (long i = 0; i < 100_000; i++) {
            long v = switch (rnd.nextInt(5)) {
                case 0 -> 200_000 + rnd.nextLong(20_000);          // a busy queue's waits
                case 1 -> 0;
                case 2 -> rnd.nextLong(2_048);                     // exact first bucket
                case 3 -> rnd.nextLong(DenseCounts.LIMIT - 5, DenseCounts.LIMIT + 5); // at the limit
                default -> i < resetAt && rnd.nextInt(500) == 0
                        ? rnd.nextLong(1L << 40) : rnd.nextLong(1_000_000); // rare far tail before the reset
            };
            dense.record(v);
            plain.record(v);
            if (rnd.nextInt(20_000) == 0) {
                assertThat(dense.count()).isEqualTo(plain.count());
            }
            if (i == resetAt) {
                dense.reset();
                plain.reset();
            }
        }
        assertThat(dense.hasDenseCounts()).isTrue();
        assertThat(dense.snapshot().fields()).isEqualTo(plain.snapshot().fields());
        AbstractHistogram d = dense.copy();
        AbstractHistogram p = plain.copy();
        assertThat(d).isEqualTo(p);
        assertThat(encoded(d)).isEqualTo(encoded(p));
    }

    /** Byte counts carry into the 16-bit count of 256s: up to the largest count between two emptyings. */
    @Test
    void count_carriesPast255AndHoldsTheLargestCountBetweenEmptyings() {
        DenseCounts d = new DenseCounts();
        long[] values = {0, 2_047, 150_000, DenseCounts.LIMIT - 1};
        long[] expected = new long[values.length];
        SplittableRandom rnd = new SplittableRandom(4);
        long pending = 0;
        while (pending < DenseCounts.MAX_PENDING - 64) { // as a recorder counts: blocks of up to 64
            int block = 1 + rnd.nextInt(64);
            for (int k = 0; k < block; ) {
                int j = rnd.nextInt(10) == 0 ? rnd.nextInt(values.length) : 2;
                int n = Math.min(block - k, 1 + rnd.nextInt(j == 2 ? 64 : 3));
                d.count(values[j], n);
                expected[j] += n;
                k += n;
            }
            pending += block;
            assertThat(d.pending(block)).isTrue();
        }
        assertThat(expected[2]).as("a count far above 16 bits").isGreaterThan(1L << 22);
        BucketCounts into = new BucketCounts();
        d.drainInto(into);
        for (int j = 0; j < values.length; j++) {
            assertThat(into.countAt(BucketCounts.slot(values[j]))).as("value %d", values[j]).isEqualTo(expected[j]);
        }
        assertThat(into.total()).isEqualTo(pending);
        d.count(150_000, 256); // emptied: counts from zero, a multiple of 256 (low byte 0) included
        d.pending(256);
        BucketCounts again = new BucketCounts();
        d.drainInto(again);
        assertThat(again.countAt(BucketCounts.slot(150_000))).isEqualTo(256);
        assertThat(again.total()).isEqualTo(256);
    }

    @Test
    void registry_grantsDenseCountsToABoundedNumberOfHistograms() {
        StatsRegistry r = new StatsRegistry(new org.iommusim.core.kernel.Simulator());
        int n = StatsRegistry.DENSE_HISTOGRAMS + 5;
        LatencyHistogram[] hs = new LatencyHistogram[n];
        for (int i = 0; i < n; i++) {
            hs[i] = r.histogram("h" + i, "ps", "d");
            for (int k = 0; k < LatencyHistogram.HOT + LatencyHistogram.BUFFER + 1; k++) {
                hs[i].record(k);
            }
        }
        assertThat(Arrays.stream(hs).filter(LatencyHistogram::hasDenseCounts).count())
                .isEqualTo(StatsRegistry.DENSE_HISTOGRAMS);
        assertThat(hs[0].hasDenseCounts()).isTrue();
        assertThat(hs[n - 1].hasDenseCounts()).isFalse();
        assertThat(hs[n - 1].count()).isEqualTo(LatencyHistogram.HOT + LatencyHistogram.BUFFER + 1);
    }

    private static byte[] encoded(AbstractHistogram h) {
        ByteBuffer b = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(b);
        return Arrays.copyOf(b.array(), n);
    }
}

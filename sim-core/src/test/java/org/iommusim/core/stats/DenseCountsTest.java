package org.iommusim.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.PackedHistogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dense counts must be invisible in every figure: the bucket mapping is HdrHistogram's own, and a
 * busy histogram with dense counts holds exactly what the same histogram without them holds —
 * counts, extremes and the auto-resized range written into its encoding — across reads and
 * resets at any point.
 */
class DenseCountsTest {
    @Test
    void lowestValueOfSlot_equalsHdrHistogramsLowestEquivalentValue_overEveryBucket() {
        PackedHistogram h = new PackedHistogram(3);
        for (long v = 0; v < 70_000; v++) {
            assertThat(DenseCounts.lowestValue(DenseCounts.slot(v))).as("value %d", v).isEqualTo(h.lowestEquivalentValue(v));
        }
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            long v = rnd.nextLong(DenseCounts.LIMIT);
            assertThat(DenseCounts.lowestValue(DenseCounts.slot(v))).as("value %d", v).isEqualTo(h.lowestEquivalentValue(v));
        }
        assertThat(DenseCounts.slot(DenseCounts.LIMIT - 1)).isEqualTo(DenseCounts.SLOTS - 1);
        for (int s = 0; s < DenseCounts.SLOTS; s++) {
            assertThat(DenseCounts.slot(DenseCounts.lowestValue(s))).as("slot %d", s).isEqualTo(s);
        }
    }

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
        assertThat(dense.snapshot().fields()).isEqualTo(plain.snapshot().fields());
        AbstractHistogram d = dense.copy();
        AbstractHistogram p = plain.copy();
        assertThat(d).isEqualTo(p);
        assertThat(d.getHighestTrackableValue()).isEqualTo(p.getHighestTrackableValue());
        assertThat(encoded(d)).isEqualTo(encoded(p));
    }

    @Test
    void reset_keepsTheRangeOfFlushedBlocksAndDiscardsThePartialOne_asWithoutDenseCounts() {
        LatencyHistogram dense = new LatencyHistogram("h", "ps", "d", () -> true);
        LatencyHistogram plain = new LatencyHistogram("h", "ps", "d", () -> false);
        for (int i = 0; i < LatencyHistogram.HOT + LatencyHistogram.BUFFER; i++) { // dense from here on
            dense.record(10);
            plain.record(10);
        }
        dense.record(2_000_000); // grows the range once its block is flushed
        plain.record(2_000_000);
        for (int i = 0; i < LatencyHistogram.BUFFER; i++) {
            dense.record(10);
            plain.record(10);
        }
        for (long v : new long[] {30_000_000, 7}) { // this one sits in the last, partial block: never recorded
            dense.record(v);
            plain.record(v);
        }
        dense.reset();
        plain.reset();
        dense.record(3);
        plain.record(3);
        assertThat(encoded(dense.copy())).isEqualTo(encoded(plain.copy()));
        assertThat(dense.copy().getHighestTrackableValue()).isEqualTo(plain.copy().getHighestTrackableValue());
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

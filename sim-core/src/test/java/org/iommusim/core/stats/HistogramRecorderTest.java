package org.iommusim.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every recording path of {@link HistogramRecorder} — runs of one value, {@code recordZero},
 * {@code record(value, n)}, dense counts and the value table — against an oracle written from
 * the documented semantics alone: each value recorded by itself into a packed HdrHistogram, in
 * blocks of {@value HistogramRecorder#BUFFER}, the partial block discarded by a reset. Seeded
 * streams mix zeros, runs, spread values, values at and above the dense limit, reads and resets.
 */
class HistogramRecorderTest {
    /** The semantics: values go into the histogram one by one, a block at a time. */
    private static final class BlockOracle {
        final Histogram h = new PackedHistogram(3);
        final long[] block = new long[HistogramRecorder.BUFFER];
        int n;

        BlockOracle() {
            h.setAutoResize(true);
        }

        void record(long v) {
            if (n == block.length) {
                flush();
            }
            block[n++] = v;
        }

        void flush() {
            for (int i = 0; i < n; i++) {
                h.recordValue(block[i]);
            }
            n = 0;
        }

        Histogram read() {
            flush();
            return h;
        }

        void reset() {
            n = 0;
            h.reset();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 5, 42, 20261206})
    void everyPath_reportsWhatRecordingEachValueInBlocksReports_withAndWithoutDenseCounts(long seed) {
        System.out.println("HistogramRecorderTest seed " + seed);
        for (boolean grant : new boolean[] {true, false}) {
            SplittableRandom rnd = new SplittableRandom(seed);
            LatencyHistogram h = new LatencyHistogram("h", "ps", "d", () -> grant);
            BlockOracle oracle = new BlockOracle();
            long resetAt = rnd.nextLong(20_000, 60_000);
            int checks = 0;
            long recorded = 0;
            while (recorded < 80_000) {
                long v = switch (rnd.nextInt(6)) {
                    case 0 -> 0;                                             // no wait
                    case 1 -> 150_000 + rnd.nextLong(4_000);                 // a latency near a fixed sum
                    case 2 -> rnd.nextLong(2_048);                           // the exact first bucket
                    case 3 -> rnd.nextLong(DenseCounts.LIMIT - 3, DenseCounts.LIMIT + 3); // at the dense limit
                    case 4 -> recorded < resetAt && rnd.nextInt(300) == 0
                            ? rnd.nextLong(1L << 40) : rnd.nextLong(3_000_000); // rare far tail before the reset
                    default -> 1_000_000;                                    // one value again and again
                };
                int n = rnd.nextInt(4) == 0 ? rnd.nextInt(150) : 1 + rnd.nextInt(rnd.nextBoolean() ? 1 : 40);
                int how = rnd.nextInt(3);
                for (int k = 0; k < n; k++) {
                    oracle.record(v);
                }
                if (v == 0 && how == 0) {
                    for (int k = 0; k < n; k++) {
                        h.recordZero();
                    }
                } else if (how == 1) {
                    h.record(v, n);
                } else {
                    for (int k = 0; k < n; k++) {
                        h.record(v);
                    }
                }
                long before = recorded;
                recorded += n;
                if (rnd.nextInt(1_000) == 0 && checks++ < 4) {
                    assertSame(h, oracle);
                }
                if (before < resetAt && recorded >= resetAt) {
                    h.reset();
                    oracle.reset();
                }
            }
            assertThat(h.hasDenseCounts()).as("dense counts granted").isEqualTo(grant);
            assertSame(h, oracle);
        }
    }

    @Test
    void run_crossingABlockEnd_flushesTheBlockAsSingleRecordsWould_soAResetKeepsItsRange() {
        for (boolean grant : new boolean[] {true, false}) {
            LatencyHistogram h = new LatencyHistogram("h", "ps", "d", () -> grant);
            BlockOracle oracle = new BlockOracle();
            h.record(1, HistogramRecorder.HOT + HistogramRecorder.BUFFER - 1); // dense from the next block
            for (int i = 0; i < HistogramRecorder.HOT + HistogramRecorder.BUFFER - 1; i++) {
                oracle.record(1);
            }
            long big = grant ? 30_000_000 : 1L << 40;
            for (int i = 0; i < 70; i++) { // the run holds the block's 64th value: the next one flushes the block
                h.record(big);
                oracle.record(big);
            }
            h.reset();
            oracle.reset();
            h.record(3);
            oracle.record(3);
            assertSame(h, oracle);
        }
    }

    @Test
    void recordZero_aloneAndBetweenRuns_equalsRecordOfZero() {
        LatencyHistogram zeros = new LatencyHistogram("z", "ps", "d", () -> true);
        BlockOracle oracle = new BlockOracle();
        for (int i = 0; i < HistogramRecorder.HOT + 3 * HistogramRecorder.BUFFER + 7; i++) {
            if (i % 5 == 0) {
                zeros.record(40_000 + i % 3);
                oracle.record(40_000 + i % 3);
            } else {
                zeros.recordZero();
                oracle.record(0);
            }
        }
        assertSame(zeros, oracle);
        assertThat(zeros.snapshot().field("min")).isZero();
        assertThat(zeros.hasDenseCounts()).isTrue();
    }

    @Test
    void recordZero_onASum_isRefused() {
        StatsRegistry r = new StatsRegistry(new org.iommusim.core.kernel.Simulator());
        LatencyHistogram sum = r.histogramSum("s", "ps", "d", java.util.List.of(r.histogram("p", "ps", "d")));
        assertThatThrownBy(sum::recordZero).hasMessageContaining("'s' is the sum of other histograms");
    }

    @Test
    void negativeValue_isRefusedAlsoWhenTheRunIsZero() {
        LatencyHistogram h = new LatencyHistogram("h", "ps", "d");
        h.record(0);
        assertThatThrownBy(() -> h.record(-1)).hasMessageContaining("'h' cannot record the negative value -1");
        assertThatThrownBy(() -> h.record(0, -1)).hasMessageContaining("must be >= 0");
        assertThat(h.count()).isEqualTo(1);
    }

    @Test
    void denseCounts_askToBeEmptiedBeforeAnIntCountCouldOverflow() {
        DenseCounts d = new DenseCounts();
        d.count(5, 64);
        assertThat(d.pending(64)).isTrue();
        assertThat(d.pending((1 << 30) - 65)).isTrue();
        assertThat(d.pending(1)).isFalse();
        PackedHistogram into = new PackedHistogram(3);
        d.drainInto(into);
        assertThat(into.getCountAtValue(5)).isEqualTo(64);
        assertThat(d.pending(64)).as("emptied: counting again").isTrue();
    }

    private static void assertSame(LatencyHistogram h, BlockOracle oracle) {
        Histogram o = oracle.read();
        AbstractHistogram c = h.copy();
        assertThat(c.getTotalCount()).isEqualTo(o.getTotalCount());
        assertThat(c).isEqualTo(o);
        assertThat(c.getHighestTrackableValue()).isEqualTo(o.getHighestTrackableValue());
        assertThat(encoded(c)).isEqualTo(encoded(o));
        if (o.getTotalCount() > 0) {
            assertThat(h.mean()).isEqualTo(o.getMean());
            for (double p : new double[] {1, 50, 90, 99, 99.99}) {
                assertThat(h.percentile(p)).as("p%s", p).isEqualTo(o.getValueAtPercentile(p));
            }
            assertThat(h.snapshot().field("min")).isEqualTo((double) o.getMinValue());
            assertThat(h.snapshot().field("max")).isEqualTo((double) o.getMaxValue());
        }
    }

    private static byte[] encoded(AbstractHistogram h) {
        ByteBuffer b = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(b);
        return Arrays.copyOf(b.array(), n);
    }
}

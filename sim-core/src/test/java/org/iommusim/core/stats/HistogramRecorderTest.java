package org.iommusim.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.iommusim.core.results.HistogramBuckets;
import org.iommusim.core.results.StatValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every recording path of {@link HistogramRecorder} — runs of one value, {@code recordZero},
 * {@code record(value, n)}, dense counts and the bucket counts — against an oracle written from
 * the documented semantics alone: each value recorded by itself into a packed HdrHistogram, a
 * reset emptying it. Seeded streams mix zeros, runs, spread values, values at and above the dense
 * limit, reads (at block ends and inside blocks) and a reset (the warm-up's end).
 */
class HistogramRecorderTest {
    /** The semantics: values go into the histogram one by one. */
    private static final class Oracle {
        final Histogram h = new PackedHistogram(3);

        Oracle() {
            h.setAutoResize(true);
        }

        void record(long v) {
            h.recordValue(v);
        }

        Histogram read() {
            return h;
        }

        void reset() {
            h.reset();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 5, 42, 20261206})
    void everyPath_reportsWhatRecordingEachValueReports_withAndWithoutDenseCounts(long seed) {
        System.out.println("HistogramRecorderTest seed " + seed);
        for (boolean grant : new boolean[] {true, false}) {
            SplittableRandom rnd = new SplittableRandom(seed);
            LatencyHistogram h = new LatencyHistogram("h", "ps", "d", () -> grant);
            Oracle oracle = new Oracle();
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
    void reset_dropsTheRunTheZerosThePartialBlockAndTheDenseCounts() {
        for (boolean grant : new boolean[] {true, false}) {
            LatencyHistogram h = new LatencyHistogram("h", "ps", "d", () -> grant);
            Oracle oracle = new Oracle();
            h.record(1, HistogramRecorder.HOT + HistogramRecorder.BUFFER - 1); // dense from the next block
            for (int i = 0; i < 70; i++) { // a run across a block end, then zeros and a value in the next block
                h.record(30_000_000);
            }
            h.recordZero();
            h.record(1L << 40);
            h.record(5);
            h.reset();
            oracle.reset();
            h.record(3);
            oracle.record(3);
            assertThat(h.hasDenseCounts()).isEqualTo(grant);
            assertSame(h, oracle);
        }
    }

    @Test
    void recordZero_aloneAndBetweenRuns_equalsRecordOfZero() {
        LatencyHistogram zeros = new LatencyHistogram("z", "ps", "d", () -> true);
        Oracle oracle = new Oracle();
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
    void denseCounts_askToBeEmptiedBeforeACountCouldOverflow() {
        DenseCounts d = new DenseCounts();
        d.count(5, 64);
        assertThat(d.pending(64)).isTrue();
        assertThat(d.pending(DenseCounts.MAX_PENDING - 65)).isTrue();
        assertThat(d.pending(1)).isFalse();
        BucketCounts into = new BucketCounts();
        d.drainInto(into);
        assertThat(into.countAt(BucketCounts.slot(5))).isEqualTo(64);
        assertThat(d.pending(64)).as("emptied: counting again").isTrue();
    }

    /**
     * Every figure a snapshot reports, the counts per bucket (what the merged logs hold) and the
     * minimum and maximum the logs' merge sizes its histogram by.
     */
    private static void assertSame(LatencyHistogram h, Oracle oracle) {
        Histogram o = oracle.read();
        assertThat(h.count()).isEqualTo(o.getTotalCount());
        StatValue s = h.snapshot();
        if (o.getTotalCount() == 0) {
            assertThat(s.buckets()).isEmpty();
            return;
        }
        assertThat(Double.doubleToLongBits(h.mean())).isEqualTo(Double.doubleToLongBits(o.getMean()));
        assertThat(s.field("mean")).isEqualTo(o.getMean());
        for (double p : new double[] {1, 50, 90, 99, 99.99}) {
            assertThat(h.percentile(p)).as("p%s", p).isEqualTo(o.getValueAtPercentile(p));
        }
        assertThat(s.field("p99")).isEqualTo((double) o.getValueAtPercentile(99));
        assertThat(s.field("min")).isEqualTo((double) o.getMinValue());
        assertThat(s.field("max")).isEqualTo((double) o.getMaxValue());
        HistogramBuckets b = s.buckets().orElseThrow();
        HistogramBuckets expected = HistogramBuckets.of(o);
        assertThat(b.size()).isEqualTo(expected.size());
        for (int i = 0; i < b.size(); i++) {
            assertThat(b.value(i)).isEqualTo(expected.value(i));
            assertThat(b.count(i)).isEqualTo(expected.count(i));
        }
        assertThat(b.min()).isEqualTo(o.getMinValue());
        assertThat(b.max()).isEqualTo(o.getMaxValue());
        assertThat(h.copy()).isEqualTo(o);
    }
}

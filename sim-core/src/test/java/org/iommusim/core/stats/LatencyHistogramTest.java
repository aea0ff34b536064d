package org.iommusim.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.results.StatValue;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    /** HdrHistogram with 3 significant digits: values are exact to within 0.1%. */
    private static final double PRECISION = 1e-3;

    @Test
    void percentiles_uniformOneToHundredThousand_withinHdrPrecision() {
        LatencyHistogram h = new StatsRegistry(new Simulator()).histogram("walk.latency", "ps", "d");
        for (long v = 1; v <= 100_000; v++) {
            h.record(v);
        }
        StatValue s = h.snapshot();
        assertThat(s.fields().keySet()).containsExactly("mean", "count", "p1", "p5", "p10", "p25", "p50", "p75",
                "p90", "p95", "p99", "p999", "p9999", "min", "max");
        assertThat(s.field("count")).isEqualTo(100_000.0);
        assertThat(s.field("mean")).isCloseTo(50_000.5, within(50_000.5 * PRECISION));
        assertThat(s.field("p1")).isCloseTo(1_000, within(1_000 * PRECISION));
        assertThat(s.field("p25")).isCloseTo(25_000, within(25_000 * PRECISION));
        assertThat(s.field("p50")).isCloseTo(50_000, within(50_000 * PRECISION));
        assertThat(s.field("p90")).isCloseTo(90_000, within(90_000 * PRECISION));
        assertThat(s.field("p99")).isCloseTo(99_000, within(99_000 * PRECISION));
        assertThat(s.field("p999")).isCloseTo(99_900, within(99_900 * PRECISION));
        assertThat(s.field("p9999")).isCloseTo(99_990, within(99_990 * PRECISION));
        assertThat(s.field("min")).isEqualTo(1.0);
        assertThat(s.field("max")).isCloseTo(100_000, within(100_000 * PRECISION));
    }

    @Test
    void skewed_p99SeesTheTail() {
        LatencyHistogram h = new StatsRegistry(new Simulator()).histogram("h", "ps", "d");
        for (int i = 0; i < 985; i++) {
            h.record(1_000);
        }
        for (int i = 0; i < 15; i++) {
            h.record(1_000_000);
        }
        assertThat(h.percentile(50)).isCloseTo(1_000L, within(1L));
        assertThat((double) h.percentile(99)).isCloseTo(1_000_000, within(1_000_000 * PRECISION));
    }

    @Test
    void empty_nanPercentiles_resetEmpties() {
        LatencyHistogram h = new StatsRegistry(new Simulator()).histogram("h", "ps", "d");
        assertThat(h.snapshot().field("p99")).isNaN();
        assertThat(h.mean()).isNaN();
        h.record(5);
        h.reset();
        assertThat(h.count()).isZero();
        assertThat(h.snapshot().field("max")).isNaN();
    }

    @Test
    void bufferedValues_areSeenByEveryReadAndDroppedByReset() {
        StatsRegistry r = new StatsRegistry(new Simulator());
        LatencyHistogram h = r.histogram("h", "ps", "d");
        LatencyHistogram sum = r.histogramSum("s", "ps", "d", java.util.List.of(h));
        h.record(7);
        assertThat(h.count()).isEqualTo(1);
        assertThat(sum.count()).isEqualTo(1);
        for (int i = 0; i < 3 * LatencyHistogram.BUFFER + 5; i++) {
            h.record(100);
        }
        assertThat(h.count()).isEqualTo(3 * LatencyHistogram.BUFFER + 6);
        assertThat(h.copy().getMinValue()).isEqualTo(7);
        h.record(5);
        h.reset();
        assertThat(h.count()).isZero();
        assertThat(sum.count()).isZero();
        h.record(9);
        assertThat(h.snapshot().field("max")).isEqualTo(9.0);
        assertThat(h.percentile(50)).isEqualTo(9);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.record(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void snapshotPercentiles_equalHdrHistogramsOwn() {
        java.util.Random rnd = new java.util.Random(5);
        String[] fields = {"p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "p999", "p9999"};
        double[] ps = {1, 5, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99};
        for (int round = 0; round < 20; round++) {
            org.HdrHistogram.Histogram h = new org.HdrHistogram.PackedHistogram(3);
            LatencyHistogram mine = new StatsRegistry(new Simulator()).histogram("h", "ps", "d");
            int n = 1 + rnd.nextInt(round < 5 ? 10 : 50_000);
            for (int i = 0; i < n; i++) {
                long v = round % 2 == 0 ? (long) (Math.exp(rnd.nextDouble() * 25)) : rnd.nextInt(3);
                h.recordValue(v);
                mine.record(v);
            }
            StatValue s = mine.snapshot();
            for (int i = 0; i < ps.length; i++) {
                assertThat(s.field(fields[i])).as("round %d p%s", round, ps[i])
                        .isEqualTo((double) h.getValueAtPercentile(ps[i]));
                assertThat(mine.percentile(ps[i])).isEqualTo(h.getValueAtPercentile(ps[i]));
            }
        }
    }
}

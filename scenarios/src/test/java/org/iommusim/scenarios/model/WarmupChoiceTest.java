package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.iommusim.core.results.Snapshot;
import org.iommusim.core.results.StatValue;
import org.iommusim.core.stats.StatKind;
import org.junit.jupiter.api.Test;

class WarmupChoiceTest {
    private static StatValue series(String name, double[] values) {
        long[] t = new long[values.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = (i + 1) * 1_000_000L; // a sample per microsecond
        }
        return StatValue.builder(name, StatKind.TIME_SERIES, "1/s", name).field("mean", 0).field("samples", t.length)
                .series(t, values).build();
    }

    @Test
    void warmup_isTheEndOfTheLastDeletedPeriod_latestOverTheSeries() {
        long seed = 11L;
        System.out.println("WarmupChoiceTest seed " + seed);
        Random r = new Random(seed);
        double[] rate = new double[200];
        double[] flat = new double[200];
        for (int i = 0; i < rate.length; i++) {
            rate[i] = 100 + (i < 40 ? 400.0 * (40 - i) / 40 : 0) + r.nextGaussian();
            flat[i] = 0.5 + 0.01 * r.nextGaussian();
        }
        Snapshot pilot = Snapshot.of(200_000_000L, List.of(series("run.walk-rate.series", rate),
                series("run.iotlb-hit-ratio.series", flat),
                StatValue.builder("run.dmas", StatKind.COUNTER, "requests", "dmas").field("value", 5).build()));
        long warmup = WarmupChoice.of(pilot);
        // the transient ends at sample 40 (40 us); MSER-5 deletes whole batches of five
        assertThat(warmup).isBetween(35_000_000L, 50_000_000L);
        assertThat(warmup % 5_000_000L).isZero();
    }

    @Test
    void warmup_isZeroWhenNoSeriesIsUsable() {
        double[] withGap = new double[20];
        withGap[3] = Double.NaN;
        Snapshot pilot = Snapshot.of(20_000_000L, List.of(series("run.iotlb-hit-ratio.series", withGap),
                series("run.walk-rate.series", new double[] {1, 2, 3})));
        assertThat(WarmupChoice.of(pilot)).isZero();
    }
}

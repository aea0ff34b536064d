package org.iommusim.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.results.StatValue;
import org.junit.jupiter.api.Test;

/** A histogram sum reports exactly the merged observations of its parts, whenever read. */
class HistogramSumTest {
    private final StatsRegistry stats = new StatsRegistry(new Simulator());
    private final LatencyHistogram a = stats.histogram("a.latency", "ps", "part a");
    private final LatencyHistogram b = stats.histogram("b.latency", "ps", "part b");
    private final LatencyHistogram sum = stats.histogramSum("all.latency", "ps", "a and b", List.of(a, b));

    @Test
    void sum_equalsOneHistogramOfEveryObservation() {
        LatencyHistogram both = stats.histogram("both.latency", "ps", "reference");
        for (int i = 1; i <= 1000; i++) {
            (i % 3 == 0 ? a : b).record(i * 7L);
            both.record(i * 7L);
        }
        StatValue s = sum.snapshot();
        StatValue r = both.snapshot();
        assertThat(s.fields()).isEqualTo(r.fields());
        assertThat(sum.count()).isEqualTo(1000);
        assertThat(sum.mean()).isEqualTo(both.mean());
    }

    @Test
    void sum_followsItsParts_afterReset() {
        a.record(10);
        assertThat(sum.count()).isEqualTo(1);
        stats.reset();
        assertThat(sum.count()).isZero();
        assertThat(sum.snapshot().field("mean")).isNaN();
        b.record(20);
        assertThat(sum.percentile(50)).isEqualTo(20);
    }

    @Test
    void sum_recordsNothing_andNeedsOneUnit() {
        assertThatThrownBy(() -> sum.record(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("sum");
        LatencyHistogram bytes = stats.histogram("c.size", "bytes", "sizes");
        assertThatThrownBy(() -> stats.histogramSum("mixed", "ps", "x", List.of(a, bytes)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes");
    }
}

package org.iommusim.core.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.StatsRegistry;
import org.junit.jupiter.api.Test;

class StatisticsMarkdownTest {
    @Test
    void fromStatistics_groupsByFirstSegment_sortedWithKindsUnitsFields() {
        StatsRegistry reg = new StatsRegistry(new Simulator());
        reg.histogram("walk.latency", "ps", "Page-walk latency");
        reg.counter("iotlb.misses", "lookups", "IOTLB misses | all devices");
        reg.counter("iotlb.hits", "lookups", "IOTLB hits");
        String md = StatisticsMarkdown.fromStatistics("Statistics", "Generated from the registry.", reg.all());
        assertThat(md).isEqualTo("""
                # Statistics

                Generated from the registry.

                ## `iotlb`

                | statistic | kind | unit | fields | description |
                |---|---|---|---|---|
                | `iotlb.hits` | counter | lookups | value | IOTLB hits |
                | `iotlb.misses` | counter | lookups | value | IOTLB misses \\| all devices |

                ## `walk`

                | statistic | kind | unit | fields | description |
                |---|---|---|---|---|
                | `walk.latency` | histogram | ps | mean, count, p1, p5, p10, p25, p50, p75, p90, p95, p99, p999, p9999, min, max | Page-walk latency |
                """);
    }

    @Test
    void render_duplicateName_rejected() {
        StatValue v = ResultsFixtures.snapshot(1).get("dma.completed");
        assertThatThrownBy(() -> StatisticsMarkdown.render("S", "", List.of(v, v)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dma.completed");
    }
}

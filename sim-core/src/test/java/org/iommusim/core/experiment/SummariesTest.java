package org.iommusim.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.iommusim.core.results.Replication;
import org.iommusim.core.results.Snapshot;
import org.iommusim.core.results.StatSummary;
import org.iommusim.core.results.StatValue;
import org.iommusim.core.results.VariantResult;
import org.iommusim.core.stats.StatKind;
import org.junit.jupiter.api.Test;

class SummariesTest {
    private static Replication rep(int index, double hits, double latencyMean, double count) {
        return new Replication(index, 9, Snapshot.of(0, List.of(
                StatValue.builder("walk.latency", StatKind.HISTOGRAM, "ps", "l").field("mean", latencyMean)
                        .field("count", count).build(),
                StatValue.builder("iotlb.hits", StatKind.COUNTER, "lookups", "h").field("value", hits).build())));
    }

    @Test
    void of_everyScalarKey_meanCiUnitAndN() {
        Map<String, StatSummary> s = Summaries.of(List.of(rep(0, 1, 10, 5), rep(1, 2, 20, 5), rep(2, 3, 30, 5),
                rep(3, 4, 40, 5), rep(4, 5, 50, 5)));
        assertThat(s.keySet()).containsExactly("iotlb.hits", "walk.latency", "walk.latency.count");
        StatSummary hits = s.get("iotlb.hits");
        double hw = 2.7764451051977987 * Math.sqrt(2.5) / Math.sqrt(5);
        assertThat(hits.mean()).isEqualTo(3.0);
        assertThat(hits.ci95Low()).isCloseTo(3 - hw, within(1e-9));
        assertThat(hits.ci95High()).isCloseTo(3 + hw, within(1e-9));
        assertThat(hits.unit()).isEqualTo("lookups");
        assertThat(hits.n()).isEqualTo(5);
        assertThat(s.get("walk.latency").unit()).isEqualTo("ps");
        assertThat(s.get("walk.latency.count").unit()).isEqualTo("count");
        assertThat(s.get("walk.latency.count").ci95Low()).isEqualTo(5.0);
    }

    @Test
    void of_nanValues_excludedAndCounted() {
        Map<String, StatSummary> s = Summaries.of(List.of(rep(0, 1, Double.NaN, 0), rep(1, 2, 20, 1),
                rep(2, 3, Double.NaN, 0)));
        StatSummary latency = s.get("walk.latency");
        assertThat(latency.n()).isEqualTo(1);
        assertThat(latency.mean()).isEqualTo(20.0);
        assertThat(latency.ci95Low()).isNaN();
        assertThat(latency.ci95High()).isNaN();
        assertThat(s.get("iotlb.hits").n()).isEqualTo(3);
    }

    @Test
    void of_allNaN_nanMeanAndZeroN() {
        StatSummary latency = Summaries.of(List.of(rep(0, 1, Double.NaN, 0))).get("walk.latency");
        assertThat(latency.mean()).isNaN();
        assertThat(latency.n()).isZero();
    }

    @Test
    void variant_replicationsSortedByIndex_summaryIndependentOfInputOrder() {
        List<Replication> forward = List.of(rep(0, 0.1, 1, 1), rep(1, 0.2, 2, 1), rep(2, 0.3, 3, 1));
        List<Replication> backward = List.of(forward.get(2), forward.get(0), forward.get(1));
        VariantResult a = Summaries.variant("v", Map.of(), forward);
        VariantResult b = Summaries.variant("v", Map.of(), backward);
        assertThat(b.replications()).extracting(Replication::index).containsExactly(0, 1, 2);
        assertThat(b).isEqualTo(a);
    }
}

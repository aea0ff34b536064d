package org.iommusim.core.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.iommusim.core.stats.StatKind;
import org.junit.jupiter.api.Test;

class ResultsDocumentTest {
    private static VariantResult variant(String name, String description) {
        StatValue v = StatValue.builder("a.b", StatKind.COUNTER, "x", description).field("value", 1).build();
        return new VariantResult(name, Map.of(), Map.of(), List.of(new Replication(0, 1, Snapshot.of(0, List.of(v)))));
    }

    @Test
    void statistics_sameNameDeclaredDifferently_rejectedNamingIt() {
        ResultsDocument doc = ResultsDocument.of("s", 1, List.of(variant("one", "first"), variant("two", "second")));
        assertThatThrownBy(doc::statistics).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a.b'").hasMessageContaining("variant 'two'");
    }

    @Test
    void statistics_unionSortedByName() {
        assertThat(ResultsFixtures.document().statistics().keySet()).containsExactly("dma.completed",
                "fault.latency", "iotlb.hit-ratio", "iotlb.hits.series", "queue.length", "walk.latency");
    }

    @Test
    void constructor_duplicateVariantOrReplication_rejected() {
        assertThatThrownBy(() -> ResultsDocument.of("s", 1, List.of(variant("one", "d"), variant("one", "d"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'one'");
        Replication r = new Replication(3, 1, Snapshot.of(0, List.of()));
        assertThatThrownBy(() -> new VariantResult("v", Map.of(), Map.of(), List.of(r, r)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replication 3");
    }

    @Test
    void constructor_unsupportedSchemaVersion_rejected() {
        assertThatThrownBy(() -> new ResultsDocument(2, "s", 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 2");
    }
}

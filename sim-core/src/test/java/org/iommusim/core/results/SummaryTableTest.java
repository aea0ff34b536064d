package org.iommusim.core.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iommusim.core.stats.StatKind;
import org.junit.jupiter.api.Test;

/** The compact summary map and the compact statistic values read the same as plain maps. */
class SummaryTableTest {
    @Test
    void copyOf_keepsOrderAndValues_andLooksUpEveryKey() {
        Map<String, StatSummary> plain = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
            plain.put("dev.d" + (999 - i) + ".latency", new StatSummary(i, i - 1, i + 1, i % 2 == 0 ? "ps" : "count", 3));
        }
        SummaryTable t = SummaryTable.copyOf(plain);
        assertThat(t).isEqualTo(plain).hasSameHashCodeAs(plain);
        assertThat(List.copyOf(t.keySet())).isEqualTo(List.copyOf(plain.keySet()));
        assertThat(t.get("dev.d0.latency")).isEqualTo(new StatSummary(999, 998, 1000, "count", 3));
        assertThat(t.get("dev.d1000.latency")).isNull();
        assertThat(t.containsKey("dev.d5.latency")).isTrue();
        assertThat(SummaryTable.copyOf(t)).isSameAs(t);
    }

    @Test
    void build_keyTwice_refusedNamingTheKey() {
        SummaryTable.Builder b = new SummaryTable.Builder(2).add("a", 1, 0, 2, "ps", 2).add("a", 1, 0, 2, "ps", 2);
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a'");
    }

    @Test
    void statValueFields_orderedReadOnlyView_equalToAPlainMap() {
        StatValue v = StatValue.builder("x", StatKind.HISTOGRAM, "ps", "d").field("mean", 2).field("count", 3)
                .field("p99.9", Double.NaN).build();
        Map<String, Double> plain = new LinkedHashMap<>();
        plain.put("mean", 2.0);
        plain.put("count", 3.0);
        plain.put("p99.9", Double.NaN);
        assertThat(v.fields()).isEqualTo(plain).hasSameHashCodeAs(plain);
        assertThat(List.copyOf(v.fields().keySet())).containsExactly("mean", "count", "p99.9");
        assertThat(v.fieldCount()).isEqualTo(3);
        assertThat(v.field("count")).isEqualTo(3);
        assertThat(v.hasField("p99")).isFalse();
        assertThatThrownBy(() -> v.fields().put("y", 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> StatValue.builder("x", StatKind.TALLY, "ps", "d").field("mean", 1).field("mean", 2))
                .hasMessageContaining("'mean' set twice");
    }

    @Test
    void snapshot_scalarKeyTwice_refused_statisticBesideAField() {
        StatValue a = StatValue.builder("a", StatKind.TALLY, "ps", "d").field("mean", 1).field("p99", 2).build();
        StatValue ap99 = StatValue.builder("a.p99", StatKind.COUNTER, "x", "d").field("value", 1).build();
        assertThatThrownBy(() -> Snapshot.of(0, List.of(a, ap99))).hasMessageContaining("scalar 'a.p99'");
        StatValue dotted = StatValue.builder("a", StatKind.TALLY, "ps", "d").field("mean", 1).field("b.c", 2).build();
        StatValue ab = StatValue.builder("a.b", StatKind.TALLY, "ps", "d").field("mean", 1).field("c", 2).build();
        assertThatThrownBy(() -> Snapshot.of(0, List.of(dotted, ab))).hasMessageContaining("scalar 'a.b.c'");
        Snapshot ok = Snapshot.of(5, List.of(ab, a));
        assertThat(ok.scalars()).containsKeys("a", "a.p99", "a.b", "a.b.c");
        assertThat(ok.get("a.b")).isSameAs(ab);
        assertThat(ok.has("a.b.c")).isFalse();
    }
}

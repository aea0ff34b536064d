package org.iommusim.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.results.Snapshot;
import org.iommusim.core.results.StatValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatsRegistryTest {
    @Test
    void declare_duplicateName_rejectedEvenAcrossKinds() {
        StatsRegistry reg = new StatsRegistry(new Simulator());
        reg.counter("iotlb.hits", "lookups", "IOTLB hits");
        assertThatThrownBy(() -> reg.counter("iotlb.hits", "lookups", "again"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'iotlb.hits'");
        assertThatThrownBy(() -> reg.tally("iotlb.hits", "ps", "other kind"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("declared twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Iotlb.hits", "iotlb..hits", ".hits", "hits.", "iotlb hits", "iotlb/hits", "_x", "dev0.faultsPerSec"})
    void declare_invalidName_rejected(String name) {
        StatsRegistry reg = new StatsRegistry(new Simulator());
        assertThatThrownBy(() -> reg.counter(name, "x", "d")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "iotlb.hits", "walk.stage-2.l4_hits", "dev0.pasid3.faults-per-sec", "2d.walks"})
    void declare_validName_accepted(String name) {
        assertThat(new StatsRegistry(new Simulator()).counter(name, "x", "d").name()).isEqualTo(name);
    }

    @Test
    void declare_missingDescriptionOrUnit_rejected() {
        StatsRegistry reg = new StatsRegistry(new Simulator());
        assertThatThrownBy(() -> reg.counter("a", "x", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("description");
        assertThatThrownBy(() -> reg.counter("b", null, "d")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void snapshot_sortedByNameWhateverDeclarationOrder() {
        Simulator sim = new Simulator();
        StatsRegistry reg = new StatsRegistry(sim);
        reg.counter("walk.count", "walks", "d");
        reg.histogram("a.latency", "ps", "d");
        reg.timeWeighted("m.level", "x", "d");
        reg.derived("b.ratio", "1", "d", () -> 0.5);
        sim.runUntil(1234);
        Snapshot s = reg.snapshot();
        assertThat(s.values()).extracting(StatValue::name)
                .containsExactly("a.latency", "b.ratio", "m.level", "walk.count");
        assertThat(s.simulatedTime()).isEqualTo(1234);
        assertThat(s.scalars()).containsKeys("a.latency", "a.latency.p99", "b.ratio", "m.level.max");
    }

    @Test
    void reset_atWarmUp_resetsEveryStatistic_derivedFollowsItsInputs() {
        Simulator sim = new Simulator();
        StatsRegistry reg = new StatsRegistry(sim);
        Counter hits = reg.counter("hits", "lookups", "d");
        Counter misses = reg.counter("misses", "lookups", "d");
        Tally t = reg.tally("t", "ps", "d");
        LatencyHistogram h = reg.histogram("h", "ps", "d");
        Derived ratio = reg.derived("ratio", "1", "Hit ratio",
                () -> hits.get() / (double) (hits.get() + misses.get()));
        hits.add(3);
        misses.add(1);
        t.add(5);
        h.record(9);
        assertThat(ratio.get()).isEqualTo(0.75);
        reg.reset();
        assertThat(hits.get()).isZero();
        assertThat(t.count()).isZero();
        assertThat(h.count()).isZero();
        assertThat(ratio.get()).isNaN();
        hits.add(1);
        misses.add(1);
        assertThat(reg.snapshot().get("ratio").primary()).isEqualTo(0.5);
        assertThat(reg.snapshot().get("ratio").kind()).isEqualTo(StatKind.DERIVED);
    }

    @Test
    void get_returnsDeclaredStatistic_allInDeclarationOrder() {
        StatsRegistry reg = new StatsRegistry(new Simulator());
        Counter b = reg.counter("b", "x", "d");
        reg.counter("a", "x", "d");
        assertThat(reg.get("b")).isSameAs(b);
        assertThat(reg.get("missing")).isNull();
        assertThat(reg.all()).extracting(Statistic::name).containsExactly("b", "a");
    }

    @Test
    void resetAfter_forgetsWarmUpButCountsEventsAtTheBoundary() {
        Simulator sim = new Simulator();
        StatsRegistry reg = new StatsRegistry(sim);
        Counter c = reg.counter("events", "count", "events seen");
        for (long t = 0; t <= 10; t++) {
            sim.scheduleAt(Event.of(c::increment), t * 100);
        }
        reg.resetAfter(500);
        sim.run();
        // Events at 0..400 are warm-up; the one at exactly 500 and those after it count.
        assertThat(c.get()).isEqualTo(6);
    }
}

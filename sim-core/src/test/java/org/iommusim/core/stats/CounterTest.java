package org.iommusim.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.results.StatValue;
import org.junit.jupiter.api.Test;

class CounterTest {
    @Test
    void incrementAndAdd_accumulate_snapshotHasValueField() {
        Counter c = new StatsRegistry(new Simulator()).counter("dma.completed", "dmas", "DMAs completed");
        c.increment();
        c.increment();
        c.add(40);
        assertThat(c.get()).isEqualTo(42);
        StatValue v = c.snapshot();
        assertThat(v.kind()).isEqualTo(StatKind.COUNTER);
        assertThat(v.fields()).containsExactly(org.assertj.core.api.Assertions.entry("value", 42.0));
        assertThat(v.unit()).isEqualTo("dmas");
        assertThat(v.description()).isEqualTo("DMAs completed");
    }

    @Test
    void reset_zeroes() {
        Counter c = new StatsRegistry(new Simulator()).counter("a", "x", "d");
        c.add(5);
        c.reset();
        assertThat(c.get()).isZero();
        assertThat(c.snapshot().primary()).isZero();
    }
}

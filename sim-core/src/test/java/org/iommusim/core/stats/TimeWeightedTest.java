package org.iommusim.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.junit.jupiter.api.Test;

class TimeWeightedTest {
    /**
     * Level 0 on [0,10), 2 on [10,30), 5 on [30,40), 1 on [40,50]:
     * area = 0*10 + 2*20 + 5*10 + 1*10 = 100 over 50 ps, mean 2.
     */
    private static Simulator timeline(TimeWeighted[] holder, StatsRegistry[] registry) {
        Simulator sim = new Simulator();
        StatsRegistry reg = new StatsRegistry(sim);
        TimeWeighted q = reg.timeWeighted("queue.length", "requests", "Requests waiting");
        sim.scheduleAt(Event.of(() -> q.set(2)), 10);
        sim.scheduleAt(Event.of(() -> q.add(3)), 30);
        sim.scheduleAt(Event.of(() -> q.set(1)), 40);
        holder[0] = q;
        registry[0] = reg;
        return sim;
    }

    @Test
    void mean_handTracedTimeline() {
        TimeWeighted[] q = new TimeWeighted[1];
        Simulator sim = timeline(q, new StatsRegistry[1]);
        sim.runUntil(50);
        assertThat(q[0].mean()).isCloseTo(2.0, within(1e-12));
        assertThat(q[0].max()).isEqualTo(5.0);
        assertThat(q[0].current()).isEqualTo(1.0);
        assertThat(q[0].snapshot().fields().keySet()).containsExactly("mean", "max", "current");
        sim.runUntil(100);
        // 1 more for 50 ps: (100 + 50) / 100
        assertThat(q[0].mean()).isCloseTo(1.5, within(1e-12));
    }

    @Test
    void reset_atWarmUp_startsNewWindowKeepingCurrentLevel() {
        TimeWeighted[] q = new TimeWeighted[1];
        StatsRegistry[] reg = new StatsRegistry[1];
        Simulator sim = timeline(q, reg);
        sim.runUntil(20);
        reg[0].reset();
        sim.runUntil(50);
        // window [20,50]: 2*10 + 5*10 + 1*10 = 80 over 30 ps
        assertThat(q[0].mean()).isCloseTo(80.0 / 30, within(1e-12));
        assertThat(q[0].max()).isEqualTo(5.0);
        assertThat(q[0].current()).isEqualTo(1.0);
    }

    @Test
    void reset_maxRestartsFromCurrentLevel() {
        TimeWeighted[] q = new TimeWeighted[1];
        StatsRegistry[] reg = new StatsRegistry[1];
        Simulator sim = timeline(q, reg);
        sim.runUntil(45);
        reg[0].reset();
        sim.runUntil(50);
        assertThat(q[0].max()).isEqualTo(1.0);
        assertThat(q[0].mean()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void noTimeElapsed_meanIsCurrentLevel() {
        Simulator sim = new Simulator();
        TimeWeighted q = new StatsRegistry(sim).timeWeighted("q", "x", "d");
        q.set(7);
        assertThat(q.mean()).isEqualTo(7.0);
    }
}

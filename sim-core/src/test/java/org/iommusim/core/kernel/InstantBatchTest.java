package org.iommusim.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** InstantBatch's own cases; its order against the kernel on random cascades is in TimeBatchTest. */
class InstantBatchTest {

    @Test
    void run_ofZeroDelayEvents_takesOneKernelEvent() {
        Simulator sim = new Simulator();
        InstantBatch batch = new InstantBatch(sim);
        List<Integer> fired = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            int n = i;
            batch.schedule(Event.of(() -> fired.add(n)), 0);
        }
        assertThat(batch.waiting()).isEqualTo(128);
        sim.run();
        assertThat(fired).hasSize(128).isSorted();
        assertThat(sim.eventsExecuted()).isEqualTo(1);
    }

    @Test
    void otherEventScheduledBetween_firesBetween_asOnItsOwn() {
        Simulator sim = new Simulator();
        InstantBatch batch = new InstantBatch(sim);
        List<String> fired = new ArrayList<>();
        batch.schedule(Event.of(() -> fired.add("a")), 0);
        sim.schedule(Event.of(() -> fired.add("other")), 0);
        batch.schedule(Event.of(() -> fired.add("b")), 0);
        batch.schedule(Event.of(() -> fired.add("c")), 5);
        sim.run();
        assertThat(fired).containsExactly("a", "other", "b", "c");
        assertThat(batch.waiting()).isZero();
    }

    @Test
    void stop_insideTheRun_leavesTheRestToTheKernelInOrder() {
        Simulator sim = new Simulator();
        InstantBatch batch = new InstantBatch(sim);
        List<String> fired = new ArrayList<>();
        batch.schedule(Event.of(() -> {
            fired.add("a");
            sim.stop();
        }), 0);
        batch.schedule(Event.of(() -> fired.add("b")), 0);
        batch.schedule(Event.of(() -> fired.add("c")), 0);
        sim.run();
        assertThat(fired).containsExactly("a");
        sim.run();
        assertThat(fired).containsExactly("a", "b", "c");
    }
}

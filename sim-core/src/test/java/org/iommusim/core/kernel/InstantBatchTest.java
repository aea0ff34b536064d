package org.iommusim.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstantBatchTest {

    /**
     * A random cascade of events: each fired event records itself and schedules 0-3 children —
     * zero-delay events through the scheduler under test, other zero-delay events of random
     * priority straight into the kernel, and delayed ones — drawing its choices from one
     * random stream in firing order, so two runs draw the same choices only while they fire
     * the same events in the same order.
     */
    private static List<String> cascade(long seed, boolean batched) {
        Simulator sim = new Simulator();
        InstantBatch batch = new InstantBatch(sim);
        Random random = new Random(seed);
        List<String> fired = new ArrayList<>();
        int[] made = {0};
        class Node extends Event {
            final int id = made[0]++;

            @Override
            public void fire() {
                fired.add(id + "@" + sim.now());
                if (made[0] > 20_000) {
                    return;
                }
                int children = random.nextInt(4);
                for (int k = 0; k < children; k++) {
                    Node child = new Node();
                    switch (random.nextInt(5)) {
                        case 0, 1 -> {
                            if (batched) {
                                batch.schedule(child, 0);
                            } else {
                                sim.schedule(child, 0);
                            }
                        }
                        case 2 -> sim.schedule(child, 0, random.nextInt(3) - 1);
                        default -> sim.schedule(child, 1 + random.nextInt(3));
                    }
                }
            }
        }
        for (int i = 0; i < 20; i++) {
            sim.schedule(new Node(), random.nextInt(3), random.nextInt(3) - 1);
        }
        sim.run();
        return fired;
    }

    @Test
    void batchedZeroDelayEvents_fireInTheKernelsOwnOrder_onRandomCascades() {
        long fresh = System.nanoTime();
        for (long seed : new long[] {1, 2, 3, 42, 1234, fresh}) {
            System.out.println("InstantBatchTest seed " + seed);
            List<String> plain = cascade(seed, false);
            assertThat(plain.size()).as("seed %d", seed).isGreaterThan(100);
            assertThat(cascade(seed, true)).as("seed %d", seed).isEqualTo(plain);
        }
    }

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

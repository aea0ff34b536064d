package org.iommusim.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TimeBatchTest {

    /**
     * A random cascade of events: each fired event records itself and schedules 0-3 children —
     * through the batch under test (a few batches, delays of 0-3 ps, so some children come before
     * a batch's last one and take the kernel's path), events of random priority and delay straight
     * into the kernel, zero-delay events through an {@link InstantBatch} — drawing its choices from
     * one random stream in firing order, so two runs draw the same choices only while they fire
     * the same events in the same order. Unbatched, every event goes straight into the kernel: the
     * reference for both batch kinds (InstantBatchTest has no cascade of its own).
     */
    private static List<String> cascade(long seed, boolean batched, Supplier<EventQueue> queue) {
        Simulator sim = new Simulator(queue.get());
        TimeBatch[] batches = {new TimeBatch(sim), new TimeBatch(sim), new TimeBatch(sim)};
        InstantBatch instant = new InstantBatch(sim);
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
                    switch (random.nextInt(6)) {
                        case 0, 1, 2 -> {
                            long delay = random.nextInt(4);
                            TimeBatch b = batches[random.nextInt(batches.length)];
                            if (batched) {
                                b.schedule(child, delay);
                            } else {
                                sim.schedule(child, delay);
                            }
                        }
                        case 3 -> {
                            if (batched) {
                                instant.schedule(child, 0);
                            } else {
                                sim.schedule(child, 0);
                            }
                        }
                        case 4 -> sim.schedule(child, 0, random.nextInt(3) - 1);
                        default -> sim.schedule(child, 1 + random.nextInt(3), random.nextInt(3) - 1);
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
    void batchedEvents_fireInTheKernelsOwnOrder_onRandomCascades() {
        long fresh = System.nanoTime();
        List<Supplier<EventQueue>> queues = List.of(HeapEventQueue::new, LadderEventQueue::new);
        for (long seed : new long[] {1, 2, 3, 42, 1234, fresh}) {
            System.out.println("TimeBatchTest seed " + seed);
            for (Supplier<EventQueue> q : queues) {
                List<String> plain = cascade(seed, false, q);
                assertThat(plain.size()).as("seed %d", seed).isGreaterThan(100);
                List<String> viaBatch = cascade(seed, true, q);
                int d = 0;
                while (d < Math.min(plain.size(), viaBatch.size()) && plain.get(d).equals(viaBatch.get(d))) {
                    d++;
                }
                assertThat(d).as("seed %d: first difference at %s: %s against %s", seed, d,
                        plain.subList(Math.max(0, d - 3), Math.min(plain.size(), d + 3)),
                        viaBatch.subList(Math.max(0, d - 3), Math.min(viaBatch.size(), d + 3)))
                        .isEqualTo(plain.size()).isEqualTo(viaBatch.size());
            }
        }
    }

    @Test
    void eventsOfOneInstant_takeOneKernelEvent() {
        Simulator sim = new Simulator();
        TimeBatch batch = new TimeBatch(sim);
        List<Integer> fired = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            int n = i;
            batch.schedule(Event.of(() -> fired.add(n)), 3_000);
        }
        assertThat(batch.waiting()).isEqualTo(128);
        sim.run();
        assertThat(fired).hasSize(128).isSorted();
        assertThat(sim.eventsExecuted()).isEqualTo(1);
        assertThat(sim.now()).isEqualTo(3_000);
    }

    @Test
    void otherEventsOfTheInstant_fireBetween_asOnTheirOwn() {
        Simulator sim = new Simulator();
        TimeBatch batch = new TimeBatch(sim);
        List<String> fired = new ArrayList<>();
        batch.schedule(Event.of(() -> fired.add("a")), 5);
        sim.schedule(Event.of(() -> fired.add("other")), 5);
        batch.schedule(Event.of(() -> fired.add("b")), 5);
        batch.schedule(Event.of(() -> fired.add("c")), 7);
        sim.schedule(Event.of(() -> fired.add("first")), 5, -1);
        sim.schedule(Event.of(() -> fired.add("between")), 6);
        sim.run();
        assertThat(fired).containsExactly("first", "a", "other", "b", "between", "c");
        assertThat(batch.waiting()).isZero();
    }

    @Test
    void earlierTimeBehindALaterOne_takesTheKernelsPath_inOrder() {
        Simulator sim = new Simulator();
        TimeBatch batch = new TimeBatch(sim);
        List<String> fired = new ArrayList<>();
        batch.schedule(Event.of(() -> fired.add("late")), 10);
        batch.schedule(Event.of(() -> fired.add("early")), 4);
        assertThat(batch.waiting()).isEqualTo(1);
        sim.run();
        assertThat(fired).containsExactly("early", "late");
    }

    @Test
    void stop_insideTheBatch_leavesTheRestToTheKernelInOrder() {
        Simulator sim = new Simulator();
        TimeBatch batch = new TimeBatch(sim);
        List<String> fired = new ArrayList<>();
        batch.schedule(Event.of(() -> {
            fired.add("a");
            sim.stop();
        }), 2);
        batch.schedule(Event.of(() -> fired.add("b")), 2);
        batch.schedule(Event.of(() -> fired.add("c")), 3);
        sim.run();
        assertThat(fired).containsExactly("a");
        sim.runUntil(2);
        assertThat(fired).containsExactly("a", "b");
        sim.run();
        assertThat(fired).containsExactly("a", "b", "c");
    }

    @Test
    void negativeDelay_isRefusedAsByTheKernel() {
        TimeBatch batch = new TimeBatch(new Simulator());
        assertThatThrownBy(() -> batch.schedule(Event.of(() -> { }), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative delay");
    }
}

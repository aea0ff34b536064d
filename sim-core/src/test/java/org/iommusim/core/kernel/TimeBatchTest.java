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
     * through a batch under test (two one-lane batches and a three-lane one; delays of 0-9 ps, so
     * some children come before a lane's last one and take the kernel's path, and a drain moves the
     * clock across instants), events of random priority and delay straight into the kernel,
     * zero-delay events through an {@link InstantBatch}; now and then a fired event stops the run —
     * drawing its choices from one random stream in firing order, so two runs draw the same choices
     * only while they fire the same events in the same order. The run goes in calls of random
     * length ({@code runUntil} a random end, the current instant, or to the end), so a drain meets a
     * run call's end. ({@code runEvents} counts a drain as one event, so it is not compared here.) Unbatched, every event goes straight into the kernel: the
     * reference for both batch kinds (InstantBatchTest has no cascade of its own).
     */
    private static List<String> cascade(long seed, boolean batched, Supplier<EventQueue> queue) {
        Simulator sim = new Simulator(queue.get());
        TimeBatch[] batches = {new TimeBatch(sim), new TimeBatch(sim), new TimeBatch(sim, true, 3)};
        InstantBatch instant = new InstantBatch(sim);
        Random random = new Random(seed);
        Random calls = new Random(seed + 1);
        List<String> fired = new ArrayList<>();
        int[] made = {0};
        class Node extends Event {
            final int id = made[0]++;

            @Override
            public void fire() {
                fired.add(id + "@" + sim.now());
                if (random.nextInt(50) == 0) {
                    sim.stop();
                }
                if (made[0] > 20_000) {
                    return;
                }
                int children = random.nextInt(4);
                for (int k = 0; k < children; k++) {
                    Node child = new Node();
                    switch (random.nextInt(6)) {
                        case 0, 1, 2 -> {
                            long delay = random.nextInt(10);
                            int b = random.nextInt(batches.length);
                            int lane = random.nextInt(b == 2 ? 3 : 1);
                            if (batched) {
                                batches[b].schedule(child, delay, lane);
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
                        default -> sim.schedule(child, 1 + random.nextInt(9), random.nextInt(3) - 1);
                    }
                }
            }
        }
        for (int i = 0; i < 20; i++) {
            sim.schedule(new Node(), random.nextInt(3), random.nextInt(3) - 1);
        }
        while (sim.pending() > 0) {
            switch (calls.nextInt(3)) {
                case 0 -> sim.runUntil(sim.now() + calls.nextInt(20));
                case 1 -> sim.runUntil(sim.now()); // this instant's events only
                default -> sim.run();
            }
            fired.add("call ends @" + sim.now());
        }
        return fired;
    }

    @Test
    void batchedEvents_fireInTheKernelsOwnOrder_onRandomCascades() {
        long fresh = System.nanoTime();
        List<Supplier<EventQueue>> queues = List.of(HeapEventQueue::new, LadderEventQueue::new,
                () -> new LadderEventQueue(16, 4));
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
    void eventsOfSuccessiveInstants_takeOneKernelEvent_andStopAtTheRunsEnd() {
        Simulator sim = new Simulator();
        TimeBatch batch = new TimeBatch(sim);
        List<Long> fired = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            batch.schedule(Event.of(() -> fired.add(sim.now())), i * 1_000L);
        }
        sim.runUntil(5_500);
        assertThat(fired).containsExactly(1_000L, 2_000L, 3_000L, 4_000L, 5_000L);
        assertThat(sim.eventsExecuted()).isEqualTo(1);
        assertThat(sim.now()).isEqualTo(5_500);
        sim.run();
        assertThat(fired).hasSize(10).isSorted();
        assertThat(sim.eventsExecuted()).isEqualTo(2);
    }

    @Test
    void lanes_mergeByTimeThenKey_andAKernelEventBetweenThemFiresInItsPlace() {
        Simulator sim = new Simulator();
        TimeBatch batch = new TimeBatch(sim, true, 2);
        List<String> fired = new ArrayList<>();
        batch.schedule(Event.of(() -> fired.add("end1")), 10, 0);
        batch.schedule(Event.of(() -> fired.add("arrive1")), 110, 1);
        batch.schedule(Event.of(() -> fired.add("end2")), 20, 0);
        batch.schedule(Event.of(() -> fired.add("arrive2")), 120, 1);
        sim.schedule(Event.of(() -> fired.add("kernel")), 110);
        batch.schedule(Event.of(() -> fired.add("end3")), 110, 0);
        sim.run();
        assertThat(fired).containsExactly("end1", "end2", "arrive1", "kernel", "end3", "arrive2");
    }

    @Test
    void anEventBeforeTheBatchsKernelEntry_outsideADrain_takesTheKernelsPath() {
        Simulator sim = new Simulator();
        TimeBatch batch = new TimeBatch(sim, true, 2);
        List<String> fired = new ArrayList<>();
        batch.schedule(Event.of(() -> fired.add("late")), 50, 0);
        batch.schedule(Event.of(() -> fired.add("early")), 5, 1);
        assertThat(batch.waiting()).isEqualTo(1);
        sim.run();
        assertThat(fired).containsExactly("early", "late");
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

package org.iommusim.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential test of {@link LadderEventQueue} against {@link HeapEventQueue}: the same seeded
 * random workload drives a simulator over each; the traces (fired event and time, peeks,
 * cancel results, pending counts) must be identical. The workload swings the population across
 * the ladder's switch thresholds and mixes ties at one instant, equal priorities, extreme
 * priorities, cancel and reschedule, bulk cancels, same-instant bursts and far-future outliers
 * (up to the last representable instant).
 */
class LadderEventQueueTest {
    private static final int EVENTS = 3000;
    private static final int MAX_FIRED = 60_000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1234567, -5, 987654321987L})
    void ladder_firesInHeapOrder_onRandomSchedulesCancelsBurstsAndOutliers(long seed) {
        runDifferential(seed, EVENTS, () -> new LadderEventQueue(256, 64));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12})
    void ladderWithDefaultThresholds_firesInHeapOrder_onRandomWorkload(long seed) {
        runDifferential(seed, 4 * LadderEventQueue.DEFAULT_SWITCH_UP / 3, LadderEventQueue::new);
    }

    @Test
    void ladder_firesInHeapOrder_withFreshRandomSeed() {
        long seed = System.nanoTime();
        System.out.println("LadderEventQueueTest fresh seed " + seed);
        runDifferential(seed, EVENTS, () -> new LadderEventQueue(256, 64));
    }

    private static void runDifferential(long seed, int events, Supplier<EventQueue> ladder) {
        System.out.println("LadderEventQueueTest seed " + seed);
        List<String> heapTrace = new ArrayList<>();
        boolean[] heapSwitched = new Workload(seed, events, new HeapEventQueue(), heapTrace).run();
        List<String> ladderTrace = new ArrayList<>();
        boolean[] switched = new Workload(seed, events, ladder.get(), ladderTrace).run();
        assertThat(heapTrace).as("seed %d: trace length", seed).hasSizeGreaterThan(MAX_FIRED);
        for (int i = 0; i < Math.min(heapTrace.size(), ladderTrace.size()); i++) { // first divergence, readable
            assertThat(ladderTrace.get(i)).as("seed %d: trace entry %d", seed, i).isEqualTo(heapTrace.get(i));
        }
        assertThat(ladderTrace).as("seed %d", seed).hasSameSizeAs(heapTrace);
        assertThat(switched).as("seed %d: ladder visited both modes", seed).containsExactly(true, true);
        assertThat(heapSwitched).as("heap never reports ladder mode").containsExactly(false, true);
    }

    @Test
    void ladder_ordersEventsAtTheLastInstant_byPriorityThenInsertion() {
        for (EventQueue q : List.of(new HeapEventQueue(), new LadderEventQueue(4, 1))) {
            Simulator sim = new Simulator(q);
            List<Integer> fired = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int id = i;
                sim.scheduleAt(Event.of(() -> fired.add(id)), i % 2 == 0 ? Long.MAX_VALUE : 5, -(i % 3));
            }
            sim.run();
            List<Integer> expected = new ArrayList<>();
            for (long t : new long[] {5, Long.MAX_VALUE}) {
                for (int p = -2; p <= 0; p++) {
                    for (int i = 0; i < 40; i++) {
                        if ((i % 2 == 0 ? Long.MAX_VALUE : 5) == t && -(i % 3) == p) {
                            expected.add(i);
                        }
                    }
                }
            }
            assertThat(fired).as(q.getClass().getSimpleName()).isEqualTo(expected);
        }
    }

    @Test
    void clear_leavesNoEventPending_inLadderMode() {
        LadderEventQueue q = new LadderEventQueue(8, 2);
        Simulator sim = new Simulator(q);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Event e = Event.of(() -> { });
            events.add(e);
            sim.schedule(e, 1000L * i);
        }
        sim.runEvents(3); // lays a rung, the rest sit in buckets
        assertThat(q.isLadder()).isTrue();
        q.clear();
        assertThat(q.size()).isZero();
        assertThat(q.poll()).isNull();
        assertThat(events).noneMatch(Event::isPending);
        assertThat(q.isLadder()).isFalse();
    }

    @Test
    void thresholds_outOfOrder_areRejected() {
        assertThatThrownBy(() -> new LadderEventQueue(10, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("switchDown < switchUp");
    }

    /** The seeded workload; returns {ever in ladder mode, ever in heap mode after the start}. */
    private static final class Workload {
        private final SplittableRandom rnd;
        private final EventQueue queue;
        private final Simulator sim;
        private final List<String> out;
        private final Node[] events;
        private final boolean[] modes = new boolean[2];
        private int target;
        private int step;

        Workload(long seed, int count, EventQueue queue, List<String> out) {
            this.events = new Node[count];
            this.target = count / 10;
            this.rnd = new SplittableRandom(seed);
            this.queue = queue;
            this.sim = new Simulator(queue);
            this.out = out;
            for (int i = 0; i < count; i++) {
                events[i] = new Node(i);
            }
        }

        boolean[] run() {
            for (int i = 0; i < target; i++) {
                schedule(events[i]);
            }
            while (out.size() < MAX_FIRED) {
                if (step++ % 6 == 0) { // swing the population across the thresholds, high phase first
                    target = step / 6 % 2 == 0 ? rnd.nextInt(events.length * 4 / 5, events.length) : rnd.nextInt(1, 60);
                }
                for (int i = 0; sim.pending() > target && i < events.length; i++) {
                    sim.cancel(events[i]); // shrink: the next refill folds the ladder back
                }
                if (rnd.nextBoolean()) {
                    long before = sim.eventsExecuted();
                    long span = rnd.nextInt(10) == 0 ? rnd.nextLong(1, 1L << 40) : rnd.nextLong(1, 5_000);
                    sim.runUntil(sim.now() + Math.min(span, Long.MAX_VALUE - sim.now()));
                    out.add("runUntil:" + (sim.eventsExecuted() - before));
                } else {
                    out.add("runEvents:" + sim.runEvents(rnd.nextInt(1, 400)));
                }
                Event top = queue.peek();
                out.add("pending:" + sim.pending() + " peek:" + (top == null ? "-" : ((Node) top).id));
                int from = rnd.nextInt(events.length); // refill from a random place, wrapping round
                for (int i = 0; sim.pending() < target && i < events.length; i++) {
                    Node e = events[(from + i) % events.length];
                    if (!e.isPending()) {
                        schedule(e);
                    }
                }
                if (queue instanceof LadderEventQueue l) {
                    modes[l.isLadder() ? 0 : 1] = true;
                } else {
                    modes[1] = true;
                }
            }
            return modes;
        }

        private void act() {
            int kind = rnd.nextInt(100); // mix chosen so that the population drifts neither up nor down
            Node target = events[rnd.nextInt(events.length)];
            if (kind < 33) {
                if (!target.isPending()) {
                    schedule(target);
                }
            } else if (kind < 73) {
                out.add("cancel:" + sim.cancel(target));
            } else if (kind < 95) {
                sim.cancel(target);
                schedule(target); // cancel and reschedule: a stale entry stays behind
            } else if (kind < 99) {
                long at = sim.now() + Math.min(rnd.nextLong(0, 2_000), Long.MAX_VALUE - sim.now()); // burst at one instant
                for (int i = 0, n = rnd.nextInt(1, 20); i < n; i++) {
                    Node e = events[rnd.nextInt(events.length)];
                    if (!e.isPending()) {
                        sim.scheduleAt(e, at, rnd.nextInt(-1, 2));
                    }
                }
            } else {
                int cancelled = 0; // bulk cancel: stale entries outnumber live ones
                for (Node e : events) {
                    if (rnd.nextInt(4) != 0 && sim.cancel(e)) {
                        cancelled++;
                    }
                }
                out.add("bulk:" + cancelled);
            }
        }

        private void schedule(Node e) {
            long room = Long.MAX_VALUE - sim.now();
            int kind = rnd.nextInt(100);
            long delay;
            if (kind < 12) {
                delay = 0;
            } else if (kind < 25) {
                delay = rnd.nextLong(0, 4);
            } else if (kind < 95) {
                delay = (long) (-Math.log(1 - rnd.nextDouble()) * 1_000);
            } else if (kind < 99 || rnd.nextInt(20) != 0) {
                delay = rnd.nextLong(1_000_000, 1_000_000_000_000L); // far-future outlier
            } else {
                delay = room; // the last representable instant (1 schedule in 2000)
            }
            int priority = switch (rnd.nextInt(10)) {
                case 0 -> Simulator.MIN_PRIORITY;
                case 1 -> Simulator.MAX_PRIORITY;
                default -> rnd.nextInt(-2, 3);
            };
            sim.schedule(e, Math.min(delay, room), priority);
        }

        private final class Node extends Event {
            final int id;

            Node(int id) {
                this.id = id;
            }

            @Override
            public void fire() {
                out.add(id + "@" + sim.now());
                int actions = rnd.nextInt(3);
                for (int a = 0; a < actions; a++) {
                    act();
                }
                if (rnd.nextInt(3) != 0 && !isPending()) {
                    schedule(this);
                }
            }
        }
    }
}

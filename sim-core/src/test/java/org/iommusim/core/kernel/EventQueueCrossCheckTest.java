package org.iommusim.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drives the same random workload (schedules with ties and mixed priorities, cancels,
 * cancel-and-reschedule, bulk cancels that trigger compaction, runs in chunks) on a simulator
 * over each queue implementation; the traces of fired events must be identical.
 */
class EventQueueCrossCheckTest {
    private static final int EVENTS = 300;
    private static final int MAX_FIRED = 20_000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1234567, 987654321987L, -5})
    void binaryHeapAndSortedList_fireSameOrder_onRandomSchedulesWithCancels(long seed) {
        List<String> heap = trace(seed, HeapEventQueue::new);
        List<String> list = trace(seed, SortedListEventQueue::new);
        assertThat(heap).as("seed %d: trace length", seed).hasSizeGreaterThan(1000);
        assertThat(heap).as("seed %d: heap trace vs sorted-list trace", seed).isEqualTo(list);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8})
    void binaryHeap_smallInitialCapacity_growsAndMatchesSortedList(long seed) {
        assertThat(trace(seed, () -> new HeapEventQueue(1)))
                .as("seed %d", seed).isEqualTo(trace(seed, SortedListEventQueue::new));
    }

    private static List<String> trace(long seed, Supplier<EventQueue> queue) {
        Simulator sim = new Simulator(queue.get());
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        Event[] events = new Event[EVENTS];
        long[] lastTime = {-1};
        for (int i = 0; i < EVENTS; i++) {
            int id = i;
            events[i] = Event.of(() -> {
                assertThat(sim.now()).as("seed %d: time went backwards", seed).isGreaterThanOrEqualTo(lastTime[0]);
                lastTime[0] = sim.now();
                out.add(id + "@" + sim.now());
                if (out.size() >= MAX_FIRED) {
                    sim.stop();
                    return;
                }
                int actions = rnd.nextInt(4);
                for (int a = 0; a < actions; a++) {
                    act(sim, rnd, events, out);
                }
                if (rnd.nextInt(4) != 0 && !events[id].isPending()) {
                    schedule(sim, rnd, events[id]);
                }
            });
        }
        for (int i = 0; i < EVENTS * 2 / 3; i++) {
            schedule(sim, rnd, events[i]);
        }
        while (out.size() < MAX_FIRED) {
            if (rnd.nextBoolean()) {
                out.add("runUntil:" + runFor(sim, rnd.nextLong(1, 500)));
            } else {
                out.add("runEvents:" + sim.runEvents(rnd.nextInt(1, 200)));
            }
            out.add("pending:" + sim.pending());
            for (int tries = 0; sim.pending() < EVENTS / 4 && tries < EVENTS; tries++) {
                Event e = events[rnd.nextInt(EVENTS)]; // refill so the workload never dies out
                if (!e.isPending()) {
                    schedule(sim, rnd, e);
                }
            }
        }
        return out;
    }

    private static long runFor(Simulator sim, long span) {
        long before = sim.eventsExecuted();
        sim.runUntil(sim.now() + span);
        return sim.eventsExecuted() - before;
    }

    private static void act(Simulator sim, SplittableRandom rnd, Event[] events, List<String> out) {
        int kind = rnd.nextInt(100);
        Event target = events[rnd.nextInt(EVENTS)];
        if (kind < 55) {
            if (!target.isPending()) {
                schedule(sim, rnd, target);
            }
        } else if (kind < 80) {
            out.add("cancel:" + sim.cancel(target));
        } else if (kind < 99) {
            sim.cancel(target);
            schedule(sim, rnd, target); // cancel and reschedule: leaves a stale entry in a lazy heap
        } else {
            int cancelled = 0; // bulk cancel: pushes stale entries past live ones
            for (Event e : events) {
                if (rnd.nextInt(4) != 0 && sim.cancel(e)) {
                    cancelled++;
                }
            }
            out.add("bulk:" + cancelled);
        }
    }

    private static void schedule(Simulator sim, SplittableRandom rnd, Event e) {
        long delay = switch (rnd.nextInt(3)) {
            case 0 -> 0;                    // ties at the current instant
            case 1 -> rnd.nextLong(0, 8);   // many ties
            default -> rnd.nextLong(0, 1000);
        };
        sim.schedule(e, delay, rnd.nextInt(-2, 3));
    }
}

package org.iommusim.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.core.stats.Tally;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoundedQueueTest {
    private final Simulator sim = new Simulator();
    private final StatsRegistry stats = new StatsRegistry(sim);

    private long counter(String name) {
        return ((Counter) stats.get(name)).get();
    }

    @Test
    void offer_untilFull_thenRejectsAndCounts() {
        BoundedQueue<String> q = new BoundedQueue<>(sim, stats, "inv", 3);
        assertThat(q.offer("a")).isTrue();
        assertThat(q.offer("b")).isTrue();
        assertThat(q.offer("c")).isTrue();
        assertThat(q.isFull()).isTrue();
        assertThat(q.offer("d")).isFalse();
        assertThat(q.offer("e")).isFalse();
        assertThat(q.size()).isEqualTo(3);
        assertThat(counter("inv.arrivals")).isEqualTo(5);
        assertThat(counter("inv.rejections")).isEqualTo(2);
        assertThat(q.admitted()).isEqualTo(3);
    }

    @Test
    void poll_returnsItemsInFifoOrder_andRecordsTimeInQueue() {
        BoundedQueue<String> q = new BoundedQueue<>(sim, stats, "fault", 4);
        sim.scheduleAt(Event.of(() -> q.offer("a")), 0);
        sim.scheduleAt(Event.of(() -> q.offer("b")), 10);
        sim.scheduleAt(Event.of(() -> assertThat(q.poll()).isEqualTo("a")), 25);
        sim.scheduleAt(Event.of(() -> assertThat(q.peek()).isEqualTo("b")), 40);
        sim.scheduleAt(Event.of(() -> assertThat(q.poll()).isEqualTo("b")), 40);
        sim.scheduleAt(Event.of(() -> { }), 50);
        sim.run();
        Tally t = (Tally) stats.get("fault.time-in-queue");
        assertThat(t.count()).isEqualTo(2);
        assertThat(t.mean()).isEqualTo((25 + 30) / 2.0);
        assertThat(counter("fault.departures")).isEqualTo(2);
        // length: 1 on [0,10), 2 on [10,25), 1 on [25,40), 0 on [40,50)
        LittleLaw l = q.littleLaw();
        assertThat(l.meanOccupancy()).isCloseTo((10 + 30 + 15) / 50.0, within(1e-12));
        assertThat(l.predictedOccupancy()).isCloseTo(2 / 50.0 * 27.5, within(1e-12));
    }

    @Test
    void poll_andPeek_onEmpty_returnNull() {
        BoundedQueue<String> q = new BoundedQueue<>(sim, stats, "inv", 2);
        assertThat(q.poll()).isNull();
        assertThat(q.peek()).isNull();
        assertThat(q.isEmpty()).isTrue();
        assertThat(counter("inv.departures")).isZero();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void randomOffersAndPolls_matchArrayDeque_acrossWrapAndGrowth(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int capacity = 1 + rnd.nextInt(500);
        BoundedQueue<Integer> q = new BoundedQueue<>(sim, stats, "q", capacity);
        ArrayDeque<Integer> reference = new ArrayDeque<>();
        for (int i = 0; i < 100_000; i++) {
            if (rnd.nextInt(100) < 52) {
                boolean accepted = q.offer(i);
                assertThat(accepted).as("seed %d op %d capacity %d", seed, i, capacity)
                        .isEqualTo(reference.size() < capacity);
                if (accepted) {
                    reference.addLast(i);
                }
            } else {
                assertThat(q.poll()).as("seed %d op %d", seed, i).isEqualTo(reference.pollFirst());
            }
            assertThat(q.size()).isEqualTo(reference.size());
        }
    }

    @Test
    void invalidArguments_areRejected() {
        assertThatThrownBy(() -> new BoundedQueue<>(sim, stats, "q", 0)).hasMessageContaining("capacity >= 1");
        BoundedQueue<String> q = new BoundedQueue<>(sim, stats, "q2", 1);
        assertThatThrownBy(() -> q.offer(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statistics_areDeclaredUnderPrefix() {
        new BoundedQueue<>(sim, stats, "iommu.invq", 8);
        assertThat(stats.all()).extracting(st -> st.name()).containsExactlyInAnyOrder("iommu.invq.arrivals",
                "iommu.invq.rejections", "iommu.invq.departures", "iommu.invq.length", "iommu.invq.time-in-queue",
                "iommu.invq.time-in-queue-histogram", "iommu.invq.arrival-rate");
    }
}

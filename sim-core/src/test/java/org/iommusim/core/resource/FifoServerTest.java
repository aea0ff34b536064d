package org.iommusim.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.Derived;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.core.stats.Tally;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FifoServerTest {
    private final Simulator sim = new Simulator();
    private final StatsRegistry stats = new StatsRegistry(sim);
    private final List<String> grants = new ArrayList<>();

    private Client client(String name) {
        return (slot, waited) -> grants.add(name + ":slot" + slot + ":waited" + waited + "@" + sim.now());
    }

    private void at(long time, Runnable r) {
        sim.scheduleAt(Event.of(r), time);
    }

    private long counter(String name) {
        return ((Counter) stats.get(name)).get();
    }

    @Test
    void request_withFreeSlot_isGrantedAtOnceWithZeroWait() {
        FifoServer s = new FifoServer(sim, stats, "walker", new ServerConfig(2, 4));
        assertThat(s.request(client("a"))).isTrue();
        assertThat(s.request(client("b"))).isTrue();
        assertThat(grants).containsExactly("a:slot0:waited0@0", "b:slot1:waited0@0");
        assertThat(s.busy()).isEqualTo(2);
        assertThat(s.queueLength()).isZero();
    }

    @Test
    void requests_whenAllBusy_waitAndAreGrantedInArrivalOrder_onTheFreedSlot() {
        FifoServer s = new FifoServer(sim, stats, "walker", new ServerConfig(2, 4));
        at(0, () -> s.request(client("a")));
        at(0, () -> s.request(client("b")));
        at(10, () -> s.request(client("c")));
        at(20, () -> s.request(client("d")));
        at(30, () -> s.release(1));
        at(50, () -> s.release(0));
        at(60, () -> s.release(1));
        at(60, () -> s.release(0));
        sim.run();
        assertThat(grants).containsExactly("a:slot0:waited0@0", "b:slot1:waited0@0", "c:slot1:waited20@30",
                "d:slot0:waited30@50");
        assertThat(s.busy()).isZero();
        assertThat(counter("walker.completions")).isEqualTo(4);
        Tally wait = (Tally) stats.get("walker.wait");
        assertThat(wait.mean()).isEqualTo((0 + 0 + 20 + 30) / 4.0);
        Tally tis = (Tally) stats.get("walker.time-in-system");
        assertThat(tis.mean()).isEqualTo((30 + 50 + 50 + 40) / 4.0); // b, a, c, d
    }

    @Test
    void request_whenQueueFull_isRejectedAndCounted() {
        FifoServer s = new FifoServer(sim, stats, "walker", new ServerConfig(1, 2));
        assertThat(s.request(client("a"))).isTrue();
        assertThat(s.request(client("b"))).isTrue();
        assertThat(s.request(client("c"))).isTrue();
        assertThat(s.request(client("d"))).isFalse();
        assertThat(counter("walker.arrivals")).isEqualTo(4);
        assertThat(counter("walker.rejections")).isEqualTo(1);
        assertThat(s.admitted()).isEqualTo(3);
        s.release(0);
        s.release(0);
        s.release(0);
        assertThat(grants).extracting(g -> g.substring(0, 1)).containsExactly("a", "b", "c");
    }

    @Test
    void zeroQueueCapacity_rejectsWheneverAllSlotsBusy() {
        FifoServer s = new FifoServer(sim, stats, "cpu", new ServerConfig(1, 0));
        assertThat(s.request(client("a"))).isTrue();
        assertThat(s.request(client("b"))).isFalse();
        s.release(0);
        assertThat(s.request(client("c"))).isTrue();
    }

    @Test
    void release_ofSlotNotHeld_throws() {
        FifoServer s = new FifoServer(sim, stats, "walker", new ServerConfig(2, 1));
        assertThatThrownBy(() -> s.release(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("slot 0");
        s.request(client("a"));
        s.release(0);
        assertThatThrownBy(() -> s.release(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.release(2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void grantedCallback_mayReleaseAtOnce_withoutCorruptingState() {
        FifoServer s = new FifoServer(sim, stats, "walker", new ServerConfig(1, 10));
        Client instant = (slot, waited) -> s.release(slot);
        s.request(client("holder"));
        for (int i = 0; i < 5; i++) {
            s.request(instant);
        }
        s.release(0); // grants the five zero-length requests in turn, re-entrantly
        assertThat(s.busy()).isZero();
        assertThat(s.queueLength()).isZero();
        assertThat(counter("walker.completions")).isEqualTo(6);
    }

    @Test
    void timeWeightedStatistics_andUtilisation_matchHandComputation() {
        FifoServer s = new FifoServer(sim, stats, "walker", new ServerConfig(2, 4));
        // Busy: 1 slot on [0,10), 2 on [10,40) (plus one waiting on [20,30)), 1 on [40,100).
        at(0, () -> s.request(client("a")));
        at(10, () -> s.request(client("b")));
        at(20, () -> s.request(client("c")));
        at(30, () -> s.release(0));
        at(40, () -> s.release(1));
        at(100, () -> s.release(0));
        sim.run();
        double busyArea = 1 * 10 + 2 * 30 + 1 * 60;
        assertThat(s.utilisation()).isCloseTo(busyArea / 100 / 2, within(1e-12));
        assertThat(((Derived) stats.get("walker.utilisation")).get()).isCloseTo(busyArea / 200, within(1e-12));
        assertThat(s.queue().meanOccupancy()).isCloseTo(10 / 100.0, within(1e-12));
        assertThat(s.system().meanOccupancy()).isCloseTo((busyArea + 10) / 100, within(1e-12));
        assertThat(s.system().arrivalRate()).isCloseTo(3 / 100.0, within(1e-15));
        assertThat(((Derived) stats.get("walker.arrival-rate")).get()).isCloseTo(3 / 100.0 * 1e12, within(1e-3));
    }

    @Test
    void statsReset_startsNewWindowForRatesAndMeans() {
        FifoServer s = new FifoServer(sim, stats, "walker", new ServerConfig(1, 4));
        at(0, () -> s.request(client("a")));
        at(50, () -> s.release(0));
        at(100, stats::reset);
        at(100, () -> s.request(client("b")));
        at(150, () -> s.release(0));
        at(200, () -> { });
        sim.run();
        LittleLaw l = s.system();
        assertThat(l.windowPs()).isEqualTo(100);
        assertThat(l.admitted()).isEqualTo(1);
        assertThat(l.arrivalRate()).isEqualTo(0.01);
        assertThat(l.meanOccupancy()).isCloseTo(0.5, within(1e-12));
        assertThat(l.meanTimeInSystem()).isEqualTo(50);
        assertThat(l.relativeError()).isCloseTo(0, within(1e-12));
    }

    @Test
    void statistics_areDeclaredUnderPrefix() {
        new FifoServer(sim, stats, "iommu.walker", new ServerConfig(4, 8));
        assertThat(stats.all()).extracting(st -> st.name()).containsExactlyInAnyOrder(
                "iommu.walker.arrivals", "iommu.walker.rejections", "iommu.walker.completions", "iommu.walker.busy",
                "iommu.walker.queue-length", "iommu.walker.occupancy", "iommu.walker.wait",
                "iommu.walker.wait-histogram", "iommu.walker.time-in-system", "iommu.walker.utilisation",
                "iommu.walker.arrival-rate");
    }

    @Test
    void invalidConfig_isRejected() {
        assertThatThrownBy(() -> new ServerConfig(0, 1)).hasMessageContaining("at least 1 slot");
        assertThatThrownBy(() -> new ServerConfig(1, -1)).hasMessageContaining("capacity");
    }

    @Test
    void steadyState_allocatesNothingPerRequest() {
        FifoServer s = new FifoServer(sim, stats, "walker", new ServerConfig(2, 64));
        Client c = (slot, waited) -> { };
        Runnable cycle = () -> {
            for (int i = 0; i < 40; i++) { // fill slots and part of the queue, then drain
                s.request(c);
            }
            for (int i = 0; i < 40; i++) {
                s.release(i & 1);
            }
        };
        for (int i = 0; i < 20_000; i++) {
            cycle.run();
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < 20_000; i++) {
            cycle.run();
        }
        long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(allocated).as("bytes allocated for 800k request/release pairs").isLessThan(4096);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 17, 2026})
    void waitHistogram_withImmediateGrantsCountedApart_reportsWhatRecordingEveryWaitReports(long seed) {
        System.out.println("FifoServerTest seed " + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        FifoServer s = new FifoServer(sim, stats, "srv", new ServerConfig(2, 1_000));
        LatencyHistogram direct = new StatsRegistry(sim).histogram("direct", "ps", "every wait recorded by itself");
        long[] arrival = {0};
        Client[] client = new Client[1];
        client[0] = (slot, waited) -> {
            direct.record(waited);
            long hold = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextLong(rnd.nextBoolean() ? 50 : 5_000);
            sim.schedule(Event.of(() -> s.release(slot)), hold);
        };
        for (int i = 0; i < 30_000; i++) { // bursts (waits) and gaps (immediate grants, zero waits)
            arrival[0] += rnd.nextInt(3) == 0 ? 0 : rnd.nextLong(4_000);
            at(arrival[0], () -> s.request(client[0]));
        }
        sim.run();
        LatencyHistogram served = (LatencyHistogram) stats.get("srv.wait-histogram");
        assertThat(served.count()).isEqualTo(30_000);
        assertThat(served.snapshot().fields()).isEqualTo(direct.snapshot().fields());
        assertThat(served.copy()).isEqualTo(direct.copy());
        assertThat(served.snapshot().field("min")).isZero();
        assertThat(served.snapshot().field("p1")).isZero();
        assertThat(served.snapshot().field("max")).isPositive();
    }
}

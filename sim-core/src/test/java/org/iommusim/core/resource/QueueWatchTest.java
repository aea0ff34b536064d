package org.iommusim.core.resource;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Derived;
import org.iommusim.core.stats.StatsRegistry;
import org.junit.jupiter.api.Test;

/** The overload watch: a queue that keeps growing is flagged; one that is busy but steady is not. */
class QueueWatchTest {
    private final Simulator sim = new Simulator();
    private final StatsRegistry stats = new StatsRegistry(sim);

    /** One slot; a request arrives every {@code gapPs} and holds the slot {@code servicePs}, until 1000 ps. */
    private QueueWatch run(long gapPs, long servicePs) {
        FifoServer s = new FifoServer(sim, stats, "s", ServerConfig.unbounded(1));
        QueueWatch w = new QueueWatch(sim, stats, "test.res", s, 0, 1000, () -> 7);
        Runnable[] arrive = new Runnable[1];
        arrive[0] = () -> {
            s.request((slot, waited) -> sim.schedule(Event.of(() -> s.release(slot)), servicePs));
            if (sim.now() + gapPs < 1000) {
                sim.schedule(Event.of(arrive[0]), gapPs);
            }
        };
        arrive[0].run();
        sim.runUntil(1000);
        return w;
    }

    private double value(String name) {
        return ((Derived) stats.get(name)).get();
    }

    @Test
    void arrivalsFasterThanService_growing() {
        QueueWatch w = run(5, 10);
        assertThat(w.growing()).isTrue();
        assertThat(value("watch.test.res.growing")).isEqualTo(1);
        assertThat(value("watch.test.res.queue-end")).isGreaterThan(value("watch.test.res.queue-mid"));
        assertThat(value("watch.test.res.refused")).isEqualTo(7);
        assertThat(value("watch.test.res.utilisation")).isGreaterThan(0.98);
    }

    @Test
    void arrivalsSlowerThanService_notGrowing() {
        QueueWatch w = run(10, 9);
        assertThat(w.growing()).isFalse();
        assertThat(value("watch.test.res.growing")).isZero();
    }
}

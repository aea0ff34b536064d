package org.iommusim.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.Distribution;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.StatsRegistry;
import org.junit.jupiter.api.Test;

/**
 * VALIDATION.md items 3 (M/M/1 and M/D/1 waiting times), 4 (Little's law) and 5 (kernel sanity:
 * M/M/1 Wq = 3.2), with fixed seeds; each assertion message names the seed.
 */
class QueueingValidationTest {
    private static final long TAU = 200 * SimTime.NS;          // mean service 200 ns
    private static final long INTERARRIVAL = 250 * SimTime.NS; // λ = 4 per µs
    private static final long ARRIVALS = 10_000_000;

    /** Item 3, M/M/1: ρ = 0.8, Wq = ρτ/(1−ρ) = 800 ns, ±3% over 10^7 arrivals. */
    @Test
    void mm1Walker_lambda4PerUs_tau200ns_waitsRho_tau_over_1MinusRho() {
        long seed = 3_001;
        OpenQueueModel m = new OpenQueueModel(seed, ServerConfig.unbounded(1),
                s -> s.stream("arrivals").exponential(INTERARRIVAL), s -> s.stream("service").exponential(TAU),
                ARRIVALS / 100, ARRIVALS).run();
        double wqNs = m.server.queue().meanTimeInSystem() / SimTime.NS;
        assertThat(wqNs).as("seed %d: M/M/1 Wq in ns", seed).isCloseTo(800.0, within(800.0 * 0.03));
        assertThat(m.server.utilisation()).as("seed %d: utilisation", seed).isCloseTo(0.8, within(0.01));
        assertLittle(m.server, seed, "M/M/1");
    }

    /** Item 3, M/D/1: Wq = ρτ/(2(1−ρ)) = 400 ns, ±3% over 10^7 arrivals. */
    @Test
    void md1Walker_lambda4PerUs_tau200ns_waitsHalfOfMM1() {
        long seed = 3_002;
        OpenQueueModel m = new OpenQueueModel(seed, ServerConfig.unbounded(1),
                s -> s.stream("arrivals").exponential(INTERARRIVAL), s -> s.stream("service").deterministic(TAU),
                ARRIVALS / 100, ARRIVALS).run();
        double wqNs = m.server.queue().meanTimeInSystem() / SimTime.NS;
        assertThat(wqNs).as("seed %d: M/D/1 Wq in ns", seed).isCloseTo(400.0, within(400.0 * 0.03));
        assertLittle(m.server, seed, "M/D/1");
    }

    /** Item 5: mean interarrival 1.0, mean service 0.8 (1.0 = 1 µs) gives Wq = 3.2, ±3% over 10^6. */
    @Test
    void mm1Kernel_interarrival1_service0point8_waits3point2() {
        long seed = 5_005;
        OpenQueueModel m = new OpenQueueModel(seed, ServerConfig.unbounded(1),
                s -> s.stream("arrivals").exponential(SimTime.US), s -> s.stream("service").exponential(0.8 * SimTime.US),
                10_000, 1_000_000).run();
        double wq = m.server.queue().meanTimeInSystem() / SimTime.US;
        assertThat(m.server.queue().admitted()).isEqualTo(1_000_000);
        assertThat(wq).as("seed %d: Wq in units of 1 µs", seed).isCloseTo(3.2, within(3.2 * 0.03));
    }

    /**
     * Item 4 on the FIFO server: two slots, a 4-place waiting room that overflows (so only
     * admitted arrivals count), uniform service; L = λW for the queue and for the whole server.
     */
    @Test
    void littlesLaw_fifoServerWithRejections_holdsForQueueAndSystem() {
        long seed = 4_004;
        OpenQueueModel m = new OpenQueueModel(seed, new ServerConfig(2, 4),
                s -> s.stream("arrivals").exponential(100 * SimTime.NS),
                s -> s.stream("service").uniform(100 * SimTime.NS, 300 * SimTime.NS), 100_000, 1_000_000).run();
        assertThat(m.stats.get("server.rejections")).isNotNull();
        long rejected = ((org.iommusim.core.stats.Counter) m.stats.get("server.rejections")).get();
        assertThat(rejected).as("seed %d: the waiting room must overflow", seed).isGreaterThan(10_000);
        assertLittle(m.server, seed, "M/G/2/6");
    }

    /**
     * Item 4 on the bounded queue: Poisson offers into a 16-place queue drained by one consumer
     * that takes the head and works on it for an exponential time.
     */
    @Test
    void littlesLaw_boundedQueue_holdsWithRejections() {
        long seed = 4_040;
        Simulator sim = new Simulator();
        StatsRegistry stats = new StatsRegistry(sim);
        BoundedQueue<Object> queue = new BoundedQueue<>(sim, stats, "invq", 16);
        RandomStreams streams = new RandomStreams(seed, 0);
        Distribution offers = streams.stream("offers").exponential(100 * SimTime.NS);
        Distribution work = streams.stream("work").exponential(95 * SimTime.NS);
        Object item = new Object();
        long warmup = 100_000; // ~10% of the run: a window that ignored reset() would miss by far more than 1%
        long total = warmup + 1_000_000;
        boolean[] busy = {false};
        long[] offered = {0};
        Event[] done = new Event[1];
        Runnable startNext = () -> {
            if (!busy[0] && queue.poll() != null) {
                busy[0] = true;
                sim.schedule(done[0], work.sampleLong());
            }
        };
        done[0] = Event.of(() -> {
            busy[0] = false;
            startNext.run();
        });
        Event offer = new Event() {
            @Override
            public void fire() {
                if (offered[0]++ == warmup) {
                    stats.reset();
                }
                queue.offer(item);
                startNext.run();
                if (offered[0] < total) {
                    sim.schedule(this, offers.sampleLong());
                }
            }
        };
        sim.schedule(offer, offers.sampleLong());
        sim.run();
        LittleLaw l = queue.littleLaw();
        long rejected = ((org.iommusim.core.stats.Counter) stats.get("invq.rejections")).get();
        assertThat(rejected).as("seed %d: the queue must overflow", seed).isGreaterThan(1_000);
        assertThat(l.relativeError()).as("seed %d: bounded queue L=%.5f, λW=%.5f", seed, l.meanOccupancy(),
                l.predictedOccupancy()).isLessThan(0.01);
    }

    private static void assertLittle(FifoServer server, long seed, String model) {
        LittleLaw q = server.queue();
        LittleLaw sys = server.system();
        assertThat(q.relativeError()).as("seed %d: %s queue L=%.5f, λW=%.5f", seed, model, q.meanOccupancy(),
                q.predictedOccupancy()).isLessThan(0.01);
        assertThat(sys.relativeError()).as("seed %d: %s system L=%.5f, λW=%.5f", seed, model, sys.meanOccupancy(),
                sys.predictedOccupancy()).isLessThan(0.01);
    }
}

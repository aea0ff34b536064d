package org.iommusim.hw.iommu.inval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.Distribution;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.resource.LittleLaw;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * VALIDATION.md item 4 on the invalidation queue: Poisson submissions of one page-range
 * descriptor each (λ = 4/µs, 200 ns processing, ρ = 0.8), with a warm-up reset. With the
 * default depth nobody blocks and the queue is M/D/1, so the time in queue (acceptance to
 * completion) is also checked against Wq + τ = ρτ/(2(1−ρ)) + τ = 600 ns. With depth 4 many
 * submitters block; Little's law still holds over the admitted descriptors.
 */
class InvalidationQueueLittleLawTest {
    private static final long NS = SimTime.NS;

    @ParameterizedTest(name = "depth {0}, seed {1}")
    @CsvSource({"128, 4101", "4, 4102"})
    void littlesLaw_poissonSubmissions_holdsWithinOnePercent(int depth, long seed) {
        Simulator sim = new Simulator();
        StatsRegistry stats = new StatsRegistry(sim);
        InvQueueConfig config = new InvQueueConfig(depth, 1L << 18, 200 * NS, 300 * NS, 300 * NS, 500 * NS, 1000 * NS,
                50 * NS);
        InvalidationQueue q = new InvalidationQueue(sim, stats, "invq", config, null);
        Distribution gaps = new RandomStreams(seed, 0).stream("submissions").exponential(250 * NS);
        int submitters = 64; // enough reusable batches for the blocked ones at depth 4
        InvBatch[] batches = new InvBatch[submitters];
        for (int i = 0; i < submitters; i++) {
            batches[i] = q.newBatch();
        }
        long warmup = 50_000;
        long total = warmup + 500_000;
        long[] submitted = {0};
        Event arrival = new Event() {
            @Override
            public void fire() {
                if (submitted[0] == warmup) {
                    stats.reset();
                }
                InvBatch b = batches[(int) (submitted[0] % submitters)];
                if (q.blockedSubmitters() >= submitters - 1) {
                    throw new AssertionError("seed " + seed + ": more blocked submitters than batches");
                }
                b.clear().addRange(1, 0, submitted[0] & 0xFFFF, 1, false);
                q.submit(b, null);
                if (++submitted[0] < total) {
                    sim.schedule(this, gaps.sampleLong());
                }
            }
        };
        sim.schedule(arrival, gaps.sampleLong());
        sim.run();
        LittleLaw l = q.littleLaw();
        assertThat(l.admitted()).as("seed %d", seed).isGreaterThan(400_000);
        assertThat(l.relativeError()).as("seed %d, depth %d: L = %.4f, λW = %.4f", seed, depth, l.meanOccupancy(),
                l.predictedOccupancy()).isLessThan(0.01);
        long blocked = ((Counter) stats.get("invq.blocked-submissions")).get();
        if (depth == 128) {
            assertThat(blocked).as("seed %d: nobody blocks at depth 128", seed).isZero();
            assertThat(l.meanTimeInSystem() / NS).as("seed %d: M/D/1 time in queue, ns", seed)
                    .isCloseTo(600.0, within(600.0 * 0.03));
        } else {
            assertThat(blocked).as("seed %d: depth 4 must block often", seed).isGreaterThan(10_000);
        }
    }
}

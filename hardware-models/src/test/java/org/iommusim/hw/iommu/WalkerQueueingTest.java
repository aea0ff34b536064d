package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.random.Distribution;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.resource.LittleLaw;
import org.iommusim.core.stats.Tally;
import org.iommusim.hw.iommu.datapath.PteMemory;
import org.iommusim.hw.iommu.datapath.TranslationCallback;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * VALIDATION items 3 and 4 on the real walker: Poisson IOTLB misses at λ = 4 M/s into one
 * walker slot; each walk is one PTE read of a one-level table, so the walk's service time is
 * the memory read's — deterministic 200 ns (M/D/1, Wq = 400 ns) or exponential with mean
 * 200 ns (M/M/1, Wq = 800 ns). Caches off; requests cycle over 512 pages, so no miss joins a
 * walk (that would need 512 walks in flight). Little's law must hold on the walker queue and
 * on the whole walker within 1%.
 */
class WalkerQueueingTest {
    private static final long ARRIVALS = 10_000_000;
    private static final double TAU = 200 * SimTime.NS;

    @ParameterizedTest(name = "{0} service: Wq = {1} ns")
    @CsvSource({"exponential,800,11", "deterministic,400,12"})
    void oneWalker_poissonMisses_matchesClosedForm(String service, double expectedWqNs, long seed) {
        TimedIommuConfig c = TimedIommuConfig.defaults().withCachesOff().withWalkers(1).withInFlight(1 << 20, 1 << 20);
        Measured m = measure(c, service, 250 * SimTime.NS, ARRIVALS, 1, seed);
        m.check(expectedWqNs, 0.03, "defaults");
    }

    /** What one run measured: the walker's mean wait and Little's law on its queue and on itself. */
    record Measured(long seed, double wqNs, long joined, LittleLaw queue, LittleLaw system, double utilisation) {
        /** Asserts Wq within {@code tolerance} (relative) of the closed form, no joined walk, Little within 1%. */
        void check(double expectedWqNs, double tolerance, String what) {
            System.out.printf("seed %d %s: Wq = %.1f ns (expected %.0f), utilisation %.4f; Little: queue L=%.4f"
                    + " lambdaW=%.4f, system L=%.4f lambdaW=%.4f%n", seed, what, wqNs, expectedWqNs, utilisation,
                    queue.meanOccupancy(), queue.predictedOccupancy(), system.meanOccupancy(),
                    system.predictedOccupancy());
            assertThat(wqNs).as("seed %d, %s: Wq", seed, what).isCloseTo(expectedWqNs,
                    within(tolerance * expectedWqNs));
            assertThat(joined).as("seed %d, %s: joined walks", seed, what).isZero();
            assertThat(queue.relativeError()).as("seed %d, %s: Little's law on the walker queue", seed, what)
                    .isLessThan(0.01);
            assertThat(system.relativeError()).as("seed %d, %s: Little's law on the walker", seed, what)
                    .isLessThan(0.01);
        }
    }

    /**
     * Runs {@code arrivals} Poisson misses (mean gap {@code meanGapPs}) through an IOMMU configured
     * as {@code c} (its walkers and caches as the caller set them), each a one-read walk whose read
     * time is exponential or deterministic with mean 200 ns. Request n comes from device
     * 1 + n mod {@code devices} (all attached to one table), for page n mod 512.
     */
    static Measured measure(TimedIommuConfig c, String service, double meanGapPs, long arrivals, int devices,
                            long seed) {
        TreeFixture f = TreeFixture.anyDepth();
        int root = f.root(1);
        f.map(root, 0, 0x40_0000_0000L, 1L << 21, PageSize.SIZE_4K);
        for (int d = 1; d <= devices; d++) {
            f.attach(d, 0, root);
        }
        RandomStreams streams = new RandomStreams(seed, 0);
        TimedRig[] holder = new TimedRig[1];
        Distribution walk = service.equals("exponential") ? streams.stream("walk").exponential(TAU)
                : streams.stream("walk").deterministic(TAU);
        // A test-only memory whose read time follows the service law (one event object per read).
        PteMemory memory = (address, done) -> {
            long d = Math.round(walk.sample());
            holder[0].sim.schedule(Event.of(() -> done.readComplete(address, holder[0].sim.now(), d)), d);
        };
        TimedRig rig = new TimedRig(f, c, memory);
        holder[0] = rig;
        Distribution gap = streams.stream("arrivals").exponential(meanGapPs);
        TranslationCallback ignore = (tag, ok, hpa, reason, stage, latency) -> { };
        Event arrival = new Event() {
            long n;

            @Override
            public void fire() {
                rig.iommu.translate(1 + (int) (n % devices), 0, (n % 512) << 12,
                        org.iommusim.hw.pagetable.Access.READ, n, ignore);
                if (++n < arrivals) {
                    rig.sim.schedule(this, Math.round(gap.sample()));
                }
            }
        };
        rig.sim.schedule(arrival, 0);

        rig.sim.run();

        double wq = ((Tally) rig.stats.get("iommu.walker.wait")).mean() / SimTime.NS;
        return new Measured(seed, wq, rig.counter("walk.joined"), rig.iommu.walkers().queue(),
                rig.iommu.walkers().system(), rig.iommu.walkers().utilisation());
    }
}

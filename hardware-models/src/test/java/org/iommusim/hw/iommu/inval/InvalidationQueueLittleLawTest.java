package org.iommusim.hw.iommu.inval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.Distribution;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.resource.LittleLaw;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.iommu.arch.ArchPreset;
import org.iommusim.hw.iommu.arch.ArchPresets;
import org.iommusim.hw.testing.PresetFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * VALIDATION.md item 4 on the invalidation queue: Poisson submissions of one page-range
 * descriptor each (λ = 4/µs, 200 ns processing, ρ = 0.8), with a warm-up reset. With the
 * default depth nobody blocks and the queue is M/D/1, so the time in queue (acceptance to
 * completion) is also checked against Wq + τ = ρτ/(2(1−ρ)) + τ = 600 ns. With depth 4 many
 * submitters block; Little's law still holds over the admitted descriptors. Both again under each
 * architecture preset's queue format and depth.
 */
class InvalidationQueueLittleLawTest {
    private static final long NS = SimTime.NS;

    @ParameterizedTest(name = "depth {0}, seed {1}")
    @CsvSource({"128, 4101", "4, 4102"})
    void littlesLaw_poissonSubmissions_holdsWithinOnePercent(int depth, long seed) {
        InvQueueConfig config = new InvQueueConfig(depth, 1L << 18, 200 * NS, 300 * NS, 300 * NS, 500 * NS, 1000 * NS,
                50 * NS);
        check(config, seed, "depth " + depth);
    }

    static List<Arguments> presetQueues() {
        List<Arguments> out = new ArrayList<>();
        long seed = 4_110;
        for (ArchPreset p : ArchPresets.BUILT_IN) {
            out.add(Arguments.of(p.name(), seed++));
        }
        return out;
    }

    /**
     * The same check on each preset's queue format ({@link InvQueueConfig#defaults(QueueFormats)}:
     * its commands, its Linux depth — VT-d 256, SMMUv3 2^16, AMD-Vi 512 — and range limit; the
     * generic preset keeps the reference queue), its 200 ns page-range descriptor time: all are
     * deep enough that nobody blocks, so the M/D/1 time in queue (600 ns ±3%) applies too.
     */
    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("presetQueues")
    void littlesLaw_poissonSubmissions_holdsUnderEachPresetQueueFormat(String preset, long seed) {
        InvQueueConfig config = PresetFixture.invQueue(preset);
        assertThat(config.rangePs()).isEqualTo(200 * NS);
        check(config, seed, preset);
    }

    /** The format's one-page IOTLB invalidation command, as its Linux driver writes it for an unmap. */
    private static InvCommand pageCommand(QueueFormats f) {
        return switch (f) {
            case INTEL_VTD -> InvCommand.VTD_IOTLB_PSI;
            case ARM_SMMUV3 -> InvCommand.SMMU_TLBI_NH_VA;
            case AMD_VI -> InvCommand.AMD_INVALIDATE_IOMMU_PAGES;
        };
    }

    /** Poisson page-range submissions into a queue configured as {@code config}; asserts the laws. */
    private static void check(InvQueueConfig config, long seed, String what) {
        int depth = config.depth();
        InvCommand page = pageCommand(config.format());
        Simulator sim = new Simulator();
        StatsRegistry stats = new StatsRegistry(sim);
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
                b.clear().add(page, InvKind.IOTLB_RANGE, 1, 0, submitted[0] & 0xFFFF, 1, false);
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
        System.out.printf("seed %d %s (%s, depth %d): L = %.4f, lambdaW = %.4f, time in queue %.1f ns%n", seed, what,
                config.format(), depth, l.meanOccupancy(), l.predictedOccupancy(), l.meanTimeInSystem() / NS);
        assertThat(l.relativeError()).as("seed %d, %s: L = %.4f, λW = %.4f", seed, what, l.meanOccupancy(),
                l.predictedOccupancy()).isLessThan(0.01);
        long blocked = ((Counter) stats.get("invq.blocked-submissions")).get();
        if (depth >= 128) {
            assertThat(blocked).as("seed %d, %s: nobody blocks at depth %d", seed, what, depth).isZero();
            assertThat(l.meanTimeInSystem() / NS).as("seed %d: M/D/1 time in queue, ns", seed)
                    .isCloseTo(600.0, within(600.0 * 0.03));
        } else {
            assertThat(blocked).as("seed %d: depth 4 must block often", seed).isGreaterThan(10_000);
        }
    }
}

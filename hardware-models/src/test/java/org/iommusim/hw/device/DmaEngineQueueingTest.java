package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.LinkConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Issue modes against queueing laws: a closed loop obeys Little's law (throughput =
 * outstanding / mean latency), an open loop achieves its configured rate.
 */
class DmaEngineQueueingTest {
    private static final long PAGES = 4096;

    private static DeviceRig rig(long seed) {
        return new DeviceRig(seed, TimedIommuConfig.defaults(), 80 * SimTime.NS, LinkConfig.defaults(),
                PAGES * 4096, PageSize.SIZE_4K);
    }

    @ParameterizedTest(name = "queue depth {0}")
    @ValueSource(ints = {1, 8, 32})
    void closedLoop_obeysLittlesLaw(int depth) {
        long seed = 11 + depth;
        DeviceRig rig = rig(seed);
        DmaEngine e = rig.device(DmaConfig.defaults().withReadFraction(0.7), new IssueMode.ClosedLoop(depth),
                PatternSpec.of("uniform", DeviceRig.BASE, PAGES * 4096, 4096));
        e.start();
        rig.stats.resetAfter(200 * SimTime.US);
        rig.sim.runUntil(5 * SimTime.MS);

        DmaStats s = e.stats();
        double littles = s.meanOutstanding() / s.meanTagTimePs() * SimTime.S; // tags: a posted write frees its tag early
        System.out.printf("seed %d depth %d: %.0f IOPS, outstanding %.3f, latency %.1f ns, N/R %.0f IOPS, "
                + "blocked share %.3f%n", seed, depth, s.iops(), s.meanOutstanding(), s.meanLatencyPs() / 1e3,
                littles, s.translationBlockedPs() / (s.meanLatencyPs() * s.completed()));
        assertThat(s.completed()).as("seed %d", seed).isGreaterThan(1000);
        assertThat(s.meanOutstanding()).as("seed %d", seed).isCloseTo(depth, withinPercentage(0.01));
        assertThat(s.iops()).as("seed %d", seed).isCloseTo(littles, withinPercentage(1));
    }

    @Test
    void openLoopPoisson_achievesConfiguredRate() {
        long seed = 5;
        DeviceRig rig = rig(seed);
        DmaEngine e = rig.device(DmaConfig.defaults(), new IssueMode.OpenLoop(500_000, true),
                PatternSpec.of("zipf", DeviceRig.BASE, PAGES * 4096, 4096));
        e.start();
        rig.stats.resetAfter(SimTime.MS);
        rig.sim.runUntil(41 * SimTime.MS);

        System.out.printf("seed %d: open loop 500000/s achieved %.0f IOPS, latency %.1f ns%n", seed,
                e.stats().iops(), e.stats().meanLatencyPs() / 1e3);
        assertThat(e.stats().iops()).as("seed %d; 20000 arrivals, sd 0.7 %%", seed)
                .isCloseTo(500_000, withinPercentage(3));
    }

    @Test
    void openLoopFixed_issuesExactlyOnePerInterval() {
        DeviceRig rig = rig(1);
        DmaEngine e = rig.device(DmaConfig.defaults(), new IssueMode.OpenLoop(1_000_000, false),
                PatternSpec.of("sequential", DeviceRig.BASE, PAGES * 4096, 4096));
        e.start();
        rig.sim.runUntil(SimTime.MS);

        assertThat(rig.counter("dev1.issued")).as("arrivals at 0, 1 µs, ..., 1000 µs").isEqualTo(1001);
    }

    @Test
    void openLoopOverload_waitsInBacklogForTags() {
        DeviceRig rig = rig(1);
        // 2 tags, ~1.5 µs per request: at most ~1.3 M/s served, 10 M/s offered.
        DmaEngine e = rig.device(DmaConfig.defaults().withMaxOutstanding(2), new IssueMode.OpenLoop(10_000_000, false),
                PatternSpec.of("sequential", DeviceRig.BASE, PAGES * 4096, 4096));
        e.start();
        rig.sim.runUntil(100 * SimTime.US);

        assertThat(e.outstanding()).isEqualTo(2);
        assertThat(rig.counter("dev1.issued")).isLessThan(rig.counter("dev1.completed") + 3);
        assertThat(e.stats().meanLatencyPs()).as("latency counts the backlog wait").isGreaterThan(5 * SimTime.US);
        e.stop();
        rig.sim.run();
        assertThat(e.outstanding()).isZero();
    }
}

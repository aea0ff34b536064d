package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.random.Deterministic;
import org.iommusim.core.random.Distribution;
import org.iommusim.core.random.Exponential;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.random.Uniform;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.LinkConfig;
import org.junit.jupiter.api.Test;

/** An open loop's arrivals: fixed, Poisson at the rate, or gaps drawn from a given distribution. */
class IssueModeTest {
    @Test
    void interArrivals_nullWhenFixed_exponentialAtTheRateWhenPoisson_elseTheGivenDistribution() {
        RandomStreams streams = new RandomStreams(1, 0);
        assertThat(new IssueMode.OpenLoop(1e6, false).interArrivals(streams, "d")).isNull();
        Distribution poisson = new IssueMode.OpenLoop(1e6, true).interArrivals(streams, "d");
        assertThat(poisson.spec()).isEqualTo(new Exponential(1e6));
        Distribution given = new IssueMode.OpenLoop(1e6, true, new Uniform(1000, 3000))
                .interArrivals(streams, "d");
        assertThat(given.spec()).isEqualTo(new Uniform(1000, 3000));
    }

    @Test
    void openLoopWithInterArrival_issuesAtTheDrawnGaps_notTheRate() {
        DeviceRig rig = new DeviceRig(1, TimedIommuConfig.defaults(), 80 * SimTime.NS, LinkConfig.defaults(),
                64 * 4096, PageSize.SIZE_4K);
        DmaEngine e = rig.device(DmaConfig.defaults(), new IssueMode.OpenLoop(1e9, false,
                new Deterministic(2 * SimTime.US)), PatternSpec.of("sequential", DeviceRig.BASE,
                64 * 4096, 4096));
        e.start();
        rig.sim.runUntil(SimTime.MS);
        assertThat(rig.counter("dev1.issued")).as("one per 2 us over 1 ms, not one per ns").isBetween(500L, 501L);
    }
}

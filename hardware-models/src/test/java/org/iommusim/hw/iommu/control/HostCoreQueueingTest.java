package org.iommusim.hw.iommu.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.inval.InvQueueConfig;
import org.iommusim.hw.iommu.inval.InvalidationQueue;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;

/**
 * Hand-traced M/D/k behaviour of control-plane operations on k host cores, through the one
 * runner ({@link TimedControlPlane}): host work whose only cost is a fixed entry holds a core
 * for exactly that long, so operations queue FIFO for the cores and finish in waves.
 */
class HostCoreQueueingTest {
    private static final long NS = SimTime.NS;
    private static final long US = SimTime.US;

    private final Simulator sim = new Simulator();
    private final StatsRegistry stats = new StatsRegistry(sim);
    private final List<String> log = new ArrayList<>();

    private TimedControlPlane runner(int cores) {
        return runner(sim, stats, cores);
    }

    /** A control-plane runner on {@code cores} host cores, over an empty tree (shared with {@link OpPoolTest}). */
    static TimedControlPlane runner(Simulator sim, StatsRegistry stats, int cores) {
        TreeFixture f = TreeFixture.anyDepth();
        TimedIommu iommu = new TimedIommu(TimedIommuConfig.defaults(), sim, stats, new RandomStreams(42, 0), f.cp,
                (address, callback) -> callback.readComplete(address, sim.now(), 0), "iommu");
        HostCpu cpu = new HostCpu(sim, stats, "host", new HostCpuConfig(cores));
        InvalidationQueue queue = new InvalidationQueue(sim, stats, "invq", InvQueueConfig.defaults(),
                iommu.effectHook());
        return new TimedControlPlane(sim, stats, "cp", f.cp, iommu, cpu, CostModel.defaults(), queue,
                UnmapPolicy.strictPolicy());
    }

    private void work(TimedControlPlane tcp, int id, long entryPs) {
        tcp.hostWork(OpStats.Kind.PAGE_REQUEST, entryPs, Effects.NONE, (r, latency) ->
                log.add("#" + id + " done@" + sim.now() / NS + " latency " + latency / NS));
    }

    @Test
    void moreOperationsThanCores_queueFifo_andFinishInWavesOfK() {
        TimedControlPlane tcp = runner(2);
        for (int i = 0; i < 5; i++) {
            work(tcp, i, US);
        }
        sim.run();
        // Two cores, 1 us each, all at 0: waves end at 1, 2, 3 us; waits 0, 0, 1, 1, 2 us.
        assertThat(log).containsExactly("#0 done@1000 latency 1000", "#1 done@1000 latency 1000",
                "#2 done@2000 latency 2000", "#3 done@2000 latency 2000", "#4 done@3000 latency 3000");
        assertThat(tcp.stats().count(OpStats.Kind.PAGE_REQUEST)).isEqualTo(5);
        assertThat(tcp.stats().cpuTime(OpStats.Kind.PAGE_REQUEST)).as("core time held").isEqualTo(5 * US);
        assertThat(tcp.stats().latency(OpStats.Kind.PAGE_REQUEST).mean()).isCloseTo(1.8 * US, within(0.002 * US));
        // 5 us of work on 2 cores over 3 us.
        assertThat(tcp.cpu().utilisation()).isCloseTo(5.0 / 6.0, within(1e-12));
    }

    @Test
    void staggeredArrivals_onTwoCores_followTheMdkHandTrace() {
        TimedControlPlane tcp = runner(2);
        // Arrivals at 0, 200, 400, 600 ns, each 1 us: starts 0, 200, 1000, 1200; ends 1000, 1200, 2000, 2200.
        long[] arrivals = {0, 200, 400, 600};
        for (int i = 0; i < arrivals.length; i++) {
            int id = i;
            sim.scheduleAt(Event.of(() -> work(tcp, id, US)), arrivals[i] * NS);
        }
        sim.run();
        assertThat(log).containsExactly("#0 done@1000 latency 1000", "#1 done@1200 latency 1000",
                "#2 done@2000 latency 1600", "#3 done@2200 latency 1600");
        // 4 us of work on 2 cores over 2.2 us.
        assertThat(tcp.cpu().utilisation()).isCloseTo(4.0 / (2 * 2.2), within(1e-12));
    }

    @Test
    void utilisation_ofOneOperationOnFourCores_isItsShareOfCoreTime() {
        TimedControlPlane tcp = runner(4);
        work(tcp, 0, US);
        sim.runUntil(2 * US);
        assertThat(tcp.cpu().utilisation()).isCloseTo(1.0 / 8.0, within(1e-12));
        assertThat(stats.get("host.cores.utilisation").snapshot().field("value")).isCloseTo(0.125, within(1e-12));
    }
}

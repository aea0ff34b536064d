package org.iommusim.hw.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.junit.jupiter.api.Test;

/** Hand-traced M/D/k behaviour of control-plane operations on k host cores. */
class ControlPlaneExecutorTest {
    /** Histograms keep 3 significant digits; exact times are asserted on the callbacks. */
    private static final org.assertj.core.data.Percentage HDR_PRECISION = withinPercentage(0.1);
    private static final long NS = SimTime.NS;
    private static final long US = SimTime.US;

    private final Simulator sim = new Simulator();
    private final StatsRegistry stats = new StatsRegistry(sim);
    private final List<String> log = new ArrayList<>();
    private final OpCallback recorder = (kind, tag, latency) -> log.add(
            kind.name() + "#" + tag + " done@" + sim.now() / NS + " latency " + latency / NS);

    private ControlPlaneExecutor executor(int cores) {
        HostCpu cpu = new HostCpu(sim, stats, "host", new HostCpuConfig(cores));
        return new ControlPlaneExecutor(sim, stats, "host", cpu, CostModel.defaults());
    }

    private long counter(String name) {
        return ((Counter) stats.get(name)).get();
    }

    @Test
    void moreOperationsThanCores_queueFifo_andFinishInWavesOfK() {
        ControlPlaneExecutor x = executor(2);
        OpKind map = x.kind("map");
        for (int i = 0; i < 5; i++) {
            x.run(map, US, i, recorder);
        }
        sim.run();
        // Two cores, 1 us each, all at 0: waves end at 1, 2, 3 us; waits 0, 0, 1, 1, 2 us.
        assertThat(log).containsExactly("map#0 done@1000 latency 1000", "map#1 done@1000 latency 1000",
                "map#2 done@2000 latency 2000", "map#3 done@2000 latency 2000", "map#4 done@3000 latency 3000");
        assertThat(map.completed()).isEqualTo(5);
        assertThat(map.cpuTimePs()).isEqualTo(5 * US);
        assertThat(counter("host.cpu-time")).isEqualTo(5 * US);
        LatencyHistogram queueing = (LatencyHistogram) stats.get("host.op.map.queueing");
        assertThat(queueing.count()).isEqualTo(5);
        assertThat(queueing.mean()).isCloseTo(0.8 * US, within(0.001 * US)); // (0+0+1+1+2)/5
        assertThat(map.latency().mean()).isCloseTo(1.8 * US, within(0.002 * US)); // (1+1+2+2+3)/5
        // 5 us of work on 2 cores over 3 us.
        assertThat(x.cpu().utilisation()).isCloseTo(5.0 / 6.0, within(1e-12));
    }

    @Test
    void staggeredArrivals_onTwoCores_followTheMdkHandTrace() {
        ControlPlaneExecutor x = executor(2);
        OpKind unmap = x.kind("unmap");
        OpKind bind = x.kind("bind");
        // Arrivals at 0, 200, 400, 600 ns, each 1 us: starts 0, 200, 1000, 1200; ends 1000, 1200, 2000, 2200.
        long[] arrivals = {0, 200, 400, 600};
        for (int i = 0; i < arrivals.length; i++) {
            int id = i;
            OpKind k = i % 2 == 0 ? unmap : bind;
            sim.scheduleAt(Event.of(() -> x.run(k, US, id, recorder)), arrivals[i] * NS);
        }
        sim.run();
        assertThat(log).containsExactly("unmap#0 done@1000 latency 1000", "bind#1 done@1200 latency 1000",
                "unmap#2 done@2000 latency 1600", "bind#3 done@2200 latency 1600");
        assertThat(unmap.completed()).isEqualTo(2);
        assertThat(bind.completed()).isEqualTo(2);
        LatencyHistogram queueing = (LatencyHistogram) stats.get("host.op.unmap.queueing");
        assertThat(queueing.percentile(100)).isCloseTo(600 * NS, HDR_PRECISION);
        // 4 us of work on 2 cores over 2.2 us.
        assertThat(x.cpu().utilisation()).isCloseTo(4.0 / (2 * 2.2), within(1e-12));
    }

    @Test
    void work_isChargedThroughTheCostModel_andCallbackMayRunTheNextOperation() {
        ControlPlaneExecutor x = executor(1);
        OpKind write = x.kind("guest-pte-write");
        // A trap, 3 guest reads, 3 shadow writes and 2 rmap entries: 2000 + 150 + 60 + 100 = 2310 ns.
        ControlPlaneWork w = ControlPlaneWork.builder().traps(1).guestReads(3).shadowWrites(3).rmapEntries(2).build();
        assertThat(x.cpuTimePs(w)).isEqualTo(2_310 * NS);
        int[] left = {3};
        OpCallback chain = new OpCallback() {
            @Override
            public void done(OpKind kind, long tag, long latency) {
                log.add(kind + "#" + tag + "@" + sim.now() / NS);
                if (--left[0] > 0) {
                    x.run(kind, w, tag + 1, this);
                }
            }
        };
        x.run(write, w, 0, chain);
        sim.run();
        assertThat(log).containsExactly("guest-pte-write#0@2310", "guest-pte-write#1@4620", "guest-pte-write#2@6930");
        assertThat(counter("host.op.guest-pte-write.cpu-time")).isEqualTo(3 * 2_310 * NS);
    }

    @Test
    void utilisation_ofOneOperationOnFourCores_isItsShareOfCoreTime() {
        ControlPlaneExecutor x = executor(4);
        x.run(x.kind("invalidate"), US, 0, null);
        sim.runUntil(2 * US);
        assertThat(x.cpu().utilisation()).isCloseTo(1.0 / 8.0, within(1e-12));
        assertThat(stats.get("host.cores.utilisation").snapshot().field("value")).isCloseTo(0.125, within(1e-12));
    }

    @Test
    void kinds_areDeclaredOnce_validated_andOwnedByTheirExecutor() {
        ControlPlaneExecutor x = executor(1);
        assertThat(x.kind("map")).isSameAs(x.kind("map"));
        assertThat(stats.get("host.op.map.latency")).isNotNull();
        assertThatThrownBy(() -> x.kind("Bad Name")).isInstanceOf(IllegalArgumentException.class);
        ControlPlaneExecutor other = new ControlPlaneExecutor(sim, new StatsRegistry(sim), "other", x.cpu(),
                CostModel.defaults());
        OpKind foreign = other.kind("map");
        assertThatThrownBy(() -> x.run(foreign, 1, 0, null)).hasMessageContaining("not declared");
        assertThatThrownBy(() -> x.run(x.kind("map"), -1, 0, null)).hasMessageContaining(">= 0");
    }
}

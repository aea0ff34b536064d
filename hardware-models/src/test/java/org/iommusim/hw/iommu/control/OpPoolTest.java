package org.iommusim.hw.iommu.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.Result;
import org.junit.jupiter.api.Test;

/**
 * Control operations are pooled ({@link OpPool}): the pool grows to the most operations in flight
 * at once, a reused operation carries nothing of its previous use (its latency, core time and
 * result are its own), and an operation started from the completion callback of the one before
 * may reuse that very object.
 */
class OpPoolTest {
    private static final long NS = SimTime.NS;
    private static final long US = SimTime.US;

    private final Simulator sim = new Simulator();
    private final StatsRegistry stats = new StatsRegistry(sim);
    private final List<String> log = new ArrayList<>();

    private TimedControlPlane runner(int cores) {
        return HostCoreQueueingTest.runner(sim, stats, cores);
    }

    @Test
    void pool_growsToTheOperationsInFlight_andReusesThem() {
        TimedControlPlane tcp = runner(2);
        for (int i = 0; i < 5; i++) {
            int id = i;
            tcp.hostWork(OpStats.Kind.PAGE_REQUEST, US, Effects.NONE, (r, latency) ->
                    log.add("#" + id + " latency " + latency / NS));
        }
        sim.run();
        assertThat(tcp.pool.idle()).as("all five were in flight at once").isEqualTo(5);
        log.clear();
        long t0 = sim.now();
        for (int i = 0; i < 3; i++) { // fewer this time: reused, none made
            int id = i;
            tcp.hostWork(OpStats.Kind.PAGE_REQUEST, 2 * US, Effects.NONE, (r, latency) ->
                    log.add("#" + id + " latency " + latency / NS));
        }
        sim.run();
        assertThat(tcp.pool.idle()).isEqualTo(5);
        assertThat(log).containsExactly("#0 latency 2000", "#1 latency 2000", "#2 latency 4000");
        assertThat(sim.now() - t0).isEqualTo(4 * US);
        assertThat(tcp.stats().cpuTime(OpStats.Kind.PAGE_REQUEST)).isEqualTo(5 * US + 6 * US);
    }

    @Test
    void operationStartedFromTheCallback_reusesTheFinishedOne_withItsOwnResult() {
        TimedControlPlane tcp = runner(1);
        Result<Effects> failed = Result.err(org.iommusim.hw.ioasid.OpError.of(
                org.iommusim.hw.ioasid.Errno.EINVAL, "%s", "refused on purpose"));
        List<Boolean> oks = new ArrayList<>();
        tcp.run(OpStats.Kind.BIND, false, () -> failed, (r, latency) -> {
            oks.add(r.isOk());
            log.add("first latency " + latency);
            tcp.run(OpStats.Kind.BIND, false, () -> Result.ok(Effects.NONE), (r2, latency2) -> {
                oks.add(r2.isOk());
                log.add("second latency " + latency2);
            });
        });
        sim.run();
        assertThat(oks).containsExactly(false, true);
        assertThat(tcp.pool.idle()).as("the second reused the first's object").isEqualTo(1);
        assertThat(tcp.stats().count(OpStats.Kind.BIND)).isEqualTo(2);
        assertThat(log).hasSize(2);
        assertThat(log.get(0)).isEqualTo(log.get(1).replace("second", "first")); // same entry cost, no carried state
    }
}

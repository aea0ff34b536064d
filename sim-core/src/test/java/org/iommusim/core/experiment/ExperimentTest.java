package org.iommusim.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.results.Replication;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.ResultsJson;
import org.iommusim.core.results.Snapshot;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.core.stats.TimeWeighted;
import org.junit.jupiter.api.Test;

class ExperimentTest {
    /**
     * A small M/M/1 queue with every kind of statistic, seeded from (master seed, index) the way
     * real models seed their RandomStreams. Replications with a higher index finish sooner, so
     * with jobs > 1 they complete out of order.
     */
    static Snapshot mm1(ReplicationContext ctx) {
        SplittableRandom rng = new SplittableRandom(ctx.masterSeed() * 1_000_003L + ctx.index());
        Simulator sim = new Simulator();
        StatsRegistry stats = new StatsRegistry(sim);
        Counter served = stats.counter("mm1.served", "customers", "Customers served");
        LatencyHistogram wait = stats.histogram("mm1.wait", "ps", "Time from arrival to service end");
        TimeWeighted inSystem = stats.timeWeighted("mm1.in-system", "customers", "Customers in the system");
        stats.tally("mm1.service", "ps", "Service times").add(1);
        stats.derived("mm1.throughput", "1/s", "Customers served per second",
                () -> served.get() / SimTime.toSeconds(sim.now()));
        stats.timeSeries("mm1.in-system.series", "customers", "Customers in the system, sampled",
                inSystem::current);
        stats.startSampling(100 * SimTime.NS);
        java.util.ArrayDeque<Long> queue = new java.util.ArrayDeque<>();
        long meanArrival = 100 * SimTime.NS;
        long meanService = 80 * SimTime.NS;
        Event[] departure = new Event[1];
        departure[0] = Event.of(() -> {
            wait.record(sim.now() - queue.poll());
            served.increment();
            inSystem.add(-1);
            if (!queue.isEmpty()) {
                sim.schedule(departure[0], exp(rng, meanService));
            }
        });
        Event[] arrival = new Event[1];
        arrival[0] = Event.of(() -> {
            queue.add(sim.now());
            inSystem.add(1);
            if (queue.size() == 1) {
                sim.schedule(departure[0], exp(rng, meanService));
            }
            sim.schedule(arrival[0], exp(rng, meanArrival));
        });
        sim.schedule(arrival[0], 0);
        sim.runUntil(SimTime.US * (10 - ctx.index() % 4));
        stats.reset();
        sim.runUntil(sim.now() + 200 * SimTime.US - ctx.index() * 10 * SimTime.US);
        return stats.snapshot();
    }

    private static long exp(SplittableRandom rng, long mean) {
        return Math.max(1, Math.round(-Math.log(1 - rng.nextDouble()) * mean));
    }

    private static String json(long seed, int jobs) {
        Experiment e = Experiment.of(seed, 6).withJobs(jobs);
        return ResultsJson.toJson(ResultsDocument.of("mm1", seed, List.of(
                e.runVariant("base", Map.of("rho", "0.8"), ExperimentTest::mm1))));
    }

    @Test
    void run_contextsCarryMasterSeedAndIndex_resultOrderedByIndex() {
        List<Replication> reps = Experiment.of(77, 4).withJobs(3).run(ctx -> {
            Thread.sleep(40L * (3 - ctx.index()));
            return Snapshot.of(ctx.index(), List.of());
        });
        assertThat(reps).extracting(Replication::index).containsExactly(0, 1, 2, 3);
        assertThat(reps).extracting(Replication::seed).containsOnly(77L);
        assertThat(reps).extracting(r -> r.snapshot().simulatedTime()).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void run_sameSeed_byteIdenticalJson() {
        assertThat(json(2024, 1)).isEqualTo(json(2024, 1));
    }

    @Test
    void run_jobsOneAndTwo_identicalResults() {
        Experiment one = Experiment.of(5, 6);
        assertThat(one.withJobs(2).run(ExperimentTest::mm1)).isEqualTo(one.run(ExperimentTest::mm1));
        assertThat(json(5, 2)).isEqualTo(json(5, 1));
        assertThat(json(5, 4)).isEqualTo(json(5, 1));
    }

    @Test
    void run_differentSeeds_differentResults() {
        assertThat(json(1, 1)).isNotEqualTo(json(2, 1));
    }

    @Test
    void runVariant_summariesOverReplications_withFiniteCi() {
        var v = Experiment.of(11, 6).runVariant("base", Map.of(), ExperimentTest::mm1);
        var served = v.summary().get("mm1.served");
        assertThat(served.n()).isEqualTo(6);
        assertThat(served.ci95Low()).isLessThan(served.mean());
        assertThat(served.ci95High()).isGreaterThan(served.mean());
        assertThat(v.summary()).containsKeys("mm1.wait.p99", "mm1.in-system.max", "mm1.in-system.series.samples");
    }

    @Test
    void run_failingReplication_reportsIndexAndSeed_forAnyJobCount() {
        ModelFactory failing = ctx -> {
            if (ctx.index() >= 2) {
                throw new IllegalStateException("boom at " + ctx.index());
            }
            return Snapshot.of(0, List.of());
        };
        for (int jobs : new int[] {1, 3}) {
            assertThatThrownBy(() -> Experiment.of(99, 5).withJobs(jobs).run(failing))
                    .as("jobs=%d", jobs)
                    .isInstanceOf(ReplicationException.class)
                    .hasMessageContaining("replication 2 of 5").hasMessageContaining("master seed 99")
                    .hasMessageContaining("boom at 2")
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .satisfies(e -> assertThat(((ReplicationException) e).index()).isEqualTo(2));
        }
    }

    @Test
    void run_onFinished_calledOncePerReplication() {
        ConcurrentLinkedQueue<Integer> seen = new ConcurrentLinkedQueue<>();
        Experiment.of(3, 5).withJobs(2).run(ctx -> Snapshot.of(0, List.of()), r -> seen.add(r.index()));
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }

    @Test
    void constructor_nonPositiveReplicationsOrJobs_rejected() {
        assertThatThrownBy(() -> Experiment.of(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replications");
        assertThatThrownBy(() -> Experiment.of(1, 1).withJobs(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jobs");
    }
}

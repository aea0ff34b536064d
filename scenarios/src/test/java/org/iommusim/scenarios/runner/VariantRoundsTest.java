package org.iommusim.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.iommusim.core.results.Snapshot;
import org.iommusim.scenarios.model.ScenarioModel;
import org.junit.jupiter.api.Test;

class VariantRoundsTest {
    private static final long SEED = 20261206L;

    /** A replication's snapshot: its (variant, index) as the time stamp, so slots can be checked. */
    private static Snapshot snap(int variant, int index) {
        return Snapshot.of(variant * 1000L + index, List.of());
    }

    /**
     * A rule whose next round depends on the variant's own snapshots only: variant v adds
     * {@code adds[v]} replications per round while it has fewer than {@code caps[v]}, and refuses
     * to decide from a slot that is not filled.
     */
    private static VariantRounds.Rule rule(int[] adds, int[] caps) {
        return new VariantRounds.Rule() {
            @Override
            public int next(int variant, Snapshot[] snapshots, int done) {
                for (int k = 0; k < done; k++) {
                    assertThat(snapshots[k]).as("variant %d slot %d decided on", variant, k).isNotNull();
                }
                return Math.min(caps[variant], done + adds[variant]);
            }

            @Override
            public long simulatedPerReplication(int variant) {
                return 1000;
            }
        };
    }

    private static Snapshot[][] slots(int[] caps) {
        Snapshot[][] s = new Snapshot[caps.length][];
        for (int v = 0; v < caps.length; v++) {
            s[v] = new Snapshot[caps[v]];
        }
        return s;
    }

    private static long[][] warmups(int[] caps) {
        long[][] w = new long[caps.length][];
        for (int v = 0; v < caps.length; v++) {
            w[v] = new long[caps[v]];
        }
        return w;
    }

    @Test
    void run_randomDurationsAndThreads_everyVariantGetsTheReplicationsItsRuleAsksFor() throws Exception {
        System.out.println("VariantRoundsTest seed " + SEED);
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int trial = 0; trial < 12; trial++) {
            int variants = 1 + rnd.nextInt(4);
            int[] first = new int[variants];
            int[] adds = new int[variants];
            int[] caps = new int[variants];
            for (int v = 0; v < variants; v++) {
                first[v] = 1 + rnd.nextInt(3);
                adds[v] = rnd.nextInt(3);
                caps[v] = first[v] + rnd.nextInt(5);
            }
            Snapshot[][] snapshots = slots(caps);
            long[][] warmups = warmups(caps);
            List<String> ran = Collections.synchronizedList(new ArrayList<>());
            long[] sleeps = rnd.longs(64, 0, 3).toArray();
            ExecutorService pool = Runner.daemonPool(1 + rnd.nextInt(4), "test");
            try {
                new VariantRounds(rule(adds, caps), snapshots, warmups, first.clone()).run(pool, (v, k) -> {
                    Thread.sleep(sleeps[(v * 7 + k) % sleeps.length]);
                    ran.add(v + "/" + k);
                    return new ScenarioModel.Measured(snap(v, k), 10L * k);
                }, () -> false, () -> { }, (n, ps) -> { });
            } finally {
                pool.shutdownNow();
            }
            for (int v = 0; v < variants; v++) {
                int expected = first[v] >= caps[v] || adds[v] == 0 ? Math.min(first[v], caps[v]) : caps[v];
                for (int k = 0; k < caps[v]; k++) {
                    if (k < expected) {
                        assertThat(snapshots[v][k]).as("trial %d %d/%d", trial, v, k).isEqualTo(snap(v, k));
                        assertThat(warmups[v][k]).isEqualTo(10L * k);
                    } else {
                        assertThat(snapshots[v][k]).as("trial %d %d/%d", trial, v, k).isNull();
                    }
                }
            }
            assertThat(ran).as("each replication once").doesNotHaveDuplicates();
        }
    }

    /**
     * Variant 1 (fast, two rounds) must reach its second round while variant 0's first round is
     * still running: variant 0's replication waits for variant 1's second-round replication to
     * start. With a barrier between rounds this would never happen (the latch times out).
     */
    @Test
    void run_oneVariantSlow_theOtherStartsItsNextRoundWithoutWaiting() {
        CountDownLatch secondRoundStarted = new CountDownLatch(1);
        AtomicBoolean waitedInVain = new AtomicBoolean();
        Snapshot[][] snapshots = slots(new int[] {1, 2});
        ExecutorService pool = Runner.daemonPool(2, "test");
        try {
            new VariantRounds(rule(new int[] {0, 1}, new int[] {1, 2}), snapshots, warmups(new int[] {1, 2}),
                    new int[] {1, 1}).run(pool, (v, k) -> {
                        if (v == 1 && k == 1) {
                            secondRoundStarted.countDown();
                        }
                        if (v == 0 && !secondRoundStarted.await(20, TimeUnit.SECONDS)) {
                            waitedInVain.set(true);
                        }
                        return new ScenarioModel.Measured(snap(v, k), 0);
                    }, () -> false, () -> { }, (n, ps) -> { });
        } finally {
            pool.shutdownNow();
        }
        assertThat(waitedInVain).as("variant 1's second round started before variant 0's first ended").isFalse();
        assertThat(snapshots[1][1]).isEqualTo(snap(1, 1));
    }

    @Test
    void run_twoReplicationsFail_cancelsAndReportsTheFirstInVariantIndexOrder() {
        AtomicBoolean cancelled = new AtomicBoolean();
        CountDownLatch laterOneRunning = new CountDownLatch(1);
        ExecutorService pool = Runner.daemonPool(3, "test");
        try {
            assertThatThrownBy(() -> new VariantRounds(rule(new int[] {2, 2}, new int[] {6, 6}), slots(new int[] {6, 6}),
                    warmups(new int[] {6, 6}), new int[] {3, 3}).run(pool, (v, k) -> {
                        if (cancelled.get()) {
                            return null; // not started before the cancel: not run
                        }
                        if (v == 1 && k == 0) {
                            laterOneRunning.await(20, TimeUnit.SECONDS);
                            throw new IllegalStateException("fails second");
                        }
                        if (v == 0 && k == 2) {
                            laterOneRunning.countDown();
                            Thread.sleep(50); // fails later in time, first in (variant, index) order
                            throw new IllegalStateException("fails first");
                        }
                        return new ScenarioModel.Measured(snap(v, k), 0);
                    }, cancelled::get, () -> cancelled.set(true), (n, ps) -> { }))
                    .isInstanceOf(VariantRounds.Failure.class).cause().hasMessage("fails first");
        } finally {
            pool.shutdownNow();
        }
        assertThat(cancelled).isTrue();
    }

    @Test
    void run_resumedReplications_notRunAgain() {
        Snapshot[][] snapshots = slots(new int[] {3, 3});
        snapshots[0][1] = snap(0, 1);
        snapshots[1][0] = snap(1, 0);
        snapshots[1][1] = snap(1, 1);
        snapshots[1][2] = snap(1, 2);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Runner.daemonPool(2, "test");
        try {
            VariantRounds rounds = new VariantRounds(rule(new int[] {0, 0}, new int[] {3, 3}), snapshots,
                    warmups(new int[] {3, 3}), new int[] {3, 3});
            assertThat(rounds.firstRoundSize()).isEqualTo(2);
            assertThat(rounds.firstRoundPs()).isEqualTo(2000);
            rounds.run(pool, (v, k) -> {
                ran.add(v + "/" + k);
                return new ScenarioModel.Measured(snap(v, k), 0);
            }, () -> false, () -> { }, (n, ps) -> { });
        } finally {
            pool.shutdownNow();
        }
        assertThat(ran).containsExactlyInAnyOrder("0/0", "0/2");
        assertThat(snapshots[0]).containsExactly(snap(0, 0), snap(0, 1), snap(0, 2));
    }
}

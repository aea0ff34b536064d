package org.iommusim.scenarios.runner;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.iommusim.core.results.Snapshot;
import org.iommusim.scenarios.model.ScenarioModel;

/**
 * The local schedule of a run's replications: every variant runs in rounds — first its
 * {@code replications}, then as many more as {@link RunLength#next} asks for — and each variant
 * decides its next round as soon as its own round has finished, from its own replications only
 * (as {@link RunLength#next} does), without waiting for the other variants' rounds. So the same
 * replications run as when every variant waited for the slowest (the results do not depend on
 * the schedule), but a thread that finishes early takes the next round's replications instead of
 * standing idle at a round's end. The replications run on the caller's pool, at most as many at
 * once as it has threads; a failure cancels the run and the failure of the first failed task in
 * (variant, index) order is reported, as a round awaited in task order would report it.
 */
final class VariantRounds {
    /** Runs one replication of variant {@code variant}; null when the run was cancelled. */
    interface Replications {
        ScenarioModel.Measured run(int variant, int index) throws Exception;
    }

    /** What a variant's rounds add while the run goes on: {@code runs} more replications of {@code simulatedPs}. */
    interface Growth {
        void more(int runs, long simulatedPs);
    }

    /** How long a variant runs: {@link RunLength#next} and the simulated time of one replication. */
    interface Rule {
        /** The replications variant {@code variant} should have in all, given {@code done} finished into {@code snapshots}. */
        int next(int variant, Snapshot[] snapshots, int done);

        long simulatedPerReplication(int variant);

        /** The rule of {@code p}'s variants. */
        static Rule of(Prepared p) {
            return new Rule() {
                @Override
                public int next(int variant, Snapshot[] snapshots, int done) {
                    return RunLength.next(p.models().get(variant).scenario(), snapshots, done);
                }

                @Override
                public long simulatedPerReplication(int variant) {
                    return p.models().get(variant).scenario().simulatedPerReplication();
                }
            };
        }
    }

    private final Rule rule;
    private final Snapshot[][] snapshots;
    private final long[][] warmups;
    private final int[] done;
    private final int[] target;

    /**
     * @param snapshots per variant, one slot per replication up to its cap (resumed ones filled in)
     * @param target    per variant, the replications of its first round
     */
    VariantRounds(Rule rule, Snapshot[][] snapshots, long[][] warmups, int[] target) {
        this.rule = rule;
        this.snapshots = snapshots;
        this.warmups = warmups;
        this.done = new int[snapshots.length];
        this.target = target;
    }

    /** How many replications every variant's first round runs. */
    int firstRoundSize() {
        int n = 0;
        for (int v = 0; v < snapshots.length; v++) {
            n += round(v).size();
        }
        return n;
    }

    /** The simulated time of those replications, for progress. */
    long firstRoundPs() {
        long ps = 0;
        for (int v = 0; v < snapshots.length; v++) {
            ps += round(v).size() * rule.simulatedPerReplication(v);
        }
        return ps;
    }

    /**
     * Runs every round of every variant on {@code pool}; returns when all have finished, or once
     * {@code cancelled} says so and the running replications have returned. Fills the snapshots
     * and warm-ups given to the constructor.
     */
    void run(ExecutorService pool, Replications replications, BooleanSupplier cancelled, Runnable cancel,
             Growth growth) {
        CompletionService<ScenarioModel.Measured> service = new ExecutorCompletionService<>(pool);
        Map<Future<ScenarioModel.Measured>, int[]> tasks = new IdentityHashMap<>(); // (variant, index) of each
        int[] running = new int[snapshots.length];
        int outstanding = 0;
        for (int v = 0; v < snapshots.length; v++) {
            List<Integer> first = round(v);
            outstanding += first.isEmpty() ? nextRounds(v, service, tasks, running, replications, growth)
                    : submit(v, first, service, tasks, running, replications);
        }
        Throwable failure = null;
        int[] failedTask = null;
        while (outstanding > 0) {
            Future<ScenarioModel.Measured> f;
            try {
                f = service.take();
            } catch (InterruptedException e) {
                cancel.run();
                Thread.currentThread().interrupt();
                return;
            }
            outstanding--;
            int[] t = tasks.remove(f);
            running[t[0]]--;
            try {
                ScenarioModel.Measured m = f.get();
                if (m != null) {
                    snapshots[t[0]][t[1]] = m.snapshot();
                    warmups[t[0]][t[1]] = m.warmupPs();
                }
            } catch (InterruptedException e) {
                cancel.run();
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                cancel.run();
                if (failedTask == null || t[0] < failedTask[0] || (t[0] == failedTask[0] && t[1] < failedTask[1])) {
                    failure = e.getCause();
                    failedTask = t;
                }
            }
            if (running[t[0]] == 0 && !cancelled.getAsBoolean()) {
                outstanding += nextRounds(t[0], service, tasks, running, replications, growth);
            }
        }
        if (failure != null) {
            throw new Failure(failure);
        }
    }

    /** A replication's failure, thrown once every running replication has returned. */
    static final class Failure extends RuntimeException {
        Failure(Throwable cause) {
            super(cause);
        }
    }

    /**
     * Ends variant {@code v}'s round and decides its next ones until one has a replication to run
     * (a resumed replication is not run again) or the variant is complete; submits that round.
     */
    private int nextRounds(int v, CompletionService<ScenarioModel.Measured> service,
                           Map<Future<ScenarioModel.Measured>, int[]> tasks, int[] running, Replications replications,
                           Growth growth) {
        while (true) {
            done[v] = target[v];
            target[v] = rule.next(v, snapshots[v], done[v]);
            if (target[v] == done[v]) {
                return 0;
            }
            growth.more(target[v] - done[v], (target[v] - done[v]) * rule.simulatedPerReplication(v));
            List<Integer> round = round(v);
            if (!round.isEmpty()) {
                return submit(v, round, service, tasks, running, replications);
            }
        }
    }

    private int submit(int v, List<Integer> indexes, CompletionService<ScenarioModel.Measured> service,
                       Map<Future<ScenarioModel.Measured>, int[]> tasks, int[] running, Replications replications) {
        for (int k : indexes) {
            tasks.put(service.submit(() -> replications.run(v, k)), new int[] {v, k});
        }
        running[v] += indexes.size();
        return indexes.size();
    }

    /** Variant {@code v}'s replications from {@code done} up to {@code target} that no earlier run finished. */
    private List<Integer> round(int v) {
        List<Integer> out = new ArrayList<>();
        for (int k = done[v]; k < target[v]; k++) {
            if (snapshots[v][k] == null) {
                out.add(k);
            }
        }
        return out;
    }
}

package org.iommusim.scenarios.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.iommusim.core.experiment.ReplicationContext;
import org.iommusim.core.experiment.Summaries;
import org.iommusim.core.results.Replication;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.Snapshot;
import org.iommusim.core.results.VariantResult;
import org.iommusim.scenarios.config.ConfigException;
import org.iommusim.scenarios.model.Assembly;
import org.iommusim.scenarios.model.ScenarioModel;

/**
 * Runs every replication of every variant of a {@link Prepared} scenario on {@code jobs} threads
 * (parallelism only across runs; each run is single-threaded). Results are placed by (variant,
 * replication index), so {@code stats.json} is the same whatever the job count or completion
 * order. Cancellation ({@link #cancel}, e.g. from Ctrl-C) stops running replications at their
 * next check and starts no new ones; the outcome then keeps only replications that finished.
 * The same plan can instead run on a {@link TaskExecutor} (a cluster engine): its results are
 * placed the same way and merged by the same {@link #merge}, so {@code stats.json} does not
 * depend on where the runs ran. Replications already finished by an earlier run
 * ({@link #resuming}) are kept and not run again.
 */
public final class Runner {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicLong events = new AtomicLong();
    private volatile TaskExecutor executor;
    private Snapshot[][] resumed;

    /**
     * The results and what the manifest reports about the run; {@code lengths} says per variant
     * how many replications ran and which warm-ups they used (see {@link RunLength}).
     */
    public record Outcome(ResultsDocument results, long events, double wallSeconds, boolean complete,
                          List<RunLength> lengths) {
        public Outcome {
            lengths = List.copyOf(lengths);
        }

        public Outcome(ResultsDocument results, long events, double wallSeconds, boolean complete) {
            this(results, events, wallSeconds, complete, List.of());
        }
    }

    public void cancel() {
        cancelled.set(true);
        TaskExecutor e = executor;
        if (e != null) {
            e.cancel();
        }
    }

    /**
     * Keeps {@code done} (per plan point, per replication index; null where not done, see
     * {@link Resume}) and runs only the other replications.
     */
    public Runner resuming(Snapshot[][] done) {
        this.resumed = done;
        return this;
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /**
     * Runs every variant's replications in rounds: first {@code replications} each; then, for a
     * variant with {@code precision} on, as many more as {@link RunLength#next} asks for, until
     * its headline statistics are precise enough or its cap is reached. Which replications run
     * depends only on the results of earlier ones of the same variant, so the outcome does not
     * depend on {@code jobs}; each variant goes on to its next round as soon as its own round has
     * finished ({@link VariantRounds}).
     */
    public Outcome run(Prepared p, int jobs, Progress progress) {
        long start = System.nanoTime();
        int variants = p.models().size();
        Snapshot[][] snapshots = new Snapshot[variants][];
        long[][] warmups = new long[variants][];
        int[] target = new int[variants];
        int most = 0;
        for (int v = 0; v < variants; v++) {
            snapshots[v] = new Snapshot[p.models().get(v).scenario().replicationCap()];
            if (resumed != null) {
                System.arraycopy(resumed[v], 0, snapshots[v], 0, Math.min(resumed[v].length, snapshots[v].length));
            }
            warmups[v] = new long[snapshots[v].length];
            target[v] = p.models().get(v).scenario().replications();
            most += snapshots[v].length;
        }
        VariantRounds rounds = new VariantRounds(VariantRounds.Rule.of(p), snapshots, warmups, target);
        progress.begin(rounds.firstRoundSize(), rounds.firstRoundPs());
        ExecutorService pool = daemonPool(Math.min(jobs, most), "replication"); // later rounds may run more at once
        try {
            rounds.run(pool, (v, k) -> new Task(v, k, p.models().get(v)).run(progress), cancelled::get, this::cancel,
                    progress::more);
        } catch (VariantRounds.Failure f) {
            if (f.getCause() instanceof ConfigException c) {
                throw c;
            }
            throw new IllegalStateException("a replication failed: " + f.getCause(), f.getCause());
        } finally {
            pool.shutdownNow();
        }
        progress.end();
        boolean complete = !cancelled.get();
        List<RunLength> lengths = new ArrayList<>();
        for (int v = 0; v < variants; v++) {
            lengths.add(RunLength.of(p.plan().points().get(v).name(), p.models().get(v).scenario(), snapshots[v],
                    warmups[v]));
        }
        return new Outcome(merge(p, snapshots).withComplete(complete), events.get(),
                (System.nanoTime() - start) / 1e9, complete, lengths);
    }

    /**
     * Runs the plan's tasks on {@code on} (e.g. Spark) instead of local threads: every result is
     * decoded and placed by (variant, replication) as it arrives. Interrupted ({@link #cancel}
     * or the engine shutting down), the outcome keeps the finished replications and is
     * incomplete; a task that failed for good propagates {@code on}'s exception.
     */
    public Outcome run(Prepared p, TaskExecutor on, Progress progress) {
        long start = System.nanoTime();
        List<PointTask> tasks = PointTask.of(p, resumed);
        progress.begin(tasks.size(), simulatedPs(p, tasks.stream().mapToInt(PointTask::variant).toArray()));
        Snapshot[][] snapshots = slots(p);
        int[] finished = new int[1];
        executor = on;
        try {
            if (cancelled.get()) {
                return new Outcome(merge(p, snapshots).withComplete(false), 0, 0, false);
            }
            on.execute(tasks, r -> {
                PointTask t = tasks.get(r.task());
                if (snapshots[t.variant()][t.replication()] == null) {
                    snapshots[t.variant()][t.replication()] = TaskResult.decode(r.snapshot());
                    finished[0]++;
                    events.addAndGet(r.events());
                    progress.advance(p.models().get(t.variant()).scenario().simulatedPerReplication(), r.events());
                    progress.runFinished();
                }
            });
        } finally {
            executor = null;
            progress.end();
        }
        boolean complete = !cancelled.get() && finished[0] == tasks.size();
        return new Outcome(merge(p, snapshots).withComplete(complete), events.get(),
                (System.nanoTime() - start) / 1e9, complete);
    }

    /** An empty result slot per (variant, replication), holding the resumed snapshots if any. */
    private Snapshot[][] slots(Prepared p) {
        Snapshot[][] snapshots = new Snapshot[p.models().size()][];
        for (int v = 0; v < snapshots.length; v++) {
            snapshots[v] = new Snapshot[p.models().get(v).scenario().replications()];
            if (resumed != null) {
                System.arraycopy(resumed[v], 0, snapshots[v], 0, snapshots[v].length);
            }
        }
        return snapshots;
    }

    /** Simulated time of the runs of the given variants (one entry per run), for progress. */
    private static long simulatedPs(Prepared p, int[] variants) {
        long t = 0;
        for (int v : variants) {
            t += p.models().get(v).scenario().simulatedPerReplication();
        }
        return t;
    }

    /** A pool of {@code threads} (at least 1) daemon threads: a stuck run never keeps the JVM alive. */
    static ExecutorService daemonPool(int threads, String name) {
        return Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The results document of {@code snapshots} (per plan point, per replication index; null =
     * not run): replications in index order, variants in plan order. The local and the cluster
     * path both end here. Variants are summarised on up to one thread per processor (each
     * variant's summary depends on its own replications only, so the document is the same).
     */
    public static ResultsDocument merge(Prepared p, Snapshot[][] snapshots) {
        List<java.util.concurrent.Callable<VariantResult>> summaries = new ArrayList<>();
        for (int v = 0; v < snapshots.length; v++) {
            long seed = p.models().get(v).scenario().seed();
            List<Replication> reps = new ArrayList<>();
            for (int k = 0; k < snapshots[v].length; k++) {
                if (snapshots[v][k] != null) {
                    reps.add(new Replication(k, seed, snapshots[v][k]));
                }
            }
            Plan.Point point = p.plan().points().get(v);
            summaries.add(() -> Summaries.variant(point.name(), point.overrides(), reps));
        }
        List<VariantResult> variants = Parallel.inOrder(summaries, "summaries");
        return ResultsDocument.of(p.name(), p.base().value().seed(), variants);
    }

    /** One replication of one variant. */
    private final class Task {
        final int variant;
        final int index;
        final ScenarioModel model;

        Task(int variant, int index, ScenarioModel model) {
            this.variant = variant;
            this.index = index;
            this.model = model;
        }

        ScenarioModel.Measured run(Progress progress) {
            if (cancelled.get()) {
                return null;
            }
            ScenarioModel.Measured s = model.runMeasured(new ReplicationContext(model.scenario().seed(), index),
                    new Assembly.Monitor() {
                @Override
                public boolean cancelled() {
                    return cancelled.get();
                }

                @Override
                public void progressed(long simulatedPs, long n) {
                    events.addAndGet(n);
                    progress.advance(simulatedPs, n);
                }
            });
            if (cancelled.get()) {
                return null;
            }
            progress.runFinished();
            return s;
        }
    }
}

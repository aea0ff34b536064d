package org.iommusim.core.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.iommusim.core.results.Replication;
import org.iommusim.core.results.Snapshot;
import org.iommusim.core.results.VariantResult;

/**
 * Runs R independent replications of a {@link ModelFactory}: replication k (k = 0 .. R-1) gets
 * {@code new ReplicationContext(masterSeed, k)}, builds its own simulator and random streams
 * (substream k), runs, and returns a snapshot. With {@code jobs > 1} replications run on a
 * bounded pool of that many threads (never more than R); the result is ordered by index and
 * identical whatever the job count, because replications share nothing.
 *
 * <p>Errors: the failing replication with the lowest index is thrown as a
 * {@link ReplicationException} naming its index and the master seed, with the model's
 * exception as cause (so the error, too, does not depend on the job count); the replications
 * still running or queued are then cancelled. JVM {@link Error}s propagate unchanged. Interrupting
 * the calling thread cancels the remaining replications and throws a
 * {@link ReplicationException} (index -1) with the thread's interrupt flag set again. Use the
 * {@code onFinished} callback to keep replications that completed before a failure or
 * interruption.
 *
 * <p>Does not summarise by itself beyond {@link #runVariant}; see {@link Summaries}.
 */
public record Experiment(long masterSeed, int replications, int jobs) {
    public Experiment {
        if (replications < 1) {
            throw new IllegalArgumentException("replications must be >= 1, got " + replications);
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
        }
    }

    /** An experiment that runs its replications one after another on the calling thread. */
    public static Experiment of(long masterSeed, int replications) {
        return new Experiment(masterSeed, replications, 1);
    }

    public Experiment withJobs(int jobs) {
        return new Experiment(masterSeed, replications, jobs);
    }

    /** Runs every replication; the list is ordered by index. */
    public List<Replication> run(ModelFactory factory) {
        return run(factory, r -> { });
    }

    /**
     * Runs every replication, calling {@code onFinished} as each one completes (in completion
     * order, from the thread that ran it, so it must be thread-safe when {@code jobs > 1}).
     */
    public List<Replication> run(ModelFactory factory, Consumer<Replication> onFinished) {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(onFinished, "onFinished");
        int threads = Math.min(jobs, replications);
        if (threads == 1) {
            List<Replication> out = new ArrayList<>(replications);
            for (int k = 0; k < replications; k++) {
                out.add(runOne(factory, k, onFinished));
            }
            return out;
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "replication-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Replication>> futures = new ArrayList<>(replications);
            for (int k = 0; k < replications; k++) {
                int index = k;
                futures.add(pool.submit(() -> runOne(factory, index, onFinished)));
            }
            List<Replication> out = new ArrayList<>(replications);
            for (Future<Replication> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicationException(-1, "interrupted: the remaining replications were cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ReplicationException re) {
                throw new ReplicationException(re.index(), re.getMessage(), re.getCause());
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new ReplicationException(-1, "replication failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs the replications and summarises them as one variant of a scenario. */
    public VariantResult runVariant(String name, Map<String, String> overrides, ModelFactory factory) {
        return Summaries.variant(name, overrides, run(factory));
    }

    private Replication runOne(ModelFactory factory, int index, Consumer<Replication> onFinished) {
        Snapshot snapshot;
        try {
            snapshot = factory.run(new ReplicationContext(masterSeed, index));
        } catch (Exception e) {
            throw new ReplicationException(index, "replication " + index + " of " + replications + " (master seed "
                    + masterSeed + ") failed: " + e, e);
        }
        if (snapshot == null) {
            throw new ReplicationException(index, "replication " + index + " (master seed " + masterSeed
                    + ") returned no snapshot", null);
        }
        Replication r = new Replication(index, masterSeed, snapshot);
        onFinished.accept(r);
        return r;
    }
}

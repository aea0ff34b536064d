package org.iommusim.scenarios.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Independent pieces of a run's bookkeeping (checking variants, summarising them, making the
 * result files) done on several threads, with the outcome one thread would give: results in
 * the order of the tasks, and the failure of the first failing task in that order rethrown as
 * it was thrown. The tasks must not depend on each other.
 */
final class Parallel {
    private Parallel() {
    }

    /** The results of {@code tasks}, in order, computed on up to {@code threads} daemon threads named {@code name}. */
    static <T> List<T> inOrder(List<? extends Callable<T>> tasks, int threads, String name) {
        List<T> out = new ArrayList<>(tasks.size());
        int n = Math.min(threads, tasks.size());
        if (n <= 1) {
            for (Callable<T> t : tasks) {
                out.add(result(t));
            }
            return out;
        }
        ExecutorService pool = Runner.daemonPool(n, name);
        try {
            List<Future<T>> futures = new ArrayList<>(tasks.size());
            for (Callable<T> t : tasks) {
                futures.add(pool.submit(t));
            }
            for (Future<T> f : futures) {
                out.add(result(f::get));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One thread per processor. */
    static <T> List<T> inOrder(List<? extends Callable<T>> tasks, String name) {
        return inOrder(tasks, Runtime.getRuntime().availableProcessors(), name);
    }

    private static <T> T result(Callable<T> c) {
        try {
            return c.call();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a parallel task", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

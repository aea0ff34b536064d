package org.iommusim.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.iommusim.reports.charts.ChartSet;
import org.iommusim.reports.charts.ChartSpec;
import org.iommusim.reports.charts.ChartWriter;

/**
 * Draws a report's charts on up to one thread per available processor. Each chart is its own
 * JFreeChart object drawn into its own image and SVG document, so charts share no mutable state
 * and each file's bytes are what one thread would write; the list comes back in the charts'
 * order. Drawing (and PNG encoding, when PNGs are written) is most of a report's time
 * (docs/PERFORMANCE.md), and a results folder is drawn once at the end of a run, while the
 * simulation threads are done.
 */
final class ChartDrawing {
    private ChartDrawing() {
    }

    /** Writes every chart of {@code charts} into {@code folder}; tells {@code progress} of each (serialised). */
    static List<ChartWriter.Written> drawAll(ChartWriter writer, List<ChartSpec> charts, Path folder,
                                             DrawingProgress progress) throws IOException {
        Pending p = start(() -> new ChartSet(charts, List.of()), writer, folder, progress);
        try {
            return p.await();
        } finally {
            p.stop();
        }
    }

    /**
     * Starts building the chart set with {@code build} and drawing its charts into {@code folder} on
     * up to one daemon thread per processor, and returns at once; {@link Pending#await} gives the
     * written charts in order. The set is built on a drawing thread too: building a sweep's charts
     * (its CDFs thinned, its small multiples laid out) took a cold JVM 0.1-0.25 s, which the calling
     * thread spends writing the run's other result files instead (docs/PERFORMANCE.md, "Report,
     * round 9"). Each chart is drawn as soon as the whole set is built, in the set's order.
     */
    static Pending start(Supplier<ChartSet> build, ChartWriter writer, Path folder, DrawingProgress progress) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        List<Thread> started = new ArrayList<>(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "report-charts");
            t.setDaemon(true);
            synchronized (started) {
                started.add(t);
            }
            return t;
        });
        Future<Planned> planned = pool.submit(() -> {
            ChartSet set = build.get();
            synchronized (progress) {
                progress.begin(set.charts().size());
            }
            List<Future<ChartWriter.Written>> drawn = new ArrayList<>(set.charts().size());
            for (ChartSpec spec : set.charts()) {
                drawn.add(pool.submit(() -> {
                    ChartWriter.Written w = writer.write(spec, folder);
                    synchronized (progress) {
                        progress.drawn();
                    }
                    return w;
                }));
            }
            pool.shutdown(); // the threads end once the last chart is drawn
            return new Planned(set, drawn);
        });
        return new Pending(pool, planned, started);
    }

    /** A built chart set and its charts being drawn, in its order. */
    private record Planned(ChartSet set, List<Future<ChartWriter.Written>> drawn) {
    }

    /** A chart set being built and drawn. */
    static final class Pending {
        private final ExecutorService pool;
        private final Future<Planned> planned;
        private final List<Thread> threads;

        private Pending(ExecutorService pool, Future<Planned> planned, List<Thread> threads) {
            this.pool = pool;
            this.planned = planned;
            this.threads = threads;
        }

        /** Every chart, in the set's order, once drawn; the first failure (building, then drawing, in order) is rethrown. */
        List<ChartWriter.Written> await() throws IOException {
            List<Future<ChartWriter.Written>> drawn = result(planned).drawn();
            List<ChartWriter.Written> out = new ArrayList<>(drawn.size());
            for (Future<ChartWriter.Written> f : drawn) {
                out.add(result(f));
            }
            return out;
        }

        /** The set's notes on charts not drawn, once it is built (rethrows its building's failure). */
        List<String> notes() throws IOException {
            return result(planned).set().notes();
        }

        /**
         * Stops drawing: charts not started are dropped and this returns once those being drawn
         * have ended, so no chart file is written after it returns (the caller may delete the
         * folder), and once the drawing threads have ended (the pool's termination is signalled
         * by its last thread just before that thread ends). Nothing to stop once {@link #await}
         * has returned.
         */
        void stop() {
            pool.shutdownNow();
            try {
                if (pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                    List<Thread> ending;
                    synchronized (threads) {
                        ending = List.copyOf(threads);
                    }
                    for (Thread t : ending) {
                        t.join(java.util.concurrent.TimeUnit.SECONDS.toMillis(10));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The value of {@code f}; its failure rethrown as it was thrown. */
    static <T> T result(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted while drawing charts"));
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException rt) {
                throw rt;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("drawing the report failed", c);
        }
    }
}

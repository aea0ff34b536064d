package org.iommusim.scenarios.cli;

import org.iommusim.core.input.UserInputException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.RunWarning;
import org.iommusim.core.results.TextListing;
import org.iommusim.core.results.VariantResult;
import org.iommusim.reports.ReportDrawing;
import org.iommusim.scenarios.runner.Invocation;
import org.iommusim.scenarios.runner.MemoryEstimate;
import org.iommusim.scenarios.runner.OutputFolder;
import org.iommusim.scenarios.runner.Prepared;
import org.iommusim.scenarios.runner.Progress;
import org.iommusim.scenarios.runner.Resume;
import org.iommusim.scenarios.runner.TaskExecutor;
import org.iommusim.scenarios.runner.TaskExecutors;
import org.iommusim.scenarios.runner.ResultFiles;
import org.iommusim.scenarios.runner.Runner;

/**
 * What {@code run}, {@code compare} and {@code sweep} share once their scenario is prepared:
 * choose and stage the output folder, run with progress, write the result files and the report
 * (its charts drawn while the other result files are written),
 * and print the findings (the first few), the summary and where the results are. Ctrl-C cancels the runner; finished
 * replications are written to {@code NAME-interrupted} with {@code "complete": false} (and every
 * result file marked), or nothing at all when none had finished. Any
 * failure removes the staging folder, so no output folder is left behind. {@code --spark MASTER}
 * runs the tasks on Spark (a {@link TaskExecutor}) instead of {@code --jobs} threads;
 * {@code --resume DIR} keeps the replications an earlier run finished (both checked before the
 * output folder is created).
 */
final class SimulateCommand {
    private SimulateCommand() {
    }

    /** Each variant's run warnings (saturated resources, queues still growing), printed on stderr even with -q. */
    private static List<RunWarning> warnings(ResultsDocument results) {
        List<RunWarning> all = new java.util.ArrayList<>();
        for (VariantResult v : results.variants()) {
            all.addAll(v.warnings());
        }
        return all;
    }

    /** Refuses {@code --jobs} below 1 and an {@code --out} a run could not end in ({@link OutputFolder#check}). */
    static void checkOptions(OutputOptions o) {
        if (o.jobs != null && o.jobs < 1) {
            throw new UserInputException("--jobs must be at least 1, got " + o.jobs);
        }
        if (o.spark != null && o.jobs != null && o.jobs != 1) {
            throw new UserInputException("--jobs applies to local runs; with --spark, Spark spreads the tasks"
                    + " (choose the parallelism with the master, e.g. local[4])");
        }
        if (o.png && o.noReport) {
            throw new UserInputException("--png writes the report's charts as PNG too, but --no-report draws no"
                    + " report: drop one of them");
        }
        if (o.out != null) {
            OutputFolder.check(o.out);
        }
    }

    /**
     * The replications to run at once: {@code --jobs} as given; left out, one per processor but
     * no more than fit in the heap together ({@link MemoryEstimate#jobs}); 1 with {@code --spark}
     * (the engine spreads the tasks).
     */
    static int jobs(Prepared p, OutputOptions o) {
        return o.spark != null ? 1 : MemoryEstimate.jobs(p.models().stream().map(m -> m.scenario()).toList(),
                o.requestedJobs());
    }

    static int execute(Prepared p, OutputOptions o, int jobs, String command, Invocation how, PrintWriter out) {
        checkOptions(o);
        if ((o.spark != null || o.resume != null) && p.models().stream().anyMatch(m -> m.scenario().precision() > 0)) {
            throw new UserInputException((o.spark != null ? "--spark" : "--resume") + " runs a fixed number of"
                    + " replications per point, but the scenario sets precision (replications added until the"
                    + " confidence intervals are narrow enough): run it locally, or remove precision and set"
                    + " replications");
        }
        MemoryEstimate.check(p.models().stream().map(m -> m.scenario()).toList(), jobs); // all compared together
        Runner runner = new Runner();
        if (o.resume != null) {
            var done = Resume.load(o.resume, p);
            runner.resuming(done);
            if (!o.quiet) {
                System.err.println("iommusim: resuming: " + Resume.count(done) + " of " + p.runs()
                        + " replications taken from " + o.resume);
            }
        }
        TaskExecutor cluster = o.spark == null ? null : TaskExecutors.open("spark", o.spark);
        OutputFolder folder = OutputFolder.create(o.out == null ? OutputFolder.defaultTarget(p.name()) : o.out);
        CountDownLatch written = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runner.cancel();
            try {
                written.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "iommusim-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        ReportDrawing drawing = null;
        try {
            Progress progress = new Progress(System.err, o.quiet, System.console() != null);
            Runner.Outcome outcome = cluster == null ? runner.run(p, jobs, progress)
                    : runner.run(p, cluster, progress);
            if (!outcome.complete() && ResultFiles.finishedReplications(outcome.results()) == 0) {
                folder.discard();
                System.err.println("iommusim: interrupted before any replication finished; nothing was written");
                return Main.EXIT_INTERRUPTED;
            }
            List<String> logs = ResultFiles.histogramLogs(outcome.results());
            if (!o.noReport && outcome.complete()) {
                // the charts are drawn while the other result files are written (from the run's
                // document: reading stats.json back was most of a large run's report)
                drawing = ReportCommand.start(folder.staging(), outcome.results(), p.plan().sweptKeys(), command,
                        logs, o.chartFiles(), progress);
            }
            var findings = ResultFiles.write(folder, p, outcome, command, how, logs);
            logs = null;
            if (!outcome.complete()) {
                Path kept = folder.abandon();
                System.err.println("iommusim: interrupted; finished replications are in " + kept
                        + " (manifest.json says \"complete\": false)");
                return Main.EXIT_INTERRUPTED;
            }
            ResultsDocument results = outcome.results();
            String summary = o.quiet ? null : ResultFiles.summary(results);
            List<RunWarning> warnings = warnings(results);
            outcome = null;
            results = null;
            if (drawing != null) {
                ReportCommand.finish(drawing, o.quiet, progress);
                drawing = null;
            }
            Path done = folder.commit();
            warnings.forEach(w -> System.err.println("iommusim: warning: " + w.message()));
            if (!o.quiet) {
                out.print(TextListing.fit(findings.text(ResultFiles.CONSOLE_FINDINGS)));
                out.println();
                out.print(summary);
                out.println();
            }
            if (o.quiet) {
                out.println(done);
            } else {
                out.println("results: " + done + (o.noReport ? "" : "   report: " + done.resolve("report.html")));
            }
            return Main.EXIT_OK;
        } catch (RuntimeException | Error e) {
            if (drawing != null) {
                drawing.cancel(); // no chart is written into the folder after this
            }
            folder.discard();
            throw e;
        } finally {
            if (cluster != null) {
                cluster.close();
            }
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting (Ctrl-C): the hook is running and waits for 'written'
            }
        }
    }
}

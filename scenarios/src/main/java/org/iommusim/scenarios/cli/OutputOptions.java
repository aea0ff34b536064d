package org.iommusim.scenarios.cli;

import java.nio.file.Path;
import org.iommusim.scenarios.runner.Prepared;
import org.iommusim.reports.charts.ChartFiles;
import picocli.CommandLine.Option;

/** Options of the commands that simulate and write results. */
final class OutputOptions {
    @Option(names = "--out", paramLabel = "DIR",
            description = "Results folder (must not exist or be empty). Default: results/<scenario>, or -2, -3... if taken.")
    Path out;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Replications run in parallel (results are identical whatever N). Default: one per"
                    + " processor, fewer if that many would not fit in the Java heap together.")
    Integer jobs;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Run the tasks (one per point and replication) on Apache Spark: local[N], spark://HOST:7077, yarn, k8s://... Results are identical to a local run. Needs the cluster jar (the launcher builds it).")
    String spark;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Keep the replications an earlier run of the same scenario finished (its results folder, e.g. results/NAME-interrupted) and run only the rest; DIR is left as it is.")
    Path resume;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr and no summary on stdout: print only the results folder's path.")
    boolean quiet;

    @Option(names = "--no-report", description = "Write the result files but not the charts and report.html.")
    boolean noReport;

    @Option(names = "--png", description = "Also write each chart as a 1200x700 PNG beside its SVG (for slides and"
            + " chat). report.html shows the SVGs either way; the PNGs add about half again to the report's CPU time.")
    boolean png;

    /** The chart files the report writes. */
    ChartFiles chartFiles() {
        return ChartFiles.withPng(png);
    }

    /** {@code --jobs} as given, or {@link Prepared#AUTO_JOBS} when it was left out. */
    int requestedJobs() {
        return jobs == null ? Prepared.AUTO_JOBS : jobs;
    }
}

package org.iommusim.scenarios.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.reports.DrawingProgress;
import org.iommusim.reports.RenderedReport;
import org.iommusim.reports.ReportDrawing;
import org.iommusim.reports.Reports;
import org.iommusim.reports.charts.ChartFiles;
import org.iommusim.scenarios.runner.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code iommusim report DIR}: redraws the charts and report.html of a results folder without simulating. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Redraw the charts and report.html of a results folder from its files, without simulating.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A results folder (with stats.json).")
    Path dir;

    @Option(names = "--png",
            description = "Also write each chart as a 1200x700 PNG beside its SVG (for slides and chat).")
    boolean png;

    @Override
    public Integer call() {
        Path html = render(dir, false, ChartFiles.withPng(png),
                new Progress(System.err, false, System.console() != null));
        spec.commandLine().getOut().println("report: " + html);
        return Main.EXIT_OK;
    }

    /**
     * Renders the charts ({@code files} per chart) and report of the results in {@code dir}; returns
     * the HTML file. Charts that could not be drawn (their statistics are absent) are listed on
     * stderr unless {@code quiet}. The drawing phase is shown by {@code progress}.
     */
    static Path render(Path dir, boolean quiet, ChartFiles files, Progress progress) {
        RenderedReport r;
        try {
            r = Reports.render(dir, files, drawing(progress));
        } finally {
            progress.endReport();
        }
        return notes(r, quiet);
    }

    /**
     * Starts the report of a run's folder whose other result files are still to be written
     * ({@link Reports#start}): the charts are drawn meanwhile, shown by {@code progress};
     * {@link #finish} ends it.
     */
    static ReportDrawing start(Path dir, ResultsDocument results, List<String> sweptKeys, String command,
                               List<String> histogramLogs, ChartFiles files, Progress progress) {
        return Reports.start(dir, results, sweptKeys, command, histogramLogs, files, drawing(progress));
    }

    /** Writes the report started by {@link #start} once the folder's result files are written; returns the HTML file. */
    static Path finish(ReportDrawing report, boolean quiet, Progress progress) {
        RenderedReport r;
        try {
            r = report.finish();
        } finally {
            progress.endReport();
        }
        return notes(r, quiet);
    }

    /** Lists on stderr (unless {@code quiet}) the charts {@code r} could not draw; returns its HTML file. */
    private static Path notes(RenderedReport r, boolean quiet) {
        if (!quiet) {
            r.notes().forEach(n -> System.err.println("iommusim: report: " + n));
        }
        return r.html();
    }

    private static DrawingProgress drawing(Progress progress) {
        return new DrawingProgress() {
            @Override
            public void begin(int charts) {
                progress.beginReport(charts);
            }

            @Override
            public void drawn() {
                progress.chartDrawn();
            }
        };
    }
}

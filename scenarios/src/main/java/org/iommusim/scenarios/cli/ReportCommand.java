package org.iommusim.scenarios.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.reports.DrawingProgress;
import org.iommusim.reports.RenderedReport;
import org.iommusim.reports.Reports;
import org.iommusim.scenarios.runner.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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

    @Override
    public Integer call() {
        Path html = render(dir, false, new Progress(System.err, false, System.console() != null));
        spec.commandLine().getOut().println("report: " + html);
        return Main.EXIT_OK;
    }

    /**
     * Renders the charts and report of the results in {@code dir}; returns the HTML file. Charts
     * that could not be drawn (their statistics are absent) are listed on stderr unless {@code quiet}.
     */
    static Path render(Path dir, boolean quiet) {
        return render(dir, quiet, Progress.silent());
    }

    /** {@link #render(Path, boolean)} with the drawing phase shown by {@code progress}. */
    static Path render(Path dir, boolean quiet, Progress progress) {
        return render(dir, null, quiet, progress);
    }

    /**
     * {@link #render(Path, boolean, Progress)} of a run's folder from the run's own results
     * document ({@code results}, just written to the folder's {@code stats.json}) instead of
     * reading the file back; null reads the file.
     */
    static Path render(Path dir, ResultsDocument results, boolean quiet, Progress progress) {
        DrawingProgress drawing = new DrawingProgress() {
            @Override
            public void begin(int charts) {
                progress.beginReport(charts);
            }

            @Override
            public void drawn() {
                progress.chartDrawn();
            }
        };
        RenderedReport r;
        try {
            r = results == null ? Reports.render(dir, drawing) : Reports.render(dir, results, drawing);
        } finally {
            progress.endReport();
        }
        if (!quiet) {
            r.notes().forEach(n -> System.err.println("iommusim: report: " + n));
        }
        return r.html();
    }
}

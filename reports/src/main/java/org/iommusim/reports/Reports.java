package org.iommusim.reports;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.reports.charts.ChartFiles;
import org.iommusim.reports.io.MergedHistograms;
import org.iommusim.reports.io.ResultsFolder;

/**
 * Draws the report of one results folder: reads {@code stats.json} (required),
 * {@code manifest.json} and {@code config.effective.yaml} (optional), writes every chart as SVG
 * (and PNG when asked, {@link ChartFiles}) under {@code charts/} (built and drawn on up to one
 * thread per processor, {@link ChartDrawing}) and the self-contained {@code report.html} (its
 * tables made while the charts are drawn), each
 * file atomically. A run may start its report before its other result files are written
 * ({@link #start}: the charts are drawn meanwhile). Reads result files only (a run
 * that has just written {@code stats.json} may hand over the document it wrote instead: same
 * bytes out); never simulates. Safe to call again on the same folder
 * (files are replaced); charts from an earlier render that are no longer drawn are left alone.
 */
public final class Reports {
    public static final String HTML = "report.html";
    public static final String CHARTS = "charts";
    private static final String HEADLESS = "java.awt.headless";

    private Reports() {
    }

    /**
     * Renders the report of {@code resultsDir}.
     *
     * @throws ReportInputException when {@code stats.json} is missing or unreadable (one-line
     *     message naming the file)
     * @throws UncheckedIOException when an output file cannot be written
     */
    public static RenderedReport render(Path resultsDir) {
        return render(resultsDir, ChartFiles.SVG, DrawingProgress.NONE);
    }

    /** {@link #render(Path)} writing {@code files} per chart, telling {@code progress} as charts are drawn. */
    public static RenderedReport render(Path resultsDir, ChartFiles files, DrawingProgress progress) {
        headless();
        return render(ResultsFolder.read(resultsDir), files, progress);
    }

    /**
     * {@link #render(Path, DrawingProgress)} of a folder whose {@code stats.json} was just written
     * from {@code results}: the report is made from that document instead of reading the file
     * back (the same report: a results document reads back equal to the one written).
     */
    public static RenderedReport render(Path resultsDir, ResultsDocument results, ChartFiles files,
                                        DrawingProgress progress) {
        headless();
        return render(ResultsFolder.of(resultsDir, results), files, progress);
    }

    static void headless() {
        if (System.getProperty(HEADLESS) == null) {
            // Charts are drawn off screen; never try to reach a display. Only takes effect if AWT
            // has not started yet, which is why launchers should pass -Djava.awt.headless=true.
            System.setProperty(HEADLESS, "true");
        }
    }

    /**
     * Starts the report of a run whose results folder is still being written ({@link ReportDrawing}):
     * its charts are drawn from now on; {@link ReportDrawing#finish} writes the page once the
     * folder's other files are there. {@code sweepParameters} and {@code command} are what the
     * run's manifest will say, {@code histogramLogs} the texts of its histogram logs (variant
     * order, empty for a variant without one).
     */
    public static ReportDrawing start(Path resultsDir, ResultsDocument results, List<String> sweepParameters,
                                      String command, List<String> histogramLogs, ChartFiles files,
                                      DrawingProgress progress) {
        headless();
        return new ReportDrawing(resultsDir, results, sweepParameters, Optional.of(command),
                MergedHistograms.of(histogramLogs), files, progress);
    }

    private static RenderedReport render(ResultsFolder folder, ChartFiles files, DrawingProgress progress) {
        return new ReportDrawing(folder.dir(), folder.results(), folder.manifest().sweepParameters(),
                folder.manifest().command(), folder.histograms(), files, progress).finish(folder);
    }
}

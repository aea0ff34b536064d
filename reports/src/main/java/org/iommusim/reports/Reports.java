package org.iommusim.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.reports.charts.ChartSet;
import org.iommusim.reports.charts.ChartWriter;
import org.iommusim.reports.html.HtmlReport;
import org.iommusim.reports.io.AtomicFiles;
import org.iommusim.reports.io.ResultsFolder;

/**
 * Draws the report of one results folder: reads {@code stats.json} (required),
 * {@code manifest.json} and {@code config.effective.yaml} (optional), writes every chart as PNG
 * and SVG under {@code charts/} (drawn on up to one thread per processor, {@link ChartDrawing})
 * and the self-contained {@code report.html} (its tables made while the charts are drawn), each file atomically. Reads result files only (a run
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
        return render(resultsDir, DrawingProgress.NONE);
    }

    /** {@link #render(Path)}, telling {@code progress} as charts are drawn. */
    public static RenderedReport render(Path resultsDir, DrawingProgress progress) {
        headless();
        return render(ResultsFolder.read(resultsDir), progress);
    }

    /**
     * {@link #render(Path, DrawingProgress)} of a folder whose {@code stats.json} was just written
     * from {@code results}: the report is made from that document instead of reading the file
     * back (the same report: a results document reads back equal to the one written).
     */
    public static RenderedReport render(Path resultsDir, ResultsDocument results, DrawingProgress progress) {
        headless();
        return render(ResultsFolder.of(resultsDir, results), progress);
    }

    static void headless() {
        if (System.getProperty(HEADLESS) == null) {
            // Charts are drawn off screen; never try to reach a display. Only takes effect if AWT
            // has not started yet, which is why launchers should pass -Djava.awt.headless=true.
            System.setProperty(HEADLESS, "true");
        }
    }

    private static RenderedReport render(ResultsFolder folder, DrawingProgress progress) {
        Path resultsDir = folder.dir();
        ChartSet set = ChartSet.of(folder.results(), folder.manifest().sweepParameters(),
                folder.manifest().command(), folder.histograms());
        ChartWriter writer = new ChartWriter();
        Path chartDir = resultsDir.resolve(CHARTS);
        List<ChartWriter.Written> written = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        progress.begin(set.charts().size());
        // The page's tables and sections need no chart: made on a thread of their own while the charts are drawn.
        FutureTask<Map<String, Object>> page = new FutureTask<>(() -> HtmlReport.page(folder));
        Thread pageThread = new Thread(page, "report-page");
        pageThread.setDaemon(true);
        pageThread.start();
        try {
            for (ChartWriter.Written w : ChartDrawing.drawAll(writer, set.charts(), chartDir, progress)) {
                written.add(w);
                files.add(w.png());
                files.add(w.svg());
            }
            Path html = resultsDir.resolve(HTML);
            AtomicFiles.writeString(html, HtmlReport.render(ChartDrawing.result(page), folder, written, set.notes()));
            return new RenderedReport(html, files, set.notes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + resultsDir + ": " + e.getMessage(), e);
        }
    }
}

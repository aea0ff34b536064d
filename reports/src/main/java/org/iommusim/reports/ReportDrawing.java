package org.iommusim.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.reports.charts.ChartFiles;
import org.iommusim.reports.charts.ChartSet;
import org.iommusim.reports.charts.ChartWriter;
import org.iommusim.reports.html.HtmlReport;
import org.iommusim.reports.io.AtomicFiles;
import org.iommusim.reports.io.MergedHistograms;
import org.iommusim.reports.io.ResultsFolder;

/**
 * A report in two steps: its charts and the page's summary tables, which depend on the results
 * document, the swept keys, the command and the merged histograms only, are built (and the charts
 * drawn) on their own threads from the moment it is started ({@link Reports#start});
 * {@link #finish} then reads the rest of the results folder (the manifest, the configuration, the
 * findings, which files are there) and writes {@code report.html}. A run starts its report as soon
 * as its histogram logs exist and writes its other result files meanwhile, so the report's
 * drawing and the result files share the processors instead of following each other. Once
 * finished, the files are those {@link Reports#render(Path)} writes for the completed folder.
 * {@link #cancel} stops the drawing (no chart file is written after it returns).
 */
public final class ReportDrawing {
    private final Path dir;
    private final ResultsDocument results;
    private final MergedHistograms histograms;
    private final ChartDrawing.Pending pending;
    private final FutureTask<Map<String, Object>> tables;

    ReportDrawing(Path dir, ResultsDocument results, List<String> sweepParameters, Optional<String> command,
                  MergedHistograms histograms, ChartFiles files, DrawingProgress progress) {
        this.dir = dir;
        this.results = results;
        this.histograms = histograms;
        this.pending = ChartDrawing.start(() -> ChartSet.of(results, sweepParameters, command, histograms),
                new ChartWriter(files), dir.resolve(Reports.CHARTS), progress);
        this.tables = new FutureTask<>(() -> HtmlReport.tables(results, histograms));
        Thread t = new Thread(tables, "report-tables");
        t.setDaemon(true); // writes nothing: a cancelled report need not wait for it
        t.start();
    }

    /**
     * Writes {@code report.html} once every chart is drawn, from the folder as it is now (its
     * result files written); stops the drawing if anything fails.
     *
     * @throws UncheckedIOException when a chart or the page cannot be written
     */
    public RenderedReport finish() {
        return finish(ResultsFolder.of(dir, results, histograms));
    }

    /** {@link #finish()} with the folder already read. */
    RenderedReport finish(ResultsFolder folder) {
        try {
            Map<String, Object> page = HtmlReport.page(folder, ChartDrawing.result(tables)); // while charts are drawn
            List<ChartWriter.Written> written = pending.await();
            List<Path> files = new ArrayList<>();
            for (ChartWriter.Written w : written) {
                files.addAll(w.files());
            }
            Path html = dir.resolve(Reports.HTML);
            List<String> notes = pending.notes();
            AtomicFiles.writeString(html, HtmlReport.render(page, folder, written, notes));
            return new RenderedReport(html, files, notes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir + ": " + e.getMessage(), e);
        } finally {
            pending.stop();
        }
    }

    /** Stops drawing; returns once no chart is being written. */
    public void cancel() {
        pending.stop();
    }
}

package org.iommusim.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.reports.charts.ChartFiles;
import org.iommusim.reports.charts.ChartSet;
import org.iommusim.reports.charts.ChartWriter;
import org.iommusim.reports.html.HtmlReport;
import org.iommusim.reports.io.AtomicFiles;
import org.iommusim.reports.io.MergedHistograms;
import org.iommusim.reports.io.ResultsFolder;

/**
 * A report in two steps: its charts, which depend on the results document, the swept keys, the
 * command and the merged histograms only, are drawn on their own threads from the moment it is
 * started ({@link Reports#start}); {@link #finish} then reads the rest of the results folder (the
 * manifest, the configuration, the findings, which files are there), makes the page's tables
 * while the last charts are drawn, and writes {@code report.html}. A run starts its report as soon
 * as its histogram logs exist and writes its other result files meanwhile, so the report's
 * drawing and the result files share the processors instead of following each other. Once
 * finished, the files are those {@link Reports#render(Path)} writes for the completed folder.
 * {@link #cancel} stops the drawing (no chart file is written after it returns).
 */
public final class ReportDrawing {
    private final Path dir;
    private final ResultsDocument results;
    private final MergedHistograms histograms;
    private final ChartSet set;
    private final ChartDrawing.Pending pending;

    ReportDrawing(Path dir, ResultsDocument results, List<String> sweepParameters, Optional<String> command,
                  MergedHistograms histograms, ChartFiles files, DrawingProgress progress) {
        this.dir = dir;
        this.results = results;
        this.histograms = histograms;
        this.set = ChartSet.of(results, sweepParameters, command, histograms);
        progress.begin(set.charts().size());
        this.pending = ChartDrawing.start(new ChartWriter(files), set.charts(), dir.resolve(Reports.CHARTS), progress);
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
            Map<String, Object> page = HtmlReport.page(folder); // while the last charts are drawn
            List<ChartWriter.Written> written = pending.await();
            List<Path> files = new ArrayList<>();
            for (ChartWriter.Written w : written) {
                files.addAll(w.files());
            }
            Path html = dir.resolve(Reports.HTML);
            AtomicFiles.writeString(html, HtmlReport.render(page, folder, written, set.notes()));
            return new RenderedReport(html, files, set.notes());
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

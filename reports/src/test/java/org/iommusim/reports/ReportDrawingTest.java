package org.iommusim.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.iommusim.core.results.HistogramLog;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.reports.charts.ChartFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report started before its folder's other files are written ({@link Reports#start}) ends as
 * the report of the completed folder, and a cancelled one writes nothing more.
 */
class ReportDrawingTest {
    @TempDir
    Path tmp;

    private static List<String> logs(ResultsDocument doc) {
        return doc.variants().stream().map(HistogramLog::write).toList();
    }

    @Test
    void start_folderWrittenMeanwhile_sameFilesAsTheReportOfTheCompletedFolder() throws IOException {
        for (boolean sweep : new boolean[] {false, true}) {
            ResultsDocument doc = sweep ? SyntheticResults.sweep() : SyntheticResults.compare();
            String manifest = sweep ? SyntheticResults.manifest("sweep", "[\"iotlb.entries\", \"iommu.nesting\"]")
                    : SyntheticResults.manifest("compare", null);
            List<String> swept = sweep ? List.of("iotlb.entries", "iommu.nesting") : List.of();
            RenderedReport whole = Reports.render(SyntheticResults.writeFolder(tmp.resolve("whole" + sweep), doc,
                    manifest), ChartFiles.SVG_AND_PNG, DrawingProgress.NONE);
            Path dir = Files.createDirectories(tmp.resolve("started" + sweep));
            ReportDrawing started = Reports.start(dir, doc, swept, sweep ? "sweep" : "compare", logs(doc),
                    ChartFiles.SVG_AND_PNG, DrawingProgress.NONE);
            SyntheticResults.writeFolder(dir, doc, manifest); // the run's other result files, meanwhile
            RenderedReport r = started.finish();
            assertThat(r.notes()).isEqualTo(whole.notes());
            assertThat(r.charts()).hasSameSizeAs(whole.charts()).hasSizeGreaterThan(4);
            for (int i = 0; i < r.charts().size(); i++) {
                assertThat(r.charts().get(i).getFileName()).isEqualTo(whole.charts().get(i).getFileName());
                assertThat(Files.readAllBytes(r.charts().get(i))).as(r.charts().get(i).toString())
                        .isEqualTo(Files.readAllBytes(whole.charts().get(i)));
            }
            assertThat(Files.readString(r.html())).isEqualTo(Files.readString(whole.html()));
        }
    }

    @Test
    void cancel_noChartWrittenOnceItReturns() throws Exception {
        ResultsDocument doc = SyntheticResults.sweep();
        Path dir = Files.createDirectories(tmp.resolve("cancelled"));
        ReportDrawing started = Reports.start(dir, doc, List.of("iotlb.entries", "iommu.nesting"), "sweep", logs(doc),
                ChartFiles.SVG_AND_PNG, DrawingProgress.NONE);
        started.cancel();
        // The contract is about files: a drawing thread may still be winding down (its pool has
        // terminated, the thread not yet died), but it writes nothing more.
        List<Path> now = listing(dir);
        Thread.sleep(200);
        assertThat(listing(dir)).isEqualTo(now).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
        assertThat(dir.resolve(Reports.HTML)).doesNotExist();
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.sorted().toList();
        }
    }
}

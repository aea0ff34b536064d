package org.iommusim.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.iommusim.reports.charts.ChartFiles;
import org.iommusim.reports.charts.ChartSet;
import org.iommusim.reports.charts.ChartSpec;
import org.iommusim.reports.charts.ChartWriter;
import org.iommusim.reports.io.ResultsFolder;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Charts drawn on several threads are the charts one thread draws, in the same order. */
class ChartDrawingTest {
    @TempDir
    Path tmp;

    private static List<ChartSpec> charts(int n) {
        List<ChartSpec> specs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            XYSeries s = new XYSeries("s" + i);
            for (int x = 0; x < 50; x++) {
                s.add(x, Math.sin(x * (i + 1) / 10.0));
            }
            JFreeChart chart = ChartFactory.createXYLineChart("chart " + i, "x", "y", new XYSeriesCollection(s));
            specs.add(new ChartSpec("c" + i, "chart " + i, "caption " + i, chart));
        }
        return specs;
    }

    @Test
    void drawAll_severalCharts_sameFileBytesAndOrderAsOneThread() throws IOException {
        List<ChartSpec> specs = charts(6);
        ChartWriter writer = new ChartWriter(300, 200, ChartFiles.SVG_AND_PNG);
        AtomicInteger told = new AtomicInteger();
        DrawingProgress progress = new DrawingProgress() {
            @Override
            public void begin(int charts) {
            }

            @Override
            public void drawn() {
                told.incrementAndGet();
            }
        };
        Files.createDirectories(tmp.resolve("charts"));
        List<ChartWriter.Written> drawn = ChartDrawing.drawAll(writer, specs, tmp.resolve("charts"), progress);
        assertThat(drawn).extracting(w -> w.spec().id()).containsExactly("c0", "c1", "c2", "c3", "c4", "c5");
        assertThat(told).hasValue(6);
        for (int i = 0; i < specs.size(); i++) {
            ChartSpec alone = charts(6).get(i);
            assertThat(Files.readAllBytes(drawn.get(i).png().orElseThrow())).as("chart %d", i)
                    .isEqualTo(writer.png(alone));
            assertThat(drawn.get(i).svgElement()).as("chart %d", i).isEqualTo(writer.svgElement(alone));
            assertThat(Files.readString(drawn.get(i).svg())).contains(drawn.get(i).svgElement());
        }
    }

    @Test
    void drawAll_folderIsAFile_failsWithTheWriteError() throws IOException {
        List<ChartSpec> specs = charts(3);
        Path notAFolder = Files.writeString(tmp.resolve("charts"), "a file where the folder should be");
        assertThatThrownBy(() -> ChartDrawing.drawAll(new ChartWriter(100, 100, ChartFiles.SVG), specs, notAFolder,
                DrawingProgress.NONE)).isInstanceOf(IOException.class);
        // every drawing thread has ended: nothing is written after drawAll gives up
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("report-charts") && t.isAlive());
        try (var left = Files.list(tmp)) {
            assertThat(left).containsExactly(notAFolder);
        }
    }

    @Test
    void render_compareFolderWithPngs_everyPngAsOneThreadDrawsIt() throws IOException {
        Path dir = SyntheticResults.writeFolder(tmp.resolve("out"), SyntheticResults.compare(),
                SyntheticResults.manifest("compare", null));
        RenderedReport r = Reports.render(dir, ChartFiles.SVG_AND_PNG, DrawingProgress.NONE);
        ResultsFolder folder = ResultsFolder.read(dir);
        ChartSet set = ChartSet.of(folder.results(), folder.manifest().sweepParameters(), folder.manifest().command(),
                folder.histograms());
        ChartWriter writer = new ChartWriter(ChartFiles.SVG_AND_PNG);
        for (ChartSpec spec : set.charts()) {
            assertThat(Files.readAllBytes(dir.resolve("charts").resolve(spec.id() + ".png")))
                    .as(spec.id()).isEqualTo(writer.png(spec));
        }
        assertThat(r.charts()).hasSize(2 * set.charts().size());
    }
}

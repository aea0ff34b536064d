package org.iommusim.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.iommusim.reports.charts.ChartFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmUpTest {
    @TempDir
    Path tmp;

    @Test
    void reportAfterTheWarmUp_sameFilesAsBefore() throws Exception {
        RenderedReport before = render(tmp.resolve("before"));
        WarmUp.start(ChartFiles.SVG_AND_PNG);
        WarmUp.start(ChartFiles.SVG); // once per JVM: a second call starts nothing
        assertThat(WarmUp.await()).isTrue();
        RenderedReport after = render(tmp.resolve("after"));
        assertThat(after.charts()).hasSameSizeAs(before.charts()).hasSizeGreaterThan(4);
        for (int i = 0; i < before.charts().size(); i++) {
            assertThat(Files.readAllBytes(after.charts().get(i))).as(after.charts().get(i).toString())
                    .isEqualTo(Files.readAllBytes(before.charts().get(i)));
        }
        assertThat(Files.readString(after.html())).isEqualTo(Files.readString(before.html()));
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("report-warm-up"));
    }

    private static RenderedReport render(Path dir) throws IOException {
        return Reports.render(SyntheticResults.writeFolder(dir, SyntheticResults.compare(),
                SyntheticResults.manifest("compare", null)), ChartFiles.SVG_AND_PNG, DrawingProgress.NONE);
    }
}

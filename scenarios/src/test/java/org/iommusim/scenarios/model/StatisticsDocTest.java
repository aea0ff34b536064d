package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/STATISTICS.md is generated from the registry: it cannot drift from the model. */
class StatisticsDocTest {
    @Test
    void statisticsDoc_equalsTheRegistrysOutput() throws Exception {
        String generated = StatisticsCatalog.markdown();
        assertThat(generated).contains("run.translation-latency").contains("dev.nic.rx.packets")
                .contains("wl.parent-churn.").contains("faultq.overflows").contains("pri.");
        Path doc = Path.of("..", "docs", "STATISTICS.md");
        if (Boolean.getBoolean("iommusim.regenerate")) {
            Files.writeString(doc, generated);
        }
        assertThat(Files.readString(doc)).as("regenerate with -Diommusim.regenerate=true").isEqualTo(generated);
    }

    @Test
    void perIoasidNames_areListedOnceAsAPattern() {
        assertThat(StatisticsCatalog.pattern("iommu.faults.reported-to-owner.ioasid12"))
                .isEqualTo("iommu.faults.reported-to-owner.ioasid<N>");
        assertThat(StatisticsCatalog.pattern("iommu.device3.latency")).isEqualTo("iommu.device<N>.latency");
        assertThat(StatisticsCatalog.pattern("cp.ioasid2x.count")).as("only a trailing id").isEqualTo("cp.ioasid2x.count");
        assertThat(StatisticsCatalog.markdown()).contains("| `iommu.faults.reported-to-owner.ioasid<N>` |")
                .contains("stage-1 faults of IOASID <N> reported to its owner");
    }

    @Test
    void ratioStatistics_allCarryTheUnitRatio() {
        List<String> rows = StatisticsCatalog.markdown().lines().filter(l -> l.startsWith("| `")).toList();
        assertThat(rows).hasSizeGreaterThan(100);
        for (String row : rows) {
            String[] cells = row.split("\\|");
            String name = cells[1].trim();
            String unit = cells[3].trim();
            assertThat(unit).as(name).isNotEqualTo("1");
            if (name.endsWith("-ratio`") || name.endsWith("-ratio.series`") || name.endsWith("utilisation`")) {
                assertThat(unit).as(name).isEqualTo("ratio");
            }
        }
    }
}

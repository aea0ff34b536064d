package org.iommusim.scenarios.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.iommusim.core.input.UserInputException;
import org.iommusim.scenarios.catalog.Catalog;
import org.junit.jupiter.api.Test;

/** {@code bench model}'s catalog table: every catalog scenario, its simulated time and what it cost. */
class CatalogBenchTest {
    private static final List<String> SHORT = List.of("duration=2us", "warmup=0ps");

    @Test
    void table_listsEveryCatalogScenario_withSimulatedTimeWallAndRatio() {
        List<CatalogBench.Row> rows = CatalogBench.run(Catalog.NAMES, SHORT);
        assertThat(rows).extracting(CatalogBench.Row::scenario).containsExactlyElementsOf(Catalog.NAMES);
        for (CatalogBench.Row r : rows) {
            assertThat(r.points()).as(r.scenario()).isPositive();
            assertThat(r.replications()).as(r.scenario()).isPositive();
            assertThat(r.simulatedPs()).as("%s: 2 us per point", r.scenario()).isEqualTo(r.points() * 2_000_000L);
            assertThat(r.wallSeconds()).as(r.scenario()).isPositive();
            assertThat(r.cpuSeconds()).as(r.scenario()).isPositive();
            assertThat(r.simulatedPerWallSecond()).isEqualTo(r.simulatedPs() / 1e12 / r.wallSeconds());
        }
        StringWriter text = new StringWriter();
        CatalogBench.print(new PrintWriter(text, true), rows);
        List<String> lines = text.toString().lines().toList();
        assertThat(lines).anyMatch(l -> l.startsWith("scenario") && l.contains("simulated") && l.contains("wall s")
                && l.contains("sim/wall-s"));
        for (CatalogBench.Row r : rows) {
            assertThat(lines).as(r.scenario()).anyMatch(l -> l.startsWith(r.scenario() + " ")
                    && l.contains(org.iommusim.core.kernel.SimTime.format(r.simulatedPs())) && l.contains("/s"));
        }
    }

    @Test
    void perSecond_isADurationPerSecond() {
        assertThat(CatalogBench.perSecond(0.00152)).isEqualTo("1.52ms/s");
        assertThat(CatalogBench.perSecond(2.5e-6)).isEqualTo("2.5us/s");
        assertThat(CatalogBench.perSecond(Double.POSITIVE_INFINITY)).isEqualTo("-");
    }

    @Test
    void unknownScenario_isBadInputNamingTheCatalog() {
        assertThatThrownBy(() -> CatalogBench.run(List.of("walk-cost", "nope"), SHORT))
                .isInstanceOf(UserInputException.class).hasMessageContaining("'nope'")
                .hasMessageContaining(String.join(", ", Catalog.NAMES));
    }
}

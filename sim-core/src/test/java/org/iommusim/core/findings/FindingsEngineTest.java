package org.iommusim.core.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iommusim.core.results.ResultsDocument;
import org.junit.jupiter.api.Test;

class FindingsEngineTest {
    private static Findings findings(ResultsDocument doc, List<String> swept) {
        return FindingsEngine.of(doc, swept, "run.", WarningSource.NONE);
    }

    private static Map<String, double[]> stats(Object... nameValues) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            m.put((String) nameValues[i], (double[]) nameValues[i + 1]);
        }
        return m;
    }

    @Test
    void differences_significantOnesAreFoundWithWelchIntervalAndRankedBySize() {
        ResultsDocument doc = Docs.doc(
                Docs.variant("hardware", Map.of(), stats(
                        "host.util", new double[] {0.62, 0.63, 0.64},
                        "run.throughput", new double[] {41.0, 41.5, 42.0},
                        "nic.packets", new double[] {100, 102, 98})),
                Docs.variant("software", Map.of(), stats(
                        "host.util", new double[] {1.0, 1.0, 1.0},
                        "run.throughput", new double[] {41.2, 41.4, 41.9},
                        "nic.packets", new double[] {63, 64, 62})));
        Findings f = findings(doc, List.of());
        assertThat(f.differences()).extracting(Difference::statistic).containsExactly("host.util", "nic.packets");
        Difference util = f.differences().get(0);
        Welch expected = Welch.of(new double[] {0.62, 0.63, 0.64}, new double[] {1.0, 1.0, 1.0});
        assertThat(util.test()).isEqualTo(expected);
        assertThat(util.test().relativeChange()).isCloseTo(0.37 / 0.63, within(1e-12));
        // one-sided spread: se = 0.01/sqrt(3), df = 2, t(0.975, 2) = 4.302653
        assertThat(util.test().ciHigh() - util.test().difference()).isCloseTo(4.302653 * 0.01 / Math.sqrt(3),
                within(1e-6));
        assertThat(util.sentence()).isEqualTo("software vs hardware: host.util 1 u vs 0.63 u (+59 % ± 3.9 %, p < 0.001)");
        assertThat(f.differences().get(1).test().relativeChange()).isCloseTo(-0.37, within(1e-12));
    }

    @Test
    void ranked_headlineDifferencesComeBeforeLargerOnesOfOtherStatistics() {
        ResultsDocument doc = Docs.doc(
                Docs.variant("hardware", Map.of(), stats(
                        "cp.shadow.syncs", new double[] {0, 0, 0},
                        "run.translation-latency", new double[] {500, 510, 490},
                        "host.util", new double[] {0.01, 0.01, 0.01})),
                Docs.variant("software", Map.of(), stats(
                        "cp.shadow.syncs", new double[] {800, 800, 800},
                        "run.translation-latency", new double[] {200, 205, 195},
                        "host.util", new double[] {0.5, 0.51, 0.49})));
        Findings f = findings(doc, List.of());
        // by size alone: syncs (new), host.util (+4900 %), translation latency (-60 %)
        assertThat(f.differences()).extracting(Difference::statistic)
                .containsExactly("cp.shadow.syncs", "host.util", "run.translation-latency");
        assertThat(f.ranked()).extracting(Finding::sentence).first().asString()
                .startsWith("software vs hardware: run.translation-latency");
        assertThat(f.ranked()).hasSize(3);
        assertThat(f.text(1)).contains("run.translation-latency").doesNotContain("cp.shadow.syncs");
    }

    @Test
    void differences_identicalVariantsGiveNoFindings() {
        double[] v = {3, 4, 5};
        Findings f = findings(Docs.doc(Docs.variant("a", "run.x", v), Docs.variant("b", "run.x", v)), List.of());
        assertThat(f.isEmpty()).isTrue();
        assertThat(f.text(5)).startsWith("Findings: none");
    }

    @Test
    void differences_sameValuesUnderTwoNamesAreOneFinding_underTheHeadlineName() {
        double[] a = {10, 11, 12};
        double[] b = {20, 21, 22};
        Findings f = findings(Docs.doc(Docs.variant("a", Map.of(), stats("iommu.hits", a, "run.hits", a)),
                Docs.variant("b", Map.of(), stats("iommu.hits", b, "run.hits", b))), List.of());
        assertThat(f.differences()).hasSize(1);
        assertThat(f.differences().get(0).statistic()).isEqualTo("run.hits");
        assertThat(f.differences().get(0).sameAs()).containsExactly("iommu.hits");
        assertThat(f.differences().get(0).sentence()).startsWith("b vs a: run.hits (= iommu.hits) 21 u vs 11 u");
    }

    @Test
    void differences_withoutSpreadAreDeterministic_withoutAPValue() {
        Findings f = findings(Docs.doc(Docs.variant("a", "run.x", 4, 4), Docs.variant("b", "run.x", 6, 6)), List.of());
        assertThat(f.differences()).hasSize(1);
        assertThat(f.differences().get(0).sentence()).isEqualTo("b vs a: run.x 6 u vs 4 u (+50 %, deterministic: the"
                + " same in every replication)");
        // findings.json says so instead of a p of 0 from a t-test with zero variance
        assertThat(FindingsJson.toJson(f)).contains("\"deterministic\" : true").contains("\"p\" : null")
                .contains("\"t\" : null").contains("\"differenceCi95Low\" : 2,").doesNotContain("\"p\" : 0");
    }

    @Test
    void differences_identicalReplicationsOnBothSidesGiveNoFinding() {
        Findings f = findings(Docs.doc(Docs.variant("a", "run.x", 4, 4, 4), Docs.variant("b", "run.x", 4, 4)),
                List.of());
        assertThat(f.isEmpty()).isTrue();
    }

    @Test
    void differences_aTestedOneSaysItIsNotDeterministic() {
        Findings f = findings(Docs.doc(Docs.variant("a", "run.x", 1, 1.1, 0.9), Docs.variant("b", "run.x", 2, 2, 2)),
                List.of());
        assertThat(f.differences().get(0).test().deterministic()).isFalse();
        assertThat(FindingsJson.toJson(f)).contains("\"deterministic\" : false").doesNotContain("\"p\" : null");
    }

    @Test
    void differences_belowOnePercentAreNotFindingsEvenWhenSignificant() {
        Findings f = findings(Docs.doc(Docs.variant("a", "run.x", 1000, 1000.1, 999.9),
                Docs.variant("b", "run.x", 1005, 1005.1, 1004.9)), List.of());
        assertThat(f.differences()).isEmpty();
    }

    @Test
    void differences_onlyPrimaryValuesOfNonSeriesStatisticsAreCompared() {
        ResultsDocument doc = Docs.doc(Docs.histogramVariant("a", 1), Docs.histogramVariant("b", 2));
        Findings f = findings(doc, List.of());
        // the histogram's count, p99 and max and the time series differ as much, but only the mean is a finding
        assertThat(f.differences()).extracting(Difference::statistic).containsExactly("walk.latency");
    }

    @Test
    void warnings_comeFirstFromTheWarningSource() {
        ResultsDocument doc = Docs.doc(Docs.variant("a", "run.x", 1, 1.1, 0.9), Docs.variant("b", "run.x", 2, 2.1, 1.9));
        Findings f = FindingsEngine.of(doc, List.of(), "run.", v -> v.name().equals("b")
                ? List.of(new ResourceWarning(v.name(), "saturated", "host.cpu", "")) : List.of());
        assertThat(f.ranked().get(0).sentence()).isEqualTo("b: host.cpu saturated");
        assertThat(f.ranked()).hasSize(2);
    }

    @Test
    void warnings_recordedOnTheResultsAreRead() {
        var a = Docs.variant("a", "run.x", 1, 1.1, 0.9);
        var b = Docs.variant("b", "run.x", 2, 2.1, 1.9);
        var warned = new org.iommusim.core.results.VariantResult(b.name(), b.overrides(), b.summary(),
                b.replications(), List.of(new org.iommusim.core.results.RunWarning("saturated", "host.cpu",
                        "variant b: host.cpu is saturated (utilisation 1.00)")));
        Findings f = FindingsEngine.of(Docs.doc(a, warned), List.of(), "run.", WarningSource.RECORDED);
        assertThat(f.warnings()).containsExactly(new ResourceWarning("b", "saturated", "host.cpu",
                "variant b: host.cpu is saturated (utilisation 1.00)"));
        assertThat(f.text(1)).contains("  - variant b: host.cpu is saturated (utilisation 1.00)\n");
    }

    @Test
    void json_sameFindingsGiveTheSameBytes() {
        ResultsDocument doc = Docs.doc(Docs.variant("a", "run.x", 1, 1.1, 0.9), Docs.variant("b", "run.x", 2, 2.1, 1.9));
        String one = FindingsJson.toJson(findings(doc, List.of()));
        String two = FindingsJson.toJson(findings(doc, List.of()));
        assertThat(one).isEqualTo(two).endsWith("}\n").contains("\"kind\" : \"difference\"")
                .contains("\"statistic\" : \"run.x\"").contains("\"relativeChange\" : 1");
    }
}

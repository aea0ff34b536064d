package org.iommusim.core.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.iommusim.core.results.ResultsDocument;
import org.junit.jupiter.api.Test;

/** Crossovers and knees along swept axes, found through {@link FindingsEngine#of}. */
class AxisFindingsTest {
    private static Findings findings(ResultsDocument doc, List<String> swept) {
        return FindingsEngine.of(doc, swept, "run.", WarningSource.NONE);
    }

    @Test
    void crossovers_signChangeAlongTheAxisIsBracketed() {
        String key = "workloads.churn.rate";
        ResultsDocument doc = Docs.doc(
                Docs.point("hardware", key, "1", "run.cpu", 10, 10.5, 9.5),
                Docs.point("hardware", key, "10", "run.cpu", 20, 20.5, 19.5),
                Docs.point("hardware", key, "100", "run.cpu", 30, 30.5, 29.5),
                Docs.point("software", key, "1", "run.cpu", 5, 5.5, 4.5),
                Docs.point("software", key, "10", "run.cpu", 20, 21, 19),
                Docs.point("software", key, "100", "run.cpu", 60, 60.5, 59.5));
        Findings f = findings(doc, List.of(key));
        assertThat(f.crossovers()).hasSize(1);
        Crossover c = f.crossovers().get(0);
        assertThat(c.fromValue()).isEqualTo("1");
        assertThat(c.toValue()).isEqualTo("100");
        assertThat(c.a()).isEqualTo("hardware");
        assertThat(c.b()).isEqualTo("software");
        // the line through (1, -5) and (100, +30) crosses zero at 1 + 99 * 5/35
        assertThat(c.estimate()).isCloseTo(1 + 99 * 5.0 / 35, within(1e-9));
        assertThat(c.sentence()).isEqualTo("run.cpu: software rises above hardware between rate=1 and 100 (about 15.14)");
        assertThat(f.ranked().get(0)).isEqualTo(c);
        assertThat(f.differences()).extracting(Difference::at).containsExactly("rate=100", "rate=1");
        // the text names the statistic once per pair of variants, at its largest difference
        assertThat(f.text(5)).contains("software vs hardware at rate=100: run.cpu 60 u vs 30 u (+100 %")
                .contains("(and at 1 more point)").doesNotContain("at rate=1:");
    }

    @Test
    void knees_largestSlopeChangeOnAHeadlineCurve() {
        String key = "iommu.iotlb.entries";
        ResultsDocument doc = Docs.doc(
                Docs.point("", key, "64", "run.hit", 0.20, 0.21, 0.19),
                Docs.point("", key, "128", "run.hit", 0.40, 0.41, 0.39),
                Docs.point("", key, "256", "run.hit", 0.90, 0.91, 0.89),
                Docs.point("", key, "512", "run.hit", 0.95, 0.96, 0.94));
        Findings f = findings(doc, List.of(key));
        assertThat(f.knees()).hasSize(1);
        Knee k = f.knees().get(0);
        assertThat(k.atValue()).isEqualTo("256");
        assertThat(k.slopeBefore()).isCloseTo(0.5 / 0.95, within(1e-9));
        assertThat(k.slopeAfter()).isCloseTo(0.05 / 0.95, within(1e-9));
        // one series: adjacent sweep points are compared
        assertThat(f.differences()).extracting(Difference::b)
                .containsExactlyInAnyOrder("entries=128", "entries=256", "entries=512");
    }

    @Test
    void crossovers_deterministicDifferencesBracketACrossoverToo() {
        String key = "workloads.churn.rate";
        ResultsDocument doc = Docs.doc(
                Docs.point("hardware", key, "1", "run.cpu", 10, 10),
                Docs.point("hardware", key, "2", "run.cpu", 20, 20),
                Docs.point("software", key, "1", "run.cpu", 5, 5),
                Docs.point("software", key, "2", "run.cpu", 30, 30));
        Findings f = findings(doc, List.of(key));
        assertThat(f.crossovers()).singleElement().satisfies(c -> {
            assertThat(c.differenceFrom()).isEqualTo(-5);
            assertThat(c.differenceTo()).isEqualTo(10);
            assertThat(c.estimate()).isCloseTo(1 + 5.0 / 15, within(1e-12));
        });
    }

    @Test
    void knees_notReportedWhenTheCurvesEndsAreEqual() {
        String key = "iommu.iotlb.entries";
        // a bend in the middle, but the two ends gave the same value in every replication
        ResultsDocument doc = Docs.doc(
                Docs.point("", key, "64", "run.hit", 0.5, 0.5),
                Docs.point("", key, "128", "run.hit", 0.9, 0.9),
                Docs.point("", key, "256", "run.hit", 0.5, 0.5));
        assertThat(findings(doc, List.of(key)).knees()).isEmpty();
    }

    @Test
    void estimate_isNaNWhenAnAxisValueIsNotANumber() {
        assertThat(AxisFindings.estimate("1", "3", -1, 1)).isEqualTo(2);
        assertThat(AxisFindings.estimate("4KiB", "2MiB", -1, 1)).isNaN();
    }
}

package org.iommusim.core.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Run warnings: found from a watched resource's statistics, written to stats.json only when
 * there are any (so a run without warnings keeps its bytes), read back, and listed in stats.txt.
 */
class RunWarningsTest {
    private static Map<String, StatSummary> watch(double util, double growing, double mid, double end, double refused) {
        Map<String, StatSummary> m = new LinkedHashMap<>();
        m.put("watch.host.cpu.utilisation", new StatSummary(util, util, util, "ratio", 3));
        m.put("watch.host.cpu.queue-mid", new StatSummary(mid, mid, mid, "requests", 3));
        m.put("watch.host.cpu.queue-end", new StatSummary(end, end, end, "requests", 3));
        m.put("watch.host.cpu.growing", new StatSummary(growing, 0, 1, "flag", 3));
        m.put("watch.host.cpu.refused", new StatSummary(refused, refused, refused, "requests", 3));
        return m;
    }

    @Test
    void busyAndGrowing_isSaturatedAndGrowing() {
        List<RunWarning> w = RunWarnings.detect("software", watch(0.999, 1, 40, 90, 0));
        assertThat(w).extracting(RunWarning::kind).containsExactly("saturated", "growing-queue");
        assertThat(w).extracting(RunWarning::resource).containsOnly("host.cpu");
        assertThat(w.get(0).message()).contains("host.cpu is saturated in variant 'software'").contains("0.999")
                .contains("from 40 at mid-run to 90 at the end");
        assertThat(w.get(1).message()).contains("still growing").contains("'software'").endsWith(".");
    }

    @Test
    void busyWithAFullQueueRefusing_isSaturated() {
        List<RunWarning> w = RunWarnings.detect("v", watch(1.0, 0, 1024, 1024, 5000));
        assertThat(w).extracting(RunWarning::kind).containsExactly("saturated");
        assertThat(w.get(0).message()).contains("turned away 5000 requests");
    }

    @Test
    void busyButSteady_orGrowingInFewReplications_orIdle_isNothing() {
        assertThat(RunWarnings.detect("v", watch(0.99, 0, 3, 2, 0))).isEmpty();
        assertThat(RunWarnings.detect("v", watch(0.99, 1.0 / 3, 3, 9, 0))).isEmpty();
        assertThat(RunWarnings.detect("v", watch(0.2, 0, 0, 0, 0))).isEmpty();
        assertThat(RunWarnings.detect("v", Map.of())).isEmpty();
    }

    @Test
    void growingButNotBusy_isAGrowingQueueOnly() {
        assertThat(RunWarnings.detect("v", watch(0.9, 1, 10, 30, 0))).extracting(RunWarning::kind)
                .containsExactly("growing-queue");
    }

    @Test
    void warnings_roundTripThroughJson_andAppearInStatsTxt_onlyWhenThere() {
        ResultsDocument plain = ResultsFixtures.document();
        String plainJson = ResultsJson.toJson(plain);
        assertThat(plainJson).doesNotContain("warnings");
        assertThat(TextListing.summaries(plain)).doesNotContain("warnings");
        VariantResult v0 = plain.variants().get(0);
        RunWarning w = new RunWarning("saturated", "host.cpu", "host.cpu is saturated in variant 'hardware': \"x\".");
        VariantResult warned = new VariantResult(v0.name(), v0.overrides(), v0.summary(), v0.replications(), List.of(w));
        ResultsDocument doc = ResultsDocument.of(plain.scenario(), plain.seed(),
                List.of(warned, plain.variants().get(1)));
        String json = ResultsJson.toJson(doc);
        assertThat(json).contains("\"warnings\"");
        ResultsDocument back = ResultsJson.fromJson(json);
        assertThat(back.variants().get(0).warnings()).containsExactly(w);
        assertThat(back.variants().get(1).warnings()).isEmpty();
        assertThat(ResultsJson.toJson(back)).isEqualTo(json);
        assertThat(TextListing.summaries(doc)).contains("\nwarnings\n  saturated host.cpu: " + w.message());
    }
}

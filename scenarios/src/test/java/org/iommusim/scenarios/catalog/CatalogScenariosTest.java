package org.iommusim.scenarios.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.iommusim.core.experiment.ReplicationContext;
import org.iommusim.core.results.Snapshot;
import org.iommusim.scenarios.config.EffectiveConfig;
import org.iommusim.scenarios.model.ScenarioModel;
import org.iommusim.scenarios.model.StatisticsCatalog;
import org.iommusim.scenarios.runner.Prepared;
import org.iommusim.scenarios.runner.ScenarioSource;
import org.iommusim.scenarios.schema.Experiments;
import org.iommusim.scenarios.schema.Scenario;
import org.iommusim.scenarios.model.ScenarioSchema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped scenarios: each loads, builds, and runs every variant at the first and last
 * sweep point (shortened), and the qualitative answer each one exists to show holds — so a
 * change that breaks a scenario, or the behaviour it demonstrates, fails here.
 */
class CatalogScenariosTest {
    /** Shortened run control for the smoke runs of every variant. */
    private static final List<String> SHORT = List.of("duration=20us", "warmup=5us", "replications=1");
    /**
     * Longer smoke runs where 20 us completes nothing: the gpu's 256 KiB copies take about 72 us
     * each under hardware nesting, and fault-storm's pri-slow waits 100 us per page request.
     */
    private static final Map<String, List<String>> SMOKE = Map.of(
            "sva-gpu", List.of("duration=200us", "warmup=5us", "replications=1"),
            "fault-storm", List.of("duration=250us", "warmup=5us", "replications=1"));

    static Stream<String> names() {
        return Catalog.NAMES.stream();
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyScenarioHasAHeaderANameAndAQuestion(String name) {
        String text = Catalog.text(name).orElseThrow();
        String first = text.lines().findFirst().orElse("");
        assertThat(first).as("%s: the first line is the header's summary comment", name).startsWith("#");
        assertThat(first.substring(1).trim()).as("%s: summary", name).isNotEmpty();
        assertThat(Catalog.summary(name)).isEqualTo(first.substring(1).trim());
        assertThat(text).as("%s: the header says what to look at", name).contains("# Look at:");
        Scenario s = load(name, List.of()).value();
        assertThat(s.name()).isEqualTo(name);
        assertThat(s.question()).as("%s: question", name).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyVariantAndSweepPointRunsShortened(String name) {
        // the runner's own plan: variants applied as it applies them, every model checked first
        Map<String, Snapshot> out = runPoints(name, SMOKE.getOrDefault(name, SHORT), point -> true);
        Scenario s = load(name, List.of()).value();
        assertThat(out).as("%s: one run per variant x sweep point", name)
                .hasSize(Math.max(1, s.variants().size()) * sweepSize(s));
        out.forEach((point, snap) -> assertThat(value(snap, "run.dmas-completed"))
                .as("%s / %s: DMAs completed", name, point).isPositive());
        out.forEach((point, snap) -> assertThat(snap.values().stream().map(v -> v.name())
                .filter(n -> !StatisticsCatalog.lists(s, n)))
                .as("%s / %s: statistics missing from 'list stats' and docs/STATISTICS.md", name, point).isEmpty());
    }

    /**
     * Every strict-unmap variant and sweep point of every catalog scenario: no stale use (the
     * definition in docs/STATISTICS.md). Regression: software nesting under parent churn counted
     * DMAs requested while a strict remap was still in progress (gpa-churn 4 at its top point,
     * mixed-tree 5 per millisecond), and guest invalidations of unchanged ranges made entries stale.
     */
    @ParameterizedTest
    @MethodSource("names")
    void everyStrictVariant_hasNoStaleUse(String name) {
        Prepared p = Prepared.of(new ScenarioSource(Catalog.text(name).orElseThrow(), name + ".yaml", Path.of("."),
                name), List.of("duration=300us", "warmup=10us", "replications=1"));
        int strict = 0;
        for (int i = 0; i < p.plan().points().size(); i++) {
            ScenarioModel m = p.models().get(i);
            if (!"strict".equals(m.scenario().host().unmap().policy())) {
                continue;
            }
            strict++;
            Snapshot snap = m.run(new ReplicationContext(m.scenario().seed(), 0));
            assertThat(value(snap, "run.stale-uses")).as("%s / %s", name, p.plan().points().get(i).name()).isZero();
        }
        assertThat(strict).as("%s has strict points", name).isPositive();
    }

    // --- helpers

    private static EffectiveConfig<Scenario> load(String name, List<String> sets) {
        return ScenarioSchema.loader().load(Catalog.text(name).orElseThrow(), name + ".yaml", sets);
    }

    /** Replication 0 of the plan points {@code which} accepts ({@link CatalogAnswer#points}). */
    private static Map<String, Snapshot> runPoints(String name, List<String> sets, Predicate<String> which) {
        return CatalogAnswer.points(name, sets, which);
    }

    private static double value(Snapshot s, String stat) {
        return CatalogAnswer.value(s, stat);
    }

    private static int sweepSize(Scenario s) {
        Experiments.Sweep sweep = s.sweep();
        if (!sweep.points().isEmpty()) {
            return sweep.points().size();
        }
        int n = 1;
        for (Experiments.Axis a : sweep.axes()) {
            n *= a.values().size();
        }
        return n;
    }
}

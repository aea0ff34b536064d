package org.iommusim.scenarios.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.iommusim.core.experiment.ReplicationContext;
import org.iommusim.core.results.Snapshot;
import org.iommusim.scenarios.config.EffectiveConfig;
import org.iommusim.scenarios.model.ScenarioModel;
import org.iommusim.scenarios.schema.Experiments;
import org.iommusim.scenarios.schema.Scenario;
import org.iommusim.scenarios.schema.ScenarioSchema;
import org.junit.jupiter.api.Test;
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
     * Longer smoke runs where 20 us completes nothing: the gpu's 2 MiB copies take about 75 us
     * each, and fault-storm's pri-slow waits 100 us per page request.
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
    void everyVariantAndSweepEndRunsShortened(String name) {
        Scenario s = load(name, List.of()).value();
        List<Map<String, String>> variants = new ArrayList<>();
        if (s.variants().isEmpty()) {
            variants.add(Map.of());
        }
        s.variants().forEach(v -> variants.add(v.set()));
        for (Map<String, String> variant : variants) {
            for (Map<String, String> point : sweepEnds(s)) {
                List<String> sets = new ArrayList<>();
                variant.forEach((k, v) -> sets.add(k + "=" + v));
                point.forEach((k, v) -> sets.add(k + "=" + v));
                sets.addAll(SMOKE.getOrDefault(name, SHORT));
                Snapshot snap = run(name, sets);
                assertThat(value(snap, "run.dmas-completed")).as("%s %s: DMAs completed", name, sets).isPositive();
            }
        }
    }

    @Test
    void iotlbReachHasItsKneeBetween4KiBAnd2MiBPages() {
        // the warm-up must fill the IOTLB (16384 pages of 4 KiB at 64 MiB) before measuring
        List<String> run = List.of("warmup=100us", "duration=50us", "replications=1");
        double small4k = hitRatio("iotlb-reach", "4k-pages", "256KiB", run);
        double small2m = hitRatio("iotlb-reach", "2m-pages", "256KiB", run);
        double large4k = hitRatio("iotlb-reach", "4k-pages", "64MiB", run);
        double large2m = hitRatio("iotlb-reach", "2m-pages", "64MiB", run);
        assertThat(small4k).as("4 KiB pages, 256 KiB window").isGreaterThan(0.95);
        assertThat(small2m).as("2 MiB pages, 256 KiB window").isGreaterThan(0.95);
        assertThat(large2m).as("2 MiB pages, 64 MiB window: 32 pages").isGreaterThan(0.95);
        // 2048 entries over 16384 pages: about C/N = 0.125
        assertThat(large4k).as("4 KiB pages, 64 MiB window").isBetween(0.05, 0.3);
        assertThat(large2m - large4k).isGreaterThan(0.5);
    }

    private static double hitRatio(String name, String variant, String span, List<String> run) {
        List<String> sets = new ArrayList<>(variantSets(name, variant));
        sets.add("devices.dev0.dma.span=" + span);
        sets.addAll(run);
        return value(run(name, sets), "run.iotlb-hit-ratio");
    }

    @Test
    void walkCostColdWalksReadTheClosedFormNumberOfPtes() {
        Map<String, Double> reads = new LinkedHashMap<>();
        for (String variant : List.of("4x4-cold", "5x5-cold", "4x4-warm", "5x5-warm")) {
            List<String> sets = new ArrayList<>(variantSets("walk-cost", variant));
            sets.addAll(SHORT);
            reads.put(variant, value(run("walk-cost", sets), "run.pte-reads-per-walk"));
        }
        assertThat(reads.get("4x4-cold")).as("n*m + n + m for 4x4").isEqualTo(24.0);
        assertThat(reads.get("5x5-cold")).as("n*m + n + m for 5x5").isEqualTo(35.0);
        assertThat(reads.get("4x4-warm")).as("caches shorten the walks").isLessThan(24.0);
        assertThat(reads.get("5x5-warm")).isLessThan(35.0);
    }

    @Test
    void strictUnmapHasNoStaleUsesAndLazyHasSome() {
        // the rings must wrap (IOVAs reused) within the measured window
        List<String> run = List.of("warmup=20us", "duration=400us", "replications=1");
        Map<String, Snapshot> out = new LinkedHashMap<>();
        for (String variant : List.of("strict", "lazy", "lazy-1us")) {
            List<String> sets = new ArrayList<>(variantSets("strict-vs-lazy", variant));
            sets.addAll(run);
            out.put(variant, run("strict-vs-lazy", sets));
        }
        assertThat(value(out.get("strict"), "run.stale-uses")).isZero();
        assertThat(value(out.get("lazy"), "run.stale-uses")).isPositive();
        assertThat(value(out.get("lazy-1us"), "run.stale-uses")).as("a short flush timeout")
                .isLessThan(value(out.get("lazy"), "run.stale-uses"));
        assertThat(value(out.get("lazy"), "run.dma-throughput")).as("lazy unmaps are cheaper")
                .isGreaterThan(value(out.get("strict"), "run.dma-throughput"));
    }

    @Test
    void faultStormOverflowsTheQueueAndPriResolvesIt() {
        List<String> run = List.of("warmup=10us", "duration=100us", "replications=1");
        List<String> noPri = new ArrayList<>(variantSets("fault-storm", "no-pri"));
        noPri.addAll(run);
        List<String> pri = new ArrayList<>(variantSets("fault-storm", "pri"));
        pri.addAll(run);
        Snapshot off = run("fault-storm", noPri);
        Snapshot on = run("fault-storm", pri);
        assertThat(value(off, "run.dma-faults")).as("faults abort DMAs without PRI").isPositive();
        assertThat(value(off, "faultq.overflows")).as("the 16-record queue overflows").isPositive();
        assertThat(value(on, "run.dma-faults")).as("PRI maps the pages instead")
                .isLessThan(value(off, "run.dma-faults") / 10);
        assertThat(value(on, "pri.requests")).isPositive();
        assertThat(value(on, "run.dmas-completed")).isPositive();
    }

    @Test
    void softwareNestingCostsTheVmMoreControlPlaneCpu() {
        List<String> run = List.of("warmup=20us", "duration=200us", "replications=1");
        Map<String, Snapshot> out = new LinkedHashMap<>();
        for (String variant : List.of("hardware", "software")) {
            List<String> sets = new ArrayList<>(variantSets("hw-vs-sw", variant));
            sets.addAll(run);
            out.put(variant, run("hw-vs-sw", sets));
        }
        Snapshot hw = out.get("hardware");
        Snapshot sw = out.get("software");
        assertThat(value(sw, "run.control-cpu-time")).isGreaterThan(1.2 * value(hw, "run.control-cpu-time"));
        assertThat(value(hw, "run.pte-reads-per-walk")).as("2D walks")
                .isGreaterThan(value(sw, "run.pte-reads-per-walk"));
        for (Snapshot s : out.values()) {
            assertThat(value(s, "dev.nic0.rx.packets")).isPositive();
            assertThat(value(s, "dev.nvme0.completed")).isPositive();
            assertThat(value(s, "run.dma-faults")).isZero();
            assertThat(value(s, "run.stale-uses")).isZero();
        }
    }

    @Test
    void svaGpuWalksTwoDimensionsOnlyWithHardwareNesting() {
        Map<String, Double> reads = new LinkedHashMap<>();
        for (String variant : List.of("hardware", "software")) {
            List<String> sets = new ArrayList<>(variantSets("sva-gpu", variant));
            sets.addAll(List.of("warmup=10us", "duration=200us", "replications=1"));
            reads.put(variant, value(run("sva-gpu", sets), "run.pte-reads-per-walk"));
        }
        assertThat(reads.get("hardware")).isGreaterThan(reads.get("software"));
    }

    // --- helpers

    private static EffectiveConfig<Scenario> load(String name, List<String> sets) {
        return ScenarioSchema.loader().load(Catalog.text(name).orElseThrow(), name + ".yaml", sets);
    }

    private static Snapshot run(String name, List<String> sets) {
        EffectiveConfig<Scenario> cfg = load(name, sets);
        ScenarioModel m = new ScenarioModel(cfg, Path.of("."));
        m.check();
        return m.run(new ReplicationContext(cfg.value().seed(), 0));
    }

    private static double value(Snapshot s, String stat) {
        return s.get(stat).primary();
    }

    private static List<String> variantSets(String name, String variant) {
        for (Experiments.Variant v : load(name, List.of()).value().variants()) {
            if (v.name().equals(variant)) {
                List<String> sets = new ArrayList<>();
                v.set().forEach((k, val) -> sets.add(k + "=" + val));
                return sets;
            }
        }
        throw new AssertionError(name + " has no variant " + variant);
    }

    /** The first and last sweep points (one empty point when there is no sweep). */
    private static List<Map<String, String>> sweepEnds(Scenario s) {
        Experiments.Sweep sweep = s.sweep();
        if (!sweep.points().isEmpty()) {
            return sweep.points().size() == 1 ? List.of(sweep.points().get(0))
                    : List.of(sweep.points().get(0), sweep.points().get(sweep.points().size() - 1));
        }
        if (sweep.axes().isEmpty()) {
            return List.of(Map.of());
        }
        Map<String, String> first = new LinkedHashMap<>();
        Map<String, String> last = new LinkedHashMap<>();
        for (Experiments.Axis a : sweep.axes()) {
            first.put(a.key(), a.values().get(0));
            last.put(a.key(), a.values().get(a.values().size() - 1));
        }
        return first.equals(last) ? List.of(first) : List.of(first, last);
    }
}

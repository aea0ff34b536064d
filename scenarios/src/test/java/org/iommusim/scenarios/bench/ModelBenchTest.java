package org.iommusim.scenarios.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.iommusim.scenarios.config.EffectiveConfig;
import org.iommusim.scenarios.model.ScenarioModel;
import org.iommusim.scenarios.runner.Plan;
import org.iommusim.scenarios.schema.Scenario;
import org.junit.jupiter.api.Test;

/** The bench workloads are valid single-variant scenarios and the bench reports its figures (never timed). */
class ModelBenchTest {
    @Test
    void everyWorkload_isAValidScenarioWithoutVariantsOrSimulatedWarmup() {
        assertThat(ModelWorkload.ALL).extracting(ModelWorkload::name)
                .containsExactly("iotlb-hit", "nested-miss", "shadow-churn");
        for (ModelWorkload w : ModelWorkload.ALL) {
            EffectiveConfig<Scenario> c = ModelBench.load(w, List.of());
            new ScenarioModel(c, Path.of(".")).check();
            assertThat(c.value().warmup()).as(w.name()).isZero();
            assertThat(Plan.of(c).points()).as(w.name()).hasSize(1);
            assertThat(w.targetPerS()).isPositive();
        }
        assertThat(ModelWorkload.named("nested-miss")).isPresent();
        assertThat(ModelWorkload.named("nope")).isEmpty();
    }

    @Test
    void shortRun_reportsEveryFigure() {
        List<ModelBench.Result> rs = ModelBench.run(new ModelBench.Options(ModelWorkload.ALL,
                List.of("duration=20us"), 0, 1, 1000, true));
        assertThat(rs).hasSize(3);
        for (ModelBench.Result r : rs) {
            assertThat(r.simulatedPs()).isEqualTo(20_000_000L);
            assertThat(r.translations()).as(r.workload()).isPositive();
            assertThat(r.events()).isGreaterThanOrEqualTo(r.translations() / 16);
            assertThat(r.translationsPerSecond()).isPositive();
            assertThat(r.eventsPerSecond()).isPositive();
            assertThat(r.kernelEventsPerSecond()).isPositive();
            assertThat(r.ratioToKernel()).isPositive();
            assertThat(r.liveHeapBytesTenfold()).isGreaterThanOrEqualTo(0);
            assertThat(r.targetMet()).isEqualTo(r.translationsPerCpuSecond() >= r.targetTranslationsPerCpuSecond());
        }
    }

    @Test
    void progressReads_allocateNothing() {
        // the monitor reads both counters at every progress report (200 per run); bytes of its own
        // would be counted as the model's in the B/transl column
        long before = ModelBench.allocatedBytes();
        long sink = 0;
        for (int i = 0; i < 1000; i++) {
            sink += ModelBench.cpuNanos() + ModelBench.allocatedBytes();
        }
        long bytes = ModelBench.allocatedBytes() - before;
        assertThat(sink).isPositive();
        assertThat(bytes).as("bytes of 1,000 progress reads").isLessThan(1000);
    }

    @Test
    void deviceScalingWorkload_hasTheDevicesAskedFor() {
        ModelWorkload w = ModelWorkload.devices(25);
        EffectiveConfig<Scenario> c = ModelBench.load(w, List.of());
        new ScenarioModel(c, Path.of(".")).check();
        assertThat(c.value().devices()).hasSize(25);
        assertThat(c.value().duration()).isEqualTo(1_600_000_000L);
        assertThat(ModelWorkload.devices(1000).text()).contains("name: d999,");
        assertThat(w.targetPerS()).isZero();
    }

    @Test
    void sweepScalingScenario_hasSixteenPoints() throws Exception {
        String text;
        try (var in = ModelBenchTest.class.getResourceAsStream("/iommusim/bench/sweep-16.yaml")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        EffectiveConfig<Scenario> c = org.iommusim.scenarios.model.ScenarioSchema.loader()
                .load(text, "sweep-16.yaml", List.of());
        assertThat(Plan.of(c).points()).hasSize(16);
    }
}

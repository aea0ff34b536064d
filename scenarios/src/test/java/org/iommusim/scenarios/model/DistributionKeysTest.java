package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.iommusim.core.experiment.ReplicationContext;
import org.iommusim.core.results.Snapshot;
import org.iommusim.scenarios.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code …Distribution} keys reach the durations they stand beside: a deterministic
 * distribution of value X gives exactly the run the fixed key set to X gives (so the draw
 * replaces the fixed value at every use); a device's think-time distribution sets its issue rate
 * to 1 / mean gap; an empirical file is read relative to the scenario file; bad input names the
 * key.
 */
class DistributionKeysTest {
    /** One closed-loop DMA engine of 64 B requests, 16 in flight, for the think-time cases. */
    private static final String THINK_TIME = """
            duration: 4ms
            warmup: 0us
            ioasids:
              - name: host
                maps:
                  - {iova: 0, pa: 256GiB, bytes: 16MiB}
            devices:
              - {name: d, ioasid: host, dma: {issue: closed, queueDepth: 16, requestBytes: 64, base: 0, span: 16MiB}}
            """;

    private static final String SCENARIO = NestedHostScenario.head("0us") + """
              - {name: d, ioasid: child, dma: {issue: closed, queueDepth: 4, maxOutstanding: 4, readFraction: 0.5, span: 4MiB}}
            workloads:
              - {name: f, kind: range-invalidations, ioasid: child, rangeInvalidations: {rate: 1/us, span: 4MiB, range: 4MiB}}
            """;

    private static Snapshot run(String scenario, Path baseDir, String... sets) {
        var c = ScenarioSchema.loader().load(scenario, "t.yaml", List.of(sets));
        ScenarioModel m = new ScenarioModel(c, baseDir);
        m.check();
        return m.run(new ReplicationContext(1, 0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "iommu.memory.latency, 900ns",
        "devices.d.dma.memoryLatency, 700ns",
        "devices.d.dma.issueGap, 300ns",
        "devices.d.dma.completionHandling, 400ns",
        "host.costs.syscall, 3us",
        "host.costs.trap, 7us",
        "host.costs.descriptor, 2us"})
    void deterministicDistribution_replacesTheFixedValueEverywhere(String key, String value) {
        Snapshot defaults = NestedHostScenario.run(SCENARIO);
        Snapshot fixed = NestedHostScenario.run(SCENARIO, key + "=" + value);
        Snapshot drawn = NestedHostScenario.run(SCENARIO, key + "Distribution.distribution=deterministic",
                key + "Distribution.parameters.value=" + value);
        assertThat(fixed).as("%s=%s changes the run (the key is used)", key, value).isNotEqualTo(defaults);
        assertThat(drawn).as("%sDistribution deterministic(%s) is the run of %s=%s", key, value, key, value)
                .isEqualTo(fixed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'exponential', 'mean', '1us', ''",
        "'uniform', 'low', '500ns', 'high=1500ns'",
        "'lognormal', 'mean', '1us', 'cv=0.5'"})
    void thinkTimeDistribution_setsTheIssueRateToOneOverTheMeanGap(String family, String param, String value,
                                                                    String extra) {
        List<String> sets = new java.util.ArrayList<>(List.of("devices.d.dma.issueGapDistribution.distribution=" + family,
                "devices.d.dma.issueGapDistribution.parameters." + param + "=" + value));
        if (!extra.isEmpty()) {
            sets.add("devices.d.dma.issueGapDistribution.parameters." + extra);
        }
        Snapshot s = run(THINK_TIME, Path.of("."), sets.toArray(String[]::new));
        double issued = s.get("dev.d.issued").primary();
        // mean gap 1 us over 4 ms: 4000 DMAs; the count of a renewal process has sd <= sqrt(4000) = 63
        System.out.printf("seed 1 issueGap %s: %.0f DMAs in 4 ms (closed form 4000)%n", family, issued);
        assertThat(issued).as("seed 1: 4 ms / 1 us mean gap").isCloseTo(4000, within(300.0));
    }

    @Test
    void nvmeCommandTime_deterministicIsControllerIops_exponentialKeepsTheControllerBoundRate() {
        String scenario = """
                duration: 10ms
                warmup: 100us
                ioasids:
                  - name: host
                    maps:
                      - {iova: 1GiB, pa: 256GiB, bytes: 4MiB}
                devices:
                  - {name: n, kind: nvme, ioasid: host, nvme: {workingSet: 4MiB, iovaBase: 1GiB, queueDepth: 64, controllerIops: 100000}}
                """;
        Snapshot fixed = run(scenario, Path.of("."));
        Snapshot deterministic = run(scenario, Path.of("."),
                "devices.n.nvme.commandTimeDistribution.distribution=deterministic",
                "devices.n.nvme.commandTimeDistribution.parameters.value=10us");
        assertThat(deterministic).as("deterministic(10us) is 1 / 100 k IOPS").isEqualTo(fixed);
        Snapshot exponential = run(scenario, Path.of("."),
                "devices.n.nvme.commandTimeDistribution.distribution=exponential",
                "devices.n.nvme.commandTimeDistribution.parameters.mean=10us");
        double f = fixed.get("dev.n.io.completed").primary();
        double e = exponential.get("dev.n.io.completed").primary();
        // the controller is the bottleneck (QD 64 at 100 k IOPS): I/Os = 10 ms / 10 us mean = 1000
        System.out.printf("seed 1 nvme command time: fixed %.0f, exponential %.0f I/Os in 10 ms (closed form 1000)%n", f, e);
        assertThat(f).isCloseTo(1000, within(3.0));
        assertThat(e).as("seed 1: a Poisson count, sd ~ 32").isCloseTo(1000, within(100.0));
        assertThat(exponential).isNotEqualTo(fixed);
    }

    @Test
    void empiricalFile_isReadRelativeToTheScenarioFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("gaps.csv"), "# issue gaps\n500ns,1\n1500ns,1\n");
        String[] sets = {"devices.d.dma.issueGapDistribution.distribution=empirical",
            "devices.d.dma.issueGapDistribution.parameters.file=gaps.csv"};
        double issued = run(THINK_TIME, dir, sets).get("dev.d.issued").primary();
        System.out.printf("seed 1 empirical gaps: %.0f DMAs in 4 ms (closed form 4000)%n", issued);
        assertThat(issued).as("seed 1: mean gap 1 us").isCloseTo(4000, within(300.0));
        assertThatThrownBy(() -> run(THINK_TIME, dir.resolve("elsewhere"), sets)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("devices.d.dma.issueGapDistribution").hasMessageContaining("gaps.csv")
                .hasMessageContaining("does not exist");
    }

    @Test
    void badDistribution_isRefusedAtItsKeyNamingWhatIsAllowed() {
        assertThatThrownBy(() -> NestedHostScenario.run(SCENARIO,
                "devices.d.dma.completionHandlingDistribution.distribution=exponential",
                "devices.d.dma.completionHandlingDistribution.parameters.avg=1us"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("devices.d.dma.completionHandlingDistribution")
                .hasMessageContaining("no parameter 'avg'").hasMessageContaining("its parameters: mean");
        assertThatThrownBy(() -> NestedHostScenario.run(SCENARIO,
                "iommu.memory.latencyDistribution.distribution=exponential",
                "iommu.memory.latencyDistribution.parameters.mean=0"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("iommu.memory.latencyDistribution")
                .hasMessageContaining("mean must be finite and > 0");
        assertThatThrownBy(() -> NestedHostScenario.run(SCENARIO,
                "host.costs.descriptorDistribution.parameters.mean=1us"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("host.costs.descriptorDistribution")
                .hasMessageContaining("need a distribution");
        assertThatThrownBy(() -> NestedHostScenario.run(SCENARIO,
                "host.costs.pageRequestDistribution.distribution=empirical",
                "host.costs.pageRequestDistribution.parameters.values=1us"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("host.costs.pageRequestDistribution")
                .hasMessageContaining("takes either values and weights or file");
    }
}

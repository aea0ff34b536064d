package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.iommusim.core.results.Snapshot;
import org.iommusim.scenarios.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * {@code interArrival} keys reach the distribution registry: a workload's or an open-loop DMA
 * engine's gaps are drawn from the named distribution; a bad name, parameter or support is bad
 * input naming what is allowed; without the key the rate and {@code poisson} decide as before.
 */
class InterArrivalTest {
    private static final String SCENARIO = NestedHostScenario.head("0us") + """
              - {name: d, ioasid: child, dma: {issue: open, rate: 1/us, span: 4MiB}}
            workloads:
              - {name: f, kind: range-invalidations, ioasid: child, rangeInvalidations: {rate: 1/us, span: 4MiB, range: 4MiB}}
            """;

    private static Snapshot run(String... sets) {
        return NestedHostScenario.run(SCENARIO, sets);
    }

    @Test
    void workloadAndDeviceGaps_areDrawnFromTheNamedDistribution() {
        Snapshot rate = run();
        Snapshot drawn = run("workloads.f.interArrival.distribution=deterministic",
                "workloads.f.interArrival.parameters.value=4us",
                "devices.d.dma.interArrival.distribution=uniform", "devices.d.dma.interArrival.parameters.low=3us",
                "devices.d.dma.interArrival.parameters.high=5us");
        System.out.printf("operations %.0f -> %.0f, issued %.0f -> %.0f%n", rate.get("wl.f.operations").primary(),
                drawn.get("wl.f.operations").primary(), rate.get("dev.d.issued").primary(),
                drawn.get("dev.d.issued").primary());
        assertThat(drawn.get("wl.f.operations").primary()).as("gaps of 4 us instead of 1 us")
                .isBetween(rate.get("wl.f.operations").primary() / 4 - 2, rate.get("wl.f.operations").primary() / 4 + 2);
        assertThat(drawn.get("dev.d.issued").primary()).as("mean gap 4 us instead of 1 us")
                .isBetween(rate.get("dev.d.issued").primary() / 4 - 3, rate.get("dev.d.issued").primary() / 4 + 3);
    }

    @Test
    void unknownDistribution_isRefusedNamingTheAllowedOnes() {
        assertThatThrownBy(() -> run("workloads.f.interArrival.distribution=gaussian"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("workloads.f.interArrival.distribution")
                .hasMessageContaining("'gaussian'");
    }

    @Test
    void badParameterOrSupport_isRefusedAtTheKeyNamingTheAllowedOnes() {
        assertThatThrownBy(() -> run("workloads.f.interArrival.distribution=exponential",
                "workloads.f.interArrival.parameters.avg=2us")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("workloads.f.interArrival").hasMessageContaining("no parameter 'avg'")
                .hasMessageContaining("its parameters: mean");
        assertThatThrownBy(() -> run("devices.d.dma.interArrival.distribution=uniform",
                "devices.d.dma.interArrival.parameters.low=-1", "devices.d.dma.interArrival.parameters.high=5"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("devices.d.dma.interArrival")
                .hasMessageContaining("at least 0");
        assertThatThrownBy(() -> run("workloads.f.interArrival.parameters.mean=2us"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("need a distribution");
    }
}

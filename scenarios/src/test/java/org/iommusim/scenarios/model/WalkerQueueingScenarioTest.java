package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.iommusim.core.experiment.ReplicationContext;
import org.iommusim.core.results.Snapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * VALIDATION item 3 configured from a scenario alone: one walker, every DMA an IOTLB miss (the
 * IOTLB off), one PTE read per walk (the walk cache, lookups free, holds the upper levels of the
 * 2 MiB window; the leaf read misses), Poisson arrivals from an open-issue device whose
 * {@code interArrival} is exponential, and the PTE read latency drawn from
 * {@code iommu.memory.latencyDistribution}: exponential gives M/M/1 — mean wait ρτ/(1−ρ), mean
 * time in system τ/(1−ρ) = 1/(μ−λ) — and deterministic gives M/D/1, ρτ/(2(1−ρ)).
 *
 * <p>τ = 200 ns; ρ = 0.5 (mean gap 400 ns) and 0.8 (250 ns); 40 ms after 1 ms of warm-up, about
 * 10^5 and 1.6·10^5 walks. The tolerance is 6 % of the closed form: at ρ = 0.8 the M/M/1 wait's
 * batch-means standard error over this run is about 2 % (relaxation time ~ τ/(1−√ρ)² ≈ 18 µs), so
 * 6 % is three standard errors.
 */
class WalkerQueueingScenarioTest {
    private static final double TAU_NS = 200;

    private static String scenario(String gapNs, String service) {
        return """
                duration: 40ms
                warmup: 1ms
                iommu:
                  iotlb: {enabled: false}
                  walkCache: {latency: 0ps}
                  contextCache: {latency: 0ps}
                  walkers: 1
                  maxInFlight: 65536
                  maxInFlightPerDevice: 65536
                  pipeline: {inOrder: false, missesPerDevice: 65536}
                  memory:
                    latency: 200ns
                    latencyDistribution: {distribution: %s, parameters: {%s: 200ns}}
                ioasids:
                  - name: host
                    maps:
                      - {iova: 0, pa: 256GiB, bytes: 2MiB}
                devices:
                  - name: d
                    ioasid: host
                    dma:
                      issue: open
                      interArrival: {distribution: exponential, parameters: {mean: %sns}}
                      requestBytes: 64
                      maxOutstanding: 65536
                      pattern: cyclic
                      base: 0
                      span: 2MiB
                      stride: 4KiB
                """.formatted(service, service.equals("exponential") ? "mean" : "value", gapNs);
    }

    @ParameterizedTest(name = "{0} service, rho {1}")
    @CsvSource({"exponential,0.5,400", "exponential,0.8,250", "deterministic,0.8,250"})
    void oneWalker_poissonMisses_matchesClosedForm(String service, double rho, String gapNs) {
        long seed = 1;
        var c = ScenarioSchema.loader().load(scenario(gapNs, service), "mm1.yaml", List.of());
        ScenarioModel m = new ScenarioModel(c, Path.of("."));
        m.check();
        Snapshot s = m.run(new ReplicationContext(seed, 0));

        double expectedWq = service.equals("exponential") ? rho * TAU_NS / (1 - rho) : rho * TAU_NS / (2 * (1 - rho));
        double sojourn = s.get("iommu.walker.time-in-system").field("mean") / 1000;
        double serviceNs = s.get("iommu.walk.latency").field("mean") / 1000;
        double wq = sojourn - serviceNs;
        double utilisation = s.get("iommu.walker.utilisation").primary();
        System.out.printf("seed %d %s rho %.1f: walks %.0f, service %.1f ns, Wq %.1f ns (closed form %.0f), "
                        + "W %.1f ns (closed form %.0f), utilisation %.4f, PTE reads per walk %.3f%n", seed, service,
                rho, s.get("iommu.walk.latency").field("count"), serviceNs, wq, expectedWq, sojourn,
                expectedWq + TAU_NS, utilisation, s.get("mem.reads").primary() / s.get("iommu.walk.latency").field("count"));
        assertThat(s.get("iommu.iotlb.hits").primary()).as("every access misses").isZero();
        assertThat(s.get("mem.reads").primary() / s.get("iommu.walk.latency").field("count"))
                .as("one PTE read per walk").isCloseTo(1.0, within(0.001));
        assertThat(serviceNs).as("seed %d: mean service = the PTE read's mean", seed).isCloseTo(TAU_NS, within(0.02 * TAU_NS));
        assertThat(utilisation).as("seed %d: utilisation = rho", seed).isCloseTo(rho, within(0.02 * rho));
        assertThat(wq).as("seed %d: mean wait for the walker", seed).isCloseTo(expectedWq, within(0.06 * expectedWq));
        assertThat(sojourn).as("seed %d: mean time in system", seed)
                .isCloseTo(expectedWq + TAU_NS, within(0.06 * (expectedWq + TAU_NS)));
    }
}

package org.iommusim.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.iommusim.scenarios.config.ConfigException;
import org.iommusim.scenarios.schema.Experiments;
import org.iommusim.scenarios.schema.Experiments.Range;
import org.iommusim.scenarios.schema.Experiments.Round;
import org.iommusim.scenarios.schema.Experiments.Scale;
import org.iommusim.scenarios.model.ScenarioSchema;
import org.junit.jupiter.api.Test;

/** The sampled design: one point per stratum of every range, reproducible from its seed, in plans and runs. */
class LatinHypercubeTest {
    private static final String BASE = """
            ioasids:
              - {name: host, maps: [{iova: 256MiB, pa: 256GiB, bytes: 1MiB}]}
            devices:
              - {name: d, ioasid: host}
            """;

    private static Range numeric(String key, double min, double max, Scale scale, Round round) {
        return new Range(key, min, max, scale, round, null, List.of());
    }

    @Test
    void everyStratumOfEveryRange_holdsExactlyOnePoint() {
        long seed = 20261205L;
        System.out.println("LatinHypercubeTest seed " + seed);
        int n = 50;
        var s = new Experiments.Sample(n, seed, List.of(numeric("a", 0, 100, Scale.LINEAR, Round.NONE),
                numeric("b", 1, 1024, Scale.LOG, Round.NONE)));
        List<Map<String, String>> points = LatinHypercube.points(s);
        assertThat(points).hasSize(n);
        Set<Integer> linear = new HashSet<>();
        Set<Integer> log = new HashSet<>();
        for (Map<String, String> p : points) {
            double a = Double.parseDouble(p.get("a"));
            double b = Double.parseDouble(p.get("b"));
            assertThat(a).isBetween(0.0, 100.0);
            assertThat(b).isBetween(1.0, 1024.0);
            linear.add((int) (a / (100.0 / n)));
            log.add((int) (Math.log(b) / Math.log(1024) * n));
        }
        assertThat(linear).hasSize(n);
        assertThat(log).hasSize(n);
    }

    @Test
    void sameSeed_samePoints_otherSeed_otherPoints() {
        List<Range> ranges = List.of(numeric("x", 0, 1, Scale.LINEAR, Round.NONE));
        assertThat(LatinHypercube.points(new Experiments.Sample(10, 7, ranges)))
                .isEqualTo(LatinHypercube.points(new Experiments.Sample(10, 7, ranges)))
                .isNotEqualTo(LatinHypercube.points(new Experiments.Sample(10, 8, ranges)));
    }

    @Test
    void valuesAndRounding_stratifyTheListAndRoundAsAsked() {
        var s = new Experiments.Sample(12, 3, List.of(
                new Range("n", 0, 0, Scale.LINEAR, Round.NONE, null, List.of("hardware", "software", "none")),
                numeric("e", 16, 4096, Scale.LOG, Round.POWER_OF_TWO),
                new Range("t", 10, 20, Scale.LINEAR, Round.INTEGER, "ns", List.of())));
        Map<String, Integer> counts = new TreeMap<>();
        for (Map<String, String> p : LatinHypercube.points(s)) {
            counts.merge(p.get("n"), 1, Integer::sum);
            long e = Long.parseLong(p.get("e"));
            assertThat(Long.bitCount(e)).isEqualTo(1);
            assertThat(e).isBetween(16L, 4096L);
            assertThat(p.get("t")).matches("(1[0-9]|20)ns");
        }
        assertThat(counts).containsEntry("hardware", 4).containsEntry("software", 4).containsEntry("none", 4);
    }

    @Test
    void sampledPlan_namesPointsByDrawNumber_andEveryPointLoads() {
        String yaml = BASE + """
                replications: 1
                duration: 5us
                sweep:
                  sample:
                    points: 5
                    seed: 11
                    ranges:
                      - {key: iommu.iotlb.entries, min: 16, max: 1024, scale: log, round: power-of-two}
                      - {key: devices.d.dma.queueDepth, min: 1, max: 16, round: integer}
                """;
        Prepared p = Prepared.of(new ScenarioSource(yaml, "s.yaml", Path.of("."), "s"), List.of());
        assertThat(p.plan().sweptKeys()).containsExactly("iommu.iotlb.entries", "devices.d.dma.queueDepth");
        assertThat(p.plan().points()).hasSize(5);
        assertThat(p.plan().points().get(0).name()).startsWith("#1 entries=");
        assertThat(p.plan().points().get(4).name()).startsWith("#5 entries=");
        assertThat(p.plan().points().get(2).overrides()).containsKeys("iommu.iotlb.entries", "devices.d.dma.queueDepth");
        assertThat(p.base().toYaml()).contains("seed: 11");
    }

    @Test
    void badSamples_areLocatedBadInput() {
        Throwable both = catchThrowable(() -> ScenarioSchema.loader().load(BASE + """
                sweep:
                  axes: [{key: iommu.walkers, values: ["1"]}]
                  sample: {points: 2, ranges: [{key: iommu.iotlb.entries, min: 16, max: 64}]}
                """, "p.yaml", List.of()));
        assertThat(both).isInstanceOf(ConfigException.class).hasMessageContaining("give one design");
        Throwable log = catchThrowable(() -> ScenarioSchema.loader().load(BASE + """
                sweep:
                  sample: {points: 2, ranges: [{key: iommu.iotlb.entries, min: 0, max: 64, scale: log}]}
                """, "p.yaml", List.of()));
        assertThat(log).isInstanceOf(ConfigException.class).hasMessageContaining("sweep.sample.ranges.0.min")
                .hasMessageContaining("log scale needs min > 0");
        Throwable outOfRange = catchThrowable(() -> Prepared.of(new ScenarioSource(BASE + """
                sweep:
                  sample: {points: 3, ranges: [{key: iommu.iotlb.entries, min: 0, max: 100000000, round: integer}]}
                """, "p.yaml", Path.of("."), "p"), List.of()));
        assertThat(outOfRange).isInstanceOf(ConfigException.class).hasMessageContaining("iommu.iotlb.entries");
    }
}

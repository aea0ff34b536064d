package org.iommusim.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.iommusim.scenarios.catalog.Catalog;
import org.iommusim.scenarios.config.EffectiveConfig;
import org.iommusim.scenarios.model.Assembly;
import org.iommusim.scenarios.model.ScenarioModel;
import org.iommusim.scenarios.schema.Scenario;
import org.iommusim.scenarios.model.ScenarioSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The memory estimate refuses what would not fit (every cache at 2^24 entries, sampling every
 * picosecond) with the key, the estimate and the heap; passes every catalog scenario; and is an
 * upper bound of what a replication's caches really take, without being wildly above it.
 */
class MemoryEstimateTest {
    private static final String SMALL = """
            duration: 1ms
            ioasids:
              - name: host
                maps:
                  - {iova: 256MiB, pa: 256GiB, bytes: 4MiB}
            devices:
              - {name: a, kind: dma, ioasid: host, dma: {span: 4MiB}, ats: {enabled: true}}
            """;

    private static Scenario load(String yaml, String... sets) {
        return ScenarioSchema.loader().load(yaml, "t.yaml", List.of(sets)).value();
    }

    private static String refusal(long heap, int jobs, Scenario... variants) {
        try {
            MemoryEstimate.check(List.of(variants), jobs, heap);
        } catch (org.iommusim.core.input.UserInputException e) {
            return e.getMessage();
        }
        return null;
    }

    @Test
    void everyCacheAtItsMaximum_isRefused_namingKeyEstimateAndHeap() {
        String max = "16777216";
        Scenario s = load(SMALL, "iommu.iotlb.entries=" + max, "iommu.walkCache.entries=" + max,
                "iommu.nestedTlb.entries=" + max, "iommu.contextCache.entries=" + max, "devices.a.ats.atc.entries=" + max);
        long need = MemoryEstimate.bytes(List.of(s), 1);
        assertThat(need).isGreaterThan(12L << 30);
        String m = refusal(8L << 30, 1, s);
        assertThat(m).contains("key 'iommu.walkCache.entries': 16777216", "Runtime.maxMemory", "heap of 8.0 GiB",
                "needs about " + MemoryEstimate.size(need));
    }

    @Test
    void samplingEveryPicosecond_isRefused_atTheSamplingKey() {
        Scenario s = load(SMALL, "sampling=1ps");
        assertThat(refusal(8L << 30, 1, s)).contains("key 'sampling': 1ps");
    }

    @Test
    void jobs_multiplyWhatRunsAtOnce() {
        Scenario s = load(SMALL, "iommu.iotlb.entries=4194304", "replications=4");
        long one = MemoryEstimate.bytes(List.of(s), 1);
        long four = MemoryEstimate.bytes(List.of(s), 4);
        assertThat(four).isGreaterThan(3 * one);
        assertThat(refusal(one + (one >> 1), 1, s)).isNull();
        assertThat(refusal(one + (one >> 1), 4, s)).contains("4 replications at once (--jobs 4)");
    }

    @Test
    void cliRefusal_isExitTwo_beforeAnythingIsBuilt() {
        var err = new java.io.StringWriter();
        int code = org.iommusim.scenarios.cli.Main.execute(new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err), "validate", "src/test/resources/scenarios/small.yaml", "--set",
                "iommu.walkCache.entries=16777216", "--set", "iommu.iotlb.entries=16777216",
                "--set", "iommu.nestedTlb.entries=16777216", "--set", "iommu.contextCache.entries=16777216");
        assertThat(code).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("more than the Java heap").doesNotContain("\tat ");
    }

    static List<String> catalog() {
        return Catalog.NAMES;
    }

    @ParameterizedTest
    @MethodSource("catalog")
    void catalogScenarios_fitInAGibibyte_withTwoJobs(String name) {
        EffectiveConfig<Scenario> base = ScenarioSchema.loader().load(Catalog.text(name).orElseThrow(), name, List.of());
        List<Scenario> variants = new ArrayList<>();
        for (Plan.Point p : Plan.of(base).points()) {
            variants.add(ScenarioSchema.loader().load(Catalog.text(name).orElseThrow(), name, p.sets(), List.of()).value());
        }
        assertThat(MemoryEstimate.bytes(variants, 2)).as(name).isLessThan(1L << 30);
    }

    @Test
    void estimate_boundsTheMeasuredHeapOfLargeCaches() {
        Scenario s = load(SMALL, "iommu.iotlb.entries=1048576", "iommu.walkCache.entries=262144",
                "iommu.nestedTlb.entries=1048576", "iommu.contextCache.entries=1048576", "devices.a.ats.atc.entries=1048576",
                "iommu.walkCache.assoc=1", "iommu.iotlb.policy=lru", "iommu.iotlb.assoc=0");
        long caches = MemoryEstimate.replication(s).stream().filter(p -> !p.key().equals("sampling"))
                .mapToLong(MemoryEstimate.Part::bytes).sum();
        EffectiveConfig<Scenario> c = ScenarioSchema.loader().load(SMALL, "t.yaml", List.of(
                "iommu.iotlb.entries=1048576", "iommu.walkCache.entries=262144", "iommu.nestedTlb.entries=1048576",
                "iommu.contextCache.entries=1048576", "devices.a.ats.atc.entries=1048576", "iommu.walkCache.assoc=1",
                "iommu.iotlb.policy=lru", "iommu.iotlb.assoc=0"));
        long before = used();
        ScenarioModel model = new ScenarioModel(c, Path.of("."));
        Assembly held = new Assembly(model.scenario(), Path.of("."), new org.iommusim.scenarios.model.Located(c), 1, 0);
        long measured = used() - before;
        assertThat(held.statistics()).isNotNull();
        System.out.printf("caches estimated %d MiB, measured model %d MiB%n", caches >> 20, measured >> 20);
        assertThat(measured).as("measured heap of the model").isLessThan(caches + MemoryEstimate.REPLICATION_BYTES);
        assertThat(caches).as("estimate not far above the measure").isLessThan(2 * measured);
    }

    @Test
    void timeSeriesCounted_areThoseAReplicationRegisters() {
        EffectiveConfig<Scenario> c = ScenarioSchema.loader().load(SMALL, "t.yaml", List.of());
        Assembly a = new Assembly(c.value(), Path.of("."), new org.iommusim.scenarios.model.Located(c), 1, 0);
        assertThat(a.statistics().all().stream().filter(x -> x instanceof org.iommusim.core.stats.TimeSeries))
                .hasSize(Assembly.timeSeriesPerReplication());
    }

    private static long used() {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return r.totalMemory() - r.freeMemory();
    }

    @Test
    void jobs_given_asGiven_left_oneProcessorEachButNoMoreThanFit() {
        Scenario s = load(SMALL);
        assertThat(MemoryEstimate.jobs(List.of(s), 3)).isEqualTo(3);
        long one = MemoryEstimate.bytes(List.of(s), 1);
        long two = MemoryEstimate.bytes(List.of(s, s), 2);
        assertThat(MemoryEstimate.fitting(List.of(s, s), 8, two)).isEqualTo(2);
        assertThat(MemoryEstimate.fitting(List.of(s, s), 8, two - 1)).isEqualTo(1);
        assertThat(MemoryEstimate.fitting(List.of(s), 8, one - 1)).as("too large even alone: check refuses it").isEqualTo(1);
        assertThat(MemoryEstimate.fitting(List.of(s, s), 1, 1L << 40)).isEqualTo(1);
    }

    @Test
    void fitsKept_oneModelPerVariantBesideTheRunningOnes() {
        Scenario s = load(SMALL);
        long running = MemoryEstimate.bytes(List.of(s, s), 2);
        long kept = MemoryEstimate.kept(List.of(s, s));
        assertThat(kept).isGreaterThanOrEqualTo(2 * MemoryEstimate.REPLICATION_BYTES);
        assertThat(MemoryEstimate.fitsKept(List.of(s, s), 2, running + kept)).isTrue();
        assertThat(MemoryEstimate.fitsKept(List.of(s, s), 2, running + kept - 1)).isFalse();
    }
}

package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iommusim.hw.cache.SetAssociativeCache.MISS;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.hw.cache.CacheStats;
import org.iommusim.hw.cache.SetAssociativeCache;
import org.iommusim.hw.iommu.arch.ArchPreset;
import org.iommusim.hw.iommu.arch.ArchPresets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The closed forms of VALIDATION.md under every architecture preset, where they apply: item 1
 * (cold walk length: n reads single-stage, n·m + n + m nested, for every level combination the
 * preset allows, with its caches off and its own pipeline) and item 2's cyclic-sweep forms for
 * the preset's IOTLB organisation where its set index is modulo (a sweep of the capacity hits
 * every reference after the first pass, a sweep of twice the capacity none; a hashed index, as
 * intel-vtd's, spreads a sweep unevenly, so the forms do not apply to it).
 */
class PresetClosedFormTest {
    static List<Arguments> singleStage() {
        List<Arguments> out = new ArrayList<>();
        for (ArchPreset p : ArchPresets.BUILT_IN) {
            for (int n : p.caps().secondStageLevels()) {
                out.add(Arguments.of(p.name(), n));
            }
        }
        return out;
    }

    static List<Arguments> nested() {
        List<Arguments> out = new ArrayList<>();
        for (ArchPreset p : ArchPresets.BUILT_IN) {
            for (int n : p.caps().firstStageLevels()) {
                for (int m : p.caps().secondStageLevels()) {
                    out.add(Arguments.of(p.name(), n, m));
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}: single stage, {1} levels")
    @MethodSource("singleStage")
    void coldSingleStageWalk_readsOnePtePerLevel(String preset, int levels) {
        TimedIommuConfig c = ArchPresets.get(preset).iommu().withCachesOff();
        TimedRig rig = new TimedRig(ColdWalkTimingTest.native1(levels), c, ColdWalkTimingTest.MEM);
        TimedRig.Done d = rig.translateNow(1, ColdWalkTimingTest.IOVA);
        assertThat(d.ok()).isTrue();
        assertThat(rig.reads()).isEqualTo(levels);
        assertThat(d.latency()).isEqualTo(levels * ColdWalkTimingTest.MEM);
    }

    @ParameterizedTest(name = "{0}: {1}x{2} nested")
    @MethodSource("nested")
    void coldNestedWalk_readsNmPlusNPlusM(String preset, int n, int m) {
        TimedIommuConfig c = ArchPresets.get(preset).iommu().withCachesOff();
        TimedRig rig = new TimedRig(ColdWalkTimingTest.nested(n, m), c, ColdWalkTimingTest.MEM);
        TimedRig.Done d = rig.translateNow(1, ColdWalkTimingTest.IOVA);
        assertThat(d.ok()).as("%s", d).isTrue();
        assertThat(rig.reads()).isEqualTo(n * m + n + m);
        assertThat(d.latency()).isEqualTo((long) (n * m + n + m) * ColdWalkTimingTest.MEM);
    }

    static List<String> moduloIotlbs() {
        return ArchPresets.BUILT_IN.stream().filter(p -> p.iommu().iotlb().index().equals("modulo"))
                .map(ArchPreset::name).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("moduloIotlbs")
    void cyclicSweep_ofTheCapacityAlwaysHits_ofTwiceItNever(String preset) {
        CacheConfig iotlb = ArchPresets.get(preset).iommu().iotlb();
        assertThat(sweepHitRatio(iotlb, iotlb.entries())).isEqualTo(1.0);
        assertThat(sweepHitRatio(iotlb, 2 * iotlb.entries())).isEqualTo(0.0);
    }

    /** Hit ratio of a cyclic sweep over {@code pages} consecutive pages after one warm-up pass. */
    private static double sweepHitRatio(CacheConfig config, int pages) {
        SetAssociativeCache c = new SetAssociativeCache(config, null, CacheStats.standalone("iotlb"));
        for (int round = 0; round < 4; round++) {
            if (round == 1) {
                c.stats().reset();
            }
            for (long page = 0; page < pages; page++) {
                if (c.lookup(0, page) == MISS) {
                    c.insert(0, page, page);
                }
            }
        }
        return c.stats().hitRatio();
    }
}

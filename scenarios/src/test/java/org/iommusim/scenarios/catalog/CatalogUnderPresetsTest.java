package org.iommusim.scenarios.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.iommusim.core.results.Snapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15: the architecture presets run the catalog — every scenario's first plan point,
 * shortened, under {@code arm-smmuv3} and {@code amd-vi} (the default {@code intel-vtd} runs
 * every point in {@link CatalogScenariosTest}), completes DMAs, and its statistics name the
 * architecture's structures: the SMMUv3 TBU micro-TLB ({@code iommu.tbu.microtlb.*}) is there
 * under SMMUv3 only, and looked up wherever requests are translated without ATS (an ATS
 * device's translation requests go to the TCU past the TBU). walk-cost is left out under SMMUv3: its 5-level variants are
 * refused by rule (ArchCapabilitiesTest).
 */
class CatalogUnderPresetsTest {
    private static final List<String> SHORT = List.of("duration=20us", "warmup=5us", "replications=1");
    /** sva-gpu's 256 KiB copies take about 72 us each (CatalogScenariosTest's smoke length). */
    private static final List<String> GPU = List.of("duration=200us", "warmup=5us", "replications=1");
    /** Scenarios whose devices use ATS: their translation requests go to the TCU, past any TBU. */
    private static final Set<String> ATS = Set.of("fault-storm", "sva-gpu", "np-to-present");

    static Stream<Arguments> points() {
        return Catalog.NAMES.stream().flatMap(n -> Stream.of("arm-smmuv3", "amd-vi")
                .filter(p -> !(n.equals("walk-cost") && p.equals("arm-smmuv3")))
                .map(p -> Arguments.of(n, p)));
    }

    @ParameterizedTest
    @MethodSource("points")
    void firstPointRunsUnderThePreset_namingItsStructures(String name, String preset) {
        boolean[] first = {true};
        Map<String, Snapshot> out = CatalogAnswer.points(name,
                Stream.concat((name.equals("sva-gpu") ? GPU : SHORT).stream(), Stream.of("iommu.preset=" + preset))
                        .toList(), point -> {
                    boolean take = first[0];
                    first[0] = false;
                    return take;
                });
        Snapshot s = out.values().iterator().next();
        assertThat(CatalogAnswer.value(s, "run.dmas-completed")).as("%s under %s", name, preset).isPositive();
        boolean microTlb = s.values().stream().anyMatch(v -> v.name().startsWith("iommu.tbu.microtlb."));
        if (name.equals("arch-compare")) {
            return; // its variants name their own presets (ArchCompareAnswerTest checks the TBU there)
        }
        if (preset.equals("arm-smmuv3")) {
            assertThat(microTlb).as("%s: the SMMUv3 statistics name the TBU micro-TLB", name).isTrue();
            if (!ATS.contains(name) && CatalogAnswer.value(s, "run.translations-per-second") > 0) {
                assertThat(CatalogAnswer.value(s, "iommu.tbu.microtlb.lookups")).as("%s: the TBU is in front", name)
                        .isPositive();
            }
        } else {
            assertThat(microTlb).as("%s: no TBU micro-TLB under %s", name, preset).isFalse();
        }
    }
}

package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.iommusim.scenarios.catalog.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A scenario asking for something its IOMMU preset lacks is refused at load: exit 2, the key, the
 * value, what the preset allows and the rule; the same scenario under a preset that has it is valid.
 */
class ArchCapabilitiesTest {
    private static final String NESTED = """
            duration: 10us
            ioasids:
              - {name: gpa, levels: 4, maps: [{iova: 0B, pa: 256GiB, bytes: 64MiB}]}
              - name: vm
                parent: gpa
                mode: bind-invalidate
                nesting: hardware
                levels: 4
                guest: {maps: [{iova: 1GiB, gpa: 16MiB, bytes: 16MiB}]}
            devices:
              - {name: dev0, kind: dma, ioasid: vm, dma: {base: 1GiB, span: 16MiB}}
            """;

    @TempDir
    Path dir;

    private final CliRig cli = new CliRig();

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("arm-smmuv3", "ioasids.gpa.levels=5", "ioasids.gpa.levels", "allows 3, 4",
                        "3 or 4 levels per stage"),
                Arguments.of("arm-smmuv3", "ioasids.vm.levels=5", "ioasids.vm.levels", "first-stage", "no LPA2"),
                Arguments.of("intel-vtd", "ioasids.vm.levels=3", "ioasids.vm.levels", "allows 4, 5 for a first-stage",
                        "IA-32e paging"),
                Arguments.of("amd-vi", "ioasids.vm.levels=3", "ioasids.vm.levels", "allows 4, 5", "x86-64"),
                Arguments.of("amd-vi", "devices.dev0.pasid=65536", "devices.dev0.pasid", "0..65535", "16-bit PASIDs"));
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void unsupportedCombination_isBadInput_namingTheRule(String preset, String set, String key, String allowed,
                                                         String rule) {
        Path s = CliRig.write(dir, "s.yaml", NESTED);
        assertThat(cli.run("validate", s.toString(), "--set", "iommu.preset=" + preset, "--set", set)).isEqualTo(2);
        assertThat(cli.err.toString()).contains(key).contains("preset '" + preset + "'").contains(allowed)
                .contains(rule).doesNotContain("Exception");
        assertThat(cli.run("validate", s.toString(), "--set", "iommu.preset=generic", "--set", set))
                .as("generic supports it: " + cli.err).isZero();
    }

    @Test
    void catalogScenarioWithFiveLevelVariants_isRefusedUnderSmmuv3_andValidUnderTheOthers() {
        assertThat(cli.run("validate", "walk-cost", "--set", "iommu.preset=arm-smmuv3")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("levels").contains("5 levels");
        for (String p : new String[] {"intel-vtd", "amd-vi", "generic"}) {
            assertThat(cli.run("validate", "walk-cost", "--set", "iommu.preset=" + p)).as(p + ": " + cli.err).isZero();
        }
    }

    static Stream<Arguments> catalogUnderPresets() {
        return Catalog.NAMES.stream().flatMap(n -> Stream.of("intel-vtd", "arm-smmuv3", "amd-vi", "generic")
                .map(p -> Arguments.of(n, p)));
    }

    /** Issue 15: every catalog scenario loads (all its variants and sweep points) under every preset, but the one rule. */
    @ParameterizedTest
    @MethodSource("catalogUnderPresets")
    void everyCatalogScenario_validatesUnderEveryPreset_butWalkCostsFiveLevelsUnderSmmuv3(String name, String preset) {
        int expected = name.equals("walk-cost") && preset.equals("arm-smmuv3") ? 2 : 0;
        assertThat(cli.run("validate", name, "--set", "iommu.preset=" + preset)).as(cli.err.toString())
                .isEqualTo(expected);
    }

    @Test
    void rangeInvalidationOff_isRefusedExceptOnAnSmmuv3Queue() {
        Path s = CliRig.write(dir, "s.yaml", NESTED);
        assertThat(cli.run("validate", s.toString(), "--set", "iommu.preset=intel-vtd", "--set",
                "iommu.invalidationQueue.rangeInvalidation=false")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("iommu.invalidationQueue.rangeInvalidation").contains("intel-vtd")
                .contains("SMMU_IDR3.RIL").doesNotContain("Exception");
        assertThat(cli.run("validate", s.toString(), "--set", "iommu.preset=arm-smmuv3", "--set",
                "iommu.invalidationQueue.rangeInvalidation=false")).as(cli.err.toString()).isZero();
    }
}

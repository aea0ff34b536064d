package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.iommusim.hw.iommu.arch.ArchPreset;
import org.iommusim.hw.iommu.arch.ArchPresets;
import org.iommusim.scenarios.config.ConfigException;
import org.iommusim.scenarios.config.EffectiveConfig;
import org.iommusim.scenarios.config.Origin;
import org.iommusim.scenarios.config.ReferenceCheck;
import org.iommusim.scenarios.config.Schema;
import org.iommusim.scenarios.schema.IommuSpec;
import org.iommusim.scenarios.schema.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The iommu section takes its defaults from the chosen architecture preset; the scenario and --set beat it. */
class ArchPresetsTest {
    static List<String> presets() {
        return ArchPresets.names();
    }

    /** A device to simulate, after the scenario's own keys. */
    private static final String DEVICE = """
            ioasids:
              - {name: host, maps: [{iova: 0, pa: 1GiB, bytes: 1MiB}]}
            devices:
              - {name: d, kind: dma, ioasid: host, dma: {span: 1MiB}}
            """;

    private static EffectiveConfig<Scenario> load(String yaml, String... sets) {
        return ScenarioSchema.loader().load(yaml + DEVICE, "s.yaml", List.of(sets));
    }

    @ParameterizedTest
    @MethodSource("presets")
    void selectedPreset_givesEveryIommuDefault(String name) {
        ArchPreset p = ArchPresets.get(name);
        Scenario s = load("iommu: {preset: " + name + "}\n").value();
        assertThat(s.iommu().toConfig()).isEqualTo(p.iommu());
        assertThat(s.iommu().memory().toConfig()).isEqualTo(p.memory());
    }

    @ParameterizedTest
    @MethodSource("presets")
    void presetReference_isCompleteForItsSchema(String name) {
        ArchPreset p = ArchPresets.get(name);
        Schema schema = Schema.of(Scenario.class, Extensions.BUILT_IN, Map.of(IommuSpec.class, IommuSpec.of(p)));
        String text = ScenarioSchema.renderReference(p);
        assertThat(ReferenceCheck.check(schema, text, "ref.yaml")).isEmpty();
        assertThat(text).contains("  preset: " + name + "\n");
    }

    @Test
    void presetReferences_areAllDifferent() {
        Set<String> texts = new HashSet<>();
        for (ArchPreset p : ArchPresets.BUILT_IN) {
            texts.add(ScenarioSchema.renderReference(p).replaceAll("preset: [a-z0-9-]+", "preset: X")
                    .replaceAll("--preset [a-z0-9-]+", "--preset X"));
        }
        assertThat(texts).hasSize(ArchPresets.BUILT_IN.size());
    }

    @Test
    void defaultPresetReference_isTheShippedReference() {
        assertThat(ScenarioSchema.renderReference(ArchPresets.DEFAULT).lines().skip(1).toList())
                .isEqualTo(ScenarioSchema.reference().lines().skip(1).toList());
    }

    @Test
    void scenarioKeys_beatThePreset_andSetBeatsBoth() {
        EffectiveConfig<Scenario> c = load("iommu:\n  preset: arm-smmuv3\n  iotlb: {entries: 512}\n  walkers: 9\n",
                "iommu.walkers=3");
        Scenario s = c.value();
        assertThat(s.iommu().iotlb().entries()).isEqualTo(512);
        assertThat(s.iommu().walkers()).isEqualTo(3);
        assertThat(s.iommu().walkCache().entries()).isEqualTo(256);
        assertThat(s.iommu().contextWalkReads()).isEqualTo(3);
        assertThat(c.origin("iommu.iotlb.entries").kind()).isEqualTo(Origin.Kind.FILE);
        assertThat(c.origin("iommu.walkers").kind()).isEqualTo(Origin.Kind.SET);
        assertThat(c.origin("iommu.iotlb.assoc")).isEqualTo(Origin.preset("arm-smmuv3"));
        assertThat(c.origin("iommu.memory.latency")).isEqualTo(Origin.preset("arm-smmuv3"));
        assertThat(c.origin("seed").kind()).isNotEqualTo(Origin.Kind.PRESET);
    }

    @Test
    void presetBySet_replacesTheScenariosPreset_keyByKey() {
        Scenario s = load("iommu: {preset: generic, walkers: 5}\n", "iommu.preset=intel-vtd").value();
        assertThat(s.iommu().preset()).isEqualTo("intel-vtd");
        assertThat(s.iommu().iotlb().entries()).isEqualTo(ArchPresets.get("intel-vtd").iommu().iotlb().entries());
        assertThat(s.iommu().walkers()).isEqualTo(5);
    }

    @Test
    void unknownPreset_isRejectedWithTheAllowedNames() {
        assertThatThrownBy(() -> load("iommu: {preset: power9}\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("iommu.preset").hasMessageContaining("power9")
                .hasMessageContaining(String.join(", ", ArchPresets.names()));
    }

    @Test
    void contextIpaReads_smmuCdAndAmdGcr3_andNeverMoreThanTheReadsOfAMiss() {
        assertThat(load("iommu: {preset: arm-smmuv3}\n").value().iommu().contextIpaReads()).isEqualTo(1);
        assertThat(load("iommu: {preset: intel-vtd}\n").value().iommu().contextIpaReads()).isZero();
        IommuSpec amd = load("iommu: {preset: amd-vi}\n").value().iommu();
        assertThat(amd.contextIpaReads()).as("the GCR3 entry by GPA").isEqualTo(1);
        assertThat(amd.contextFirstStageReads()).isEqualTo(1);
        IommuSpec tooMany = load("iommu: {preset: arm-smmuv3, contextWalkReads: 3}\n", "iommu.contextIpaReads=4")
                .value().iommu();
        assertThatThrownBy(tooMany::toConfig).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contextIpaReads must be in [0, contextWalkReads + contextFirstStageReads = 3],"
                        + " got 4");
    }
}

package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.iommusim.hw.cache.ReplacementPolicies;
import org.iommusim.hw.iommu.control.CostModel;
import org.iommusim.hw.iommu.inval.InvQueueConfig;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.arch.ArchPresets;
import org.iommusim.hw.iommu.ats.AtsConfig;
import org.iommusim.hw.iommu.fault.FaultQueueConfig;
import org.iommusim.hw.iommu.fault.PriConfig;
import org.iommusim.hw.pcie.LinkConfig;
import org.iommusim.scenarios.config.FieldSpec;
import org.iommusim.scenarios.config.ReferenceCheck;
import org.iommusim.scenarios.schema.Scenario;
import org.junit.jupiter.api.Test;

/** reference.yaml is the schema's, and the schema's defaults are the hardware models' documented defaults. */
class ScenarioSchemaTest {
    private static Scenario defaults() {
        return ScenarioSchema.loader().load("devices:\n  - {name: d, ioasid: r}\nioasids:\n  - {name: r}\n", "t.yaml",
                List.of()).value();
    }

    @Test
    void shippedReference_isGeneratedFromTheSchema() throws java.io.IOException {
        if (Boolean.getBoolean("iommusim.regenerate")) {
            java.nio.file.Files.writeString(java.nio.file.Path.of("src/main/resources/iommusim/reference.yaml"),
                    ScenarioSchema.renderReference());
            return;
        }
        assertThat(ReferenceCheck.check(ScenarioSchema.schema(), ScenarioSchema.reference(), "reference.yaml")).isEmpty();
        assertThat(ScenarioSchema.reference()).isEqualTo(ScenarioSchema.renderReference());
    }

    @Test
    void defaults_equalTheHardwareModelsDefaults() {
        Scenario s = defaults();
        assertThat(s.iommu().preset()).isEqualTo(ArchPresets.DEFAULT.name());
        assertThat(s.iommu().toConfig()).isEqualTo(ArchPresets.DEFAULT.iommu());
        assertThat(s.iommu().memory().toConfig()).isEqualTo(ArchPresets.DEFAULT.memory());
        assertThat(s.iommu().invalidationQueue().toConfig()).isEqualTo(InvQueueConfig.defaults());
        // the fault and page-request queues of the default preset's architecture (FaultFormats)
        assertThat(s.iommu().faultQueue().toConfig()).isEqualTo(new FaultQueueConfig(
                ArchPresets.DEFAULT.faults().faultRecords(), FaultQueueConfig.DEFAULT_HANDLER_SERVICE_PS));
        assertThat(s.iommu().pri().toConfig()).isEqualTo(new PriConfig(PriConfig.DEFAULT_HANDLER_LATENCY_PS,
                ArchPresets.DEFAULT.faults().pageRequests(), PriConfig.DEFAULT_AUTO_RESPONSE_PS,
                ArchPresets.DEFAULT.faults().outstandingRequests()));
        CostModel c = CostModel.defaults();
        assertThat(s.host().costs().toConfig()).as("all but 'wait', 0 because the queue is simulated").isEqualTo(
                new CostModel(c.syscallPs(), c.trapPs(), c.pteReadPs(), c.pteWritePs(), c.mapPagePs(), c.unmapPagePs(),
                        c.rmapEntryPs(), c.shadowWritePs(), c.guestReadPs(), c.descriptorPs(), 0, c.pageRequestPs(),
                        c.shadowFaultPs()));
        assertThat(s.devices().get(0).link().toConfig(16)).isEqualTo(LinkConfig.defaults());
        assertThat(s.devices().get(0).link().toConfig(4).width()).as("width 0 = the preset's").isEqualTo(4);
        assertThat(s.devices().get(0).ats().toConfig()).isEqualTo(AtsConfig.defaults());
    }

    @Test
    void walkCacheLevelDefaults_areTheWalkCachesDefaults() {
        Scenario s = ScenarioSchema.loader().load("devices:\n  - {name: d, ioasid: r}\nioasids:\n  - {name: r}\n"
                + "iommu: {walkCacheLevels: [{stage: 1, level: 2}]}\n", "t.yaml", List.of()).value();
        assertThat(s.iommu().walkCacheLevels().get(0).toConfig()).isEqualTo(TimedIommuConfig.defaults().pwc());
    }

    @Test
    void presetAndWorkloadSections_areOnePerRegistryEntry_inRegistryOrder() {
        Scenario s = defaults();
        assertThat(s.devices().get(0).presets().names()).containsExactlyElementsOf(DevicePresets.BUILT_IN.names());
        var workloads = ScenarioSchema.schema().root().field("workloads").orElseThrow();
        var element = ((FieldSpec.RecordType) ((FieldSpec.ListType) workloads.type()).element()).spec();
        assertThat(element.keys()).containsExactly("name", "kind", "ioasid", "poisson", "interArrival", "guestPteWrites",
                "parentChurn", "rangeInvalidations", "invalidationCommands");
    }

    @Test
    void policyValues_areTheRegistrysNames() {
        FieldSpec policy = ScenarioSchema.schema().root().fields().stream().filter(f -> f.key().equals("iommu"))
                .findFirst().map(f -> ((FieldSpec.RecordType) f.type()).spec()).orElseThrow().field("iotlb").orElseThrow().type()
                instanceof FieldSpec.RecordType r ? r.spec().fields().get(2) : null;
        assertThat(policy).isNotNull();
        assertThat(((FieldSpec.ScalarType) policy.type()).allowed())
                .containsExactlyInAnyOrderElementsOf(ReplacementPolicies.names());
    }
}

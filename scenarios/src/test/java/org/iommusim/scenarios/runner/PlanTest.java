package org.iommusim.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.iommusim.scenarios.model.ScenarioSchema;
import org.junit.jupiter.api.Test;

/** Variants × sweep points: order, overrides and names. */
class PlanTest {
    private static final String BASE = """
            ioasids:
              - {name: host, maps: [{iova: 256MiB, pa: 256GiB, bytes: 1MiB}]}
            devices:
              - {name: d, ioasid: host}
            """;

    private static Plan plan(String extra) {
        return Plan.of(ScenarioSchema.loader().load(BASE + extra, "p.yaml", List.of()));
    }

    @Test
    void variantsTimesAxes_firstAxisSlowest_namedByLastKeySegment() {
        Plan p = plan("""
                variants:
                  - {name: a, set: {iommu.walkers: "2"}}
                  - {name: b, set: {iommu.walkers: "4"}}
                sweep:
                  axes:
                    - {key: iommu.iotlb.entries, values: ["16", "32"]}
                    - {key: devices.d.dma.queueDepth, values: ["1", "2"]}
                """);
        assertThat(p.points()).extracting(Plan.Point::name).containsExactly(
                "a entries=16 queueDepth=1", "a entries=16 queueDepth=2", "a entries=32 queueDepth=1",
                "a entries=32 queueDepth=2", "b entries=16 queueDepth=1", "b entries=16 queueDepth=2",
                "b entries=32 queueDepth=1", "b entries=32 queueDepth=2");
        assertThat(p.points().get(5).overrides()).containsExactly(
                java.util.Map.entry("iommu.walkers", "4"), java.util.Map.entry("iommu.iotlb.entries", "16"),
                java.util.Map.entry("devices.d.dma.queueDepth", "2"));
        assertThat(p.sweptKeys()).containsExactly("iommu.iotlb.entries", "devices.d.dma.queueDepth");
    }

    @Test
    void axesEndingInTheSameKey_areNamedByTheirFullKeys() {
        Plan p = plan("""
                sweep:
                  axes:
                    - {key: iommu.iotlb.entries, values: ["16"]}
                    - {key: iommu.nestedTlb.entries, values: ["16", "32"]}
                """);
        assertThat(p.points()).extracting(Plan.Point::name).containsExactly(
                "iommu.iotlb.entries=16 iommu.nestedTlb.entries=16", "iommu.iotlb.entries=16 iommu.nestedTlb.entries=32");
    }

    @Test
    void noVariantsNoSweep_isOneBasePoint() {
        assertThat(plan("").points()).extracting(Plan.Point::name).containsExactly("base");
    }
}

package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.iommusim.core.experiment.ReplicationContext;
import org.iommusim.core.results.Snapshot;
import org.iommusim.scenarios.config.ConfigException;
import org.iommusim.scenarios.model.ScenarioSchema;
import org.junit.jupiter.api.Test;

/**
 * A generic DMA engine with {@code dma.pasidCount: N} cycles through PASIDs pasid .. pasid+N-1,
 * each attached to the device's IOASID: its DMAs translate (no fault for a missing attachment)
 * and the context cache sees N (device, PASID) pairs.
 */
class PasidCountTest {
    private static final String SCENARIO = """
            duration: 50us
            warmup: 5us
            ioasids:
              - name: host
                maps:
                  - {iova: 256MiB, pa: 256GiB, bytes: 4MiB}
            devices:
              - {name: a, kind: dma, ioasid: host, pasid: 5, dma: {span: 4MiB, pasidCount: 4}}
            """;

    private static Snapshot run(String... sets) {
        var c = ScenarioSchema.loader().load(SCENARIO, "t.yaml", List.of(sets));
        ScenarioModel m = new ScenarioModel(c, Path.of("."));
        m.check();
        return m.run(new ReplicationContext(1, 0));
    }

    private static double faults(Snapshot s) {
        return s.values().stream().filter(v -> v.name().startsWith("iommu.faults.no-attachment"))
                .mapToDouble(v -> v.primary()).sum();
    }

    @Test
    void everyPasidTheDeviceCyclesThrough_isAttached() {
        Snapshot s = run();
        assertThat(faults(s)).isZero();
        assertThat(s.get("run.dmas-completed").primary()).isGreaterThan(100);
        assertThat(s.get("iommu.context.misses").primary() + s.get("iommu.context.hits").primary())
                .isEqualTo(s.get("iommu.context.lookups").primary());
        Snapshot one = run("devices.a.dma.pasidCount=1");
        assertThat(s.get("iommu.iotlb.misses").primary()).as("4 PASIDs tag 4 sets of IOTLB entries")
                .isGreaterThan(one.get("iommu.iotlb.misses").primary());
    }

    @Test
    void pasidsBeyondTheTwentyBitLimit_areRefusedAtTheKey() {
        assertThatThrownBy(() -> run("devices.a.pasid=1048574")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("devices.a.dma.pasidCount").hasMessageContaining("PASID outside 0..1048575");
    }
}

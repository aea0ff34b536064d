package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.iommusim.core.experiment.ReplicationContext;
import org.iommusim.core.results.Snapshot;
import org.iommusim.scenarios.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * A gpu device uses PCIe ATS unless its {@code ats.enabled} says otherwise: its TLPs look up its
 * ATC as it issues them and only misses reach the IOMMU; page requests (PRI) are allowed with
 * the default and refused when ATS is turned off; other presets keep ATS off by default.
 */
class GpuAtsDefaultTest {
    private static final String SCENARIO = """
            duration: 300us
            warmup: 20us
            iommu: {pri: {enabled: true}}
            ioasids:
              - name: gpa
                pageRequests: true
                maps:
                  - {iova: 0B, pa: 256GiB, bytes: 1GiB, pageSize: 2MiB}
            devices:
              - name: g
                kind: gpu
                ioasid: gpa
                gpu: {processes: 2, bufferBytes: 8MiB, bufferGpa: 64MiB, tableGpa: 16MiB}
            """;

    private static Snapshot run(String... sets) {
        var c = ScenarioSchema.loader().load(SCENARIO, "t.yaml", List.of(sets));
        ScenarioModel m = new ScenarioModel(c, Path.of("."));
        m.check();
        return m.run(new ReplicationContext(1, 0));
    }

    private static double atc(Snapshot s, String suffix) {
        return s.values().stream().filter(v -> v.name().startsWith("iommu.atc.") && v.name().endsWith(suffix))
                .mapToDouble(v -> v.primary()).sum();
    }

    @Test
    void gpu_translatesThroughItsAtcByDefault() {
        Snapshot on = run();
        Snapshot off = run("devices.g.ats.enabled=false", "ioasids.gpa.pageRequests=false");
        System.out.printf("gpu ATC: %.0f hits, %.0f misses; IOTLB lookups with ATS %.0f, without %.0f%n",
                atc(on, ".hits"), atc(on, ".misses"), on.get("iommu.iotlb.lookups").primary(),
                off.get("iommu.iotlb.lookups").primary());
        assertThat(atc(on, ".lookups")).as("every TLP looks up the ATC").isPositive()
                .isEqualTo(atc(on, ".hits") + atc(on, ".misses"));
        assertThat(atc(on, ".hits")).isPositive();
        assertThat(on.get("run.dma-faults").primary()).isZero();
        assertThat(off.values().stream().noneMatch(v -> v.name().startsWith("iommu.atc."))).isTrue();
        assertThat(on.get("iommu.iotlb.lookups").primary() / on.get("iommu.translations").primary())
                .as("only ATC misses reach the IOMMU").isLessThan(
                        off.get("iommu.iotlb.lookups").primary() / off.get("iommu.translations").primary());
    }

    @Test
    void pageRequestsWithoutAts_areRefusedEvenForAGpu() {
        assertThatThrownBy(() -> run("devices.g.ats.enabled=false")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("PCIe PRI requires ATS");
    }

    @Test
    void otherPresets_keepAtsOffByDefault() {
        DevicePresets p = DevicePresets.BUILT_IN;
        assertThat(p.names()).allSatisfy(n -> assertThat(p.get(n).usesAts()).isEqualTo(n.equals("gpu")));
    }
}

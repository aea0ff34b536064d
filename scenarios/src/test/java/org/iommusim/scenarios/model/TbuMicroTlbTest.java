package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.iommusim.core.experiment.ReplicationContext;
import org.iommusim.core.results.Snapshot;
import org.junit.jupiter.api.Test;

/**
 * The SMMUv3 preset's per-device TBU micro-TLB (32 entries, fully associative, round-robin) in
 * front of the shared IOTLB, against its closed forms: a cyclic sweep over R pages hits every
 * lookup after warm-up when R fits (R ≤ 32) and none when it does not (R > 32: round-robin evicts
 * the page needed next); the IOTLB behind it sees only the micro-TLB's misses. Other presets
 * register no {@code iommu.tbu.*} statistic.
 */
class TbuMicroTlbTest {
    private static final String SCENARIO = """
            duration: 40us
            warmup: 10us
            replications: 1
            iommu: {preset: arm-smmuv3}
            ioasids:
              - name: host
                maps:
                  - {iova: 256MiB, pa: 256GiB, bytes: 4MiB}
            devices:
              - {name: a, kind: dma, ioasid: host, dma: {requestBytes: 64B, pattern: cyclic, stride: 4KiB, span: 64KiB}}
            """;

    private static Snapshot run(String... sets) {
        var c = ScenarioSchema.loader().load(SCENARIO, "t.yaml", List.of(sets));
        ScenarioModel m = new ScenarioModel(c, Path.of("."));
        m.check();
        return m.run(new ReplicationContext(1, 0));
    }

    private static double v(Snapshot s, String name) {
        return s.get(name).primary();
    }

    @Test
    void workingSetWithinTheMicroTlb_hitsEveryLookupAfterWarmup() {
        Snapshot s = run("devices.a.dma.span=96KiB"); // 24 pages <= 32 entries
        assertThat(v(s, "iommu.tbu.microtlb.lookups")).isGreaterThan(1000);
        assertThat(v(s, "iommu.tbu.microtlb.hit-ratio")).isEqualTo(1.0);
        assertThat(v(s, "iommu.iotlb.lookups")).as("no request reaches the shared IOTLB").isZero();
    }

    @Test
    void cyclicSweepBeyondTheMicroTlb_neverHits_andEveryLookupGoesOnToTheIotlb() {
        Snapshot s = run("devices.a.dma.span=160KiB"); // 40 pages > 32 entries
        assertThat(v(s, "iommu.tbu.microtlb.hits")).isZero();
        assertThat(v(s, "iommu.tbu.microtlb.misses")).isGreaterThan(1000);
        assertThat(v(s, "iommu.iotlb.lookups")).isEqualTo(v(s, "iommu.tbu.microtlb.misses"));
        assertThat(v(s, "iommu.iotlb.hit-ratio")).as("40 pages fit the 2048-entry IOTLB").isEqualTo(1.0);
    }

    @Test
    void microTlbOff_leavesTheIotlbAlone_andOtherPresetsHaveNoTbuStatistics() {
        Snapshot off = run("devices.a.dma.span=96KiB", "iommu.tbuMicroTlb.enabled=false");
        assertThat(off.values()).noneMatch(x -> x.name().startsWith("iommu.tbu."));
        assertThat(v(off, "iommu.iotlb.hit-ratio")).isEqualTo(1.0);
        Snapshot intel = run("iommu.preset=intel-vtd");
        assertThat(intel.values()).noneMatch(x -> x.name().startsWith("iommu.tbu."));
    }
}

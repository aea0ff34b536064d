package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.results.Snapshot;
import org.junit.jupiter.api.Test;

/**
 * The widest range one invalidation descriptor covers ({@code iommu.invalidationQueue.maxRangePages},
 * VT-d's MAMV) does not change what a guest's own VT-d driver writes for a range: one
 * page-selective descriptor whose address mask covers it, or one domain-selective descriptor
 * when the mask would exceed MAMV (Linux {@code calculate_psi_aligned_address},
 * {@code cap_max_amask_val}) — one descriptor either way, priced the same. The host's VT-d driver
 * passes a guest range on as one PASID-based IOTLB descriptor covering it (Linux
 * {@code qi_batch_add_piotlb}: no MAMV limit on first-stage invalidations), whatever the limit.
 */
class DescriptorLimitTest {
    /** A guest invalidating 4 MiB (1,024 pages) every 5 µs (the queue keeps up) on a hardware-nested child. */
    private static final String SCENARIO = NestedHostScenario.head("0us") + """
              - {name: d, ioasid: child, dma: {span: 4MiB}}
            workloads:
              - {name: f, kind: range-invalidations, ioasid: child, rangeInvalidations: {rate: 200000/s, span: 4MiB, range: 4MiB}}
            """;

    private static Snapshot run(String... sets) {
        return NestedHostScenario.run(SCENARIO, sets);
    }

    @Test
    void narrowerLimit_guestStillWritesOneDescriptorPerRange_atTheSameCost() {
        Snapshot wide = run();
        Snapshot narrow = run("iommu.invalidationQueue.maxRangePages=256");
        double ops = wide.get("wl.f.operations").primary();
        assertThat(narrow.get("wl.f.operations").primary()).isEqualTo(ops);
        assertThat(ops).isPositive();
        // 1,024 pages: one PSI (AM 10) at 2^18 pages, one DSI at 256 pages: the same one descriptor
        assertThat(narrow.get("run.control-cpu-time").primary()).isEqualTo(wide.get("run.control-cpu-time").primary());
        // one P_IOTLB per invalidation at either limit (the last may still be in the queue at the end)
        assertThat(narrow.get("invq.cmd.piotlb-psi").primary()).isBetween(ops, ops + 1);
        assertThat(wide.get("invq.cmd.piotlb-psi").primary()).isBetween(ops, ops + 1);
    }
}

package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.results.Snapshot;
import org.junit.jupiter.api.Test;

/**
 * The widest range one invalidation descriptor covers ({@code iommu.invalidationQueue.maxRangePages})
 * is one limit: a user's (guest's) invalidation is counted, and priced on the host CPU, by it. The
 * host's VT-d driver passes a guest range on as one PASID-based IOTLB descriptor covering it
 * (Linux {@code qi_batch_add_piotlb}: no MAMV limit on first-stage invalidations), whatever the limit.
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
    void narrowerDescriptors_costTheGuestOneDescriptorWriteEach() {
        Snapshot wide = run();
        Snapshot narrow = run("iommu.invalidationQueue.maxRangePages=256");
        double ops = wide.get("wl.f.operations").primary();
        assertThat(narrow.get("wl.f.operations").primary()).isEqualTo(ops);
        assertThat(ops).isPositive();
        // 1,024 pages: 1 descriptor at 2^18 pages, 4 at 256 pages. Per invalidation, the guest's 3
        // extra descriptors cost host.costs.descriptor (100 ns) each; the host still writes one
        // P_IOTLB descriptor for the range: 3 x 100 = 300 ns.
        double extra = narrow.get("run.control-cpu-time").primary() - wide.get("run.control-cpu-time").primary();
        assertThat(extra).as("3 guest descriptors more per invalidation").isEqualTo(ops * 300_000.0);
        // one P_IOTLB per invalidation at either limit (the last may still be in the queue at the end)
        assertThat(narrow.get("invq.cmd.piotlb-psi").primary()).isBetween(ops, ops + 1);
        assertThat(wide.get("invq.cmd.piotlb-psi").primary()).isBetween(ops, ops + 1);
    }
}

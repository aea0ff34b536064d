package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.iommusim.core.results.Snapshot;
import org.junit.jupiter.api.Test;

/**
 * The {@code invalidation-commands} workload writes its explicit commands in the configured
 * architecture's format, on a map-unmap IOASID as well as a nested one, and refuses a
 * page-selective command whose bytes are not an address mask.
 */
class InvalidationCommandsKindTest {
    private static final String SCENARIO = NestedHostScenario.head("0us") + """
              - {name: d, ioasid: child, dma: {span: 4MiB}}
            workloads:
              - {name: c, kind: invalidation-commands, ioasid: host, invalidationCommands: {command: pages, rate: 1000000/s, bytes: 8KiB, span: 64KiB}}
            """;

    @Test
    void pagesOnAHostDomain_vtdWritesPageSelectiveIotlbDescriptors() {
        Snapshot s = NestedHostScenario.run(SCENARIO);
        double ops = s.get("wl.c.operations").primary();
        assertThat(ops).isPositive();
        assertThat(s.get("invq.cmd.iotlb-psi").primary()).isGreaterThanOrEqualTo(ops);
    }

    @Test
    void globalOnArmSmmuv3_writesTlbiNsnhAllAndCmdSync() {
        Snapshot s = NestedHostScenario.run(SCENARIO, "iommu.invalidationQueue.format=arm-smmuv3",
                "workloads.c.invalidationCommands.command=global");
        double ops = s.get("wl.c.operations").primary();
        assertThat(ops).isPositive();
        // an operation counts when its wait completes: the last command may still be in the queue
        assertThat(s.get("invq.cmd.tlbi-nsnh-all").primary()).isBetween(ops, ops + 1);
        assertThat(s.get("invq.cmd.cmd-sync").primary()).isGreaterThanOrEqualTo(ops);
    }

    @Test
    void pagesNotAPowerOfTwo_isRejectedWithTheRule() {
        assertThatThrownBy(() -> NestedHostScenario.run(SCENARIO, "workloads.c.invalidationCommands.bytes=12KiB",
                "workloads.c.invalidationCommands.span=48KiB"))
                .hasMessageContaining("address mask");
    }
}

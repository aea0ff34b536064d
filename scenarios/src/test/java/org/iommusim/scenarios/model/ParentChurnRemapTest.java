package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.results.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code parent-churn}'s {@code remap} under live DMA: an atomic in-place replace never leaves
 * the GPA unmapped, so the device sees no fault and no stale use; unmap-then-map opens a window
 * in which DMAs to the page fault. Both nesting forms, with a guest that maps the churned pages
 * at two IOVAs.
 */
class ParentChurnRemapTest {
    private static String scenario(String nesting, String remap) {
        return scenario(nesting, remap, 10000);
    }

    private static String scenario(String nesting, String remap, int fractionPerSecond) {
        return """
                duration: 300us
                warmup: 20us
                iommu: {preset: generic}  # enough live DMA in 300 us for every architecture-neutral check
                ioasids:
                  - name: gpa
                    maps:
                      - {iova: 0B, pa: 256GiB, bytes: 256KiB, pageSize: 4KiB, eachPage: true}
                      - {iova: 1GiB, pa: 257GiB, bytes: 2MiB, pageSize: 2MiB}
                  - name: vm
                    parent: gpa
                    mode: bind-invalidate
                    nesting: %s
                    guest:
                      tableGpa: 1GiB
                      tableBytes: 1MiB
                      maps:
                        - {iova: 4GiB, gpa: 0B, bytes: 256KiB, aliases: 2, aliasStride: 1GiB}
                devices:
                  - {name: d, kind: dma, ioasid: vm, dma: {base: 4GiB, span: 256KiB, requestBytes: 4KiB, queueDepth: 16}}
                workloads:
                  - name: churn
                    kind: parent-churn
                    ioasid: gpa
                    parentChurn: {fractionPerSecond: %d, gpaBase: 0B, bytes: 256KiB, hpaBase: 256GiB,
                                  altHpaBase: 320GiB, remap: %s}
                """.formatted(nesting, fractionPerSecond, remap);
    }

    private static double v(Snapshot s, String name) {
        return s.get(name).primary();
    }

    @ParameterizedTest(name = "{0} nesting")
    @ValueSource(strings = {"hardware", "software"})
    void atomicRemap_neverFaultsLiveDma(String nesting) {
        Snapshot s = NestedHostScenario.run(scenario(nesting, "atomic"));
        assertThat(v(s, "wl.churn.pages-remapped")).isGreaterThan(100);
        assertThat(v(s, "cp.op.replace.count")).isEqualTo(v(s, "wl.churn.operations"));
        assertThat(v(s, "cp.op.unmap.count") + v(s, "cp.op.map.count")).isZero();
        assertThat(v(s, "run.dma-faults")).isZero();
        assertThat(v(s, "run.stale-uses")).isZero();
        assertThat(v(s, "run.dmas-completed")).isGreaterThan(1000);
    }

    @ParameterizedTest(name = "{0} nesting")
    @ValueSource(strings = {"hardware", "software"})
    void unmapThenMap_faultsDmaInTheWindow(String nesting) {
        Snapshot s = NestedHostScenario.run(scenario(nesting, "unmap-map"));
        assertThat(v(s, "wl.churn.pages-remapped")).isGreaterThan(100);
        assertThat(v(s, "cp.op.replace.count")).isZero();
        assertThat(v(s, "run.dma-faults")).isPositive();
    }

    @ParameterizedTest(name = "{0} nesting")
    @ValueSource(strings = {"hardware", "software"})
    void atomicRemap_costsLessHostCpuThanUnmapThenMap(String nesting) {
        Snapshot atomic = NestedHostScenario.run(scenario(nesting, "atomic"));
        Snapshot split = NestedHostScenario.run(scenario(nesting, "unmap-map"));
        double perAtomic = v(atomic, "run.control-cpu-time") / v(atomic, "wl.churn.pages-remapped");
        double perSplit = v(split, "run.control-cpu-time") / v(split, "wl.churn.pages-remapped");
        assertThat(perAtomic).isLessThan(perSplit); // one ioctl entry instead of two
    }

    @ParameterizedTest(name = "{0} nesting")
    @ValueSource(strings = {"hardware", "software"})
    void quiesce_pausesDmaForTheRemaps_withoutFaults(String nesting) {
        // 128 k remaps/s: below what one VMM thread remapping page after page can do
        Snapshot q = NestedHostScenario.run(scenario(nesting, "quiesce", 2000));
        Snapshot atomic = NestedHostScenario.run(scenario(nesting, "atomic", 2000));
        assertThat(v(q, "wl.churn.pages-remapped")).isGreaterThan(25);
        assertThat(v(q, "run.dma-faults")).isZero();
        assertThat(v(q, "run.stale-uses")).isZero();
        assertThat(v(q, "wl.churn.quiesces")).isPositive().isLessThanOrEqualTo(v(q, "wl.churn.pages-remapped"));
        // the devices stay paused at least while the remaps' operations hold their cores
        assertThat(v(q, "wl.churn.dma-paused"))
                .isGreaterThanOrEqualTo(v(q, "cp.op.unmap.cpu-time") + v(q, "cp.op.map.cpu-time"));
        assertThat(v(q, "run.dmas-completed")).isLessThan(v(atomic, "run.dmas-completed"));
    }

    @Test
    void quiesce_chargesEachDevicesPauseAndResumeIoctl() {
        Snapshot q = NestedHostScenario.run(scenario("hardware", "quiesce", 2000));
        double pauses = v(q, "wl.churn.quiesces");
        double ioctls = v(q, "cp.op.quiesce.count");
        assertThat(pauses).isPositive();
        // one device under the parent: a pause and a resume per quiesce (up to one at the window's edges)
        assertThat(ioctls).isCloseTo(2 * pauses, org.assertj.core.data.Offset.offset(2.0));
        assertThat(v(q, "cp.op.quiesce.cpu-time")).as("not free").isGreaterThanOrEqualTo(ioctls * 500_000);
        assertThat(v(q, "run.control-cpu-time")).isGreaterThanOrEqualTo(v(q, "cp.op.quiesce.cpu-time"));
    }
}

package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iommusim.hw.iommu.ColdWalkTimingTest.HPA_BASE;
import static org.iommusim.hw.iommu.ColdWalkTimingTest.IOVA;
import static org.iommusim.hw.iommu.ColdWalkTimingTest.MEM;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.hw.ioasid.Invalidation;
import org.iommusim.hw.iommu.arch.ArchPresets;
import org.iommusim.hw.iommu.inval.InvBatch;
import org.iommusim.hw.iommu.inval.InvCommand;
import org.iommusim.hw.iommu.inval.InvKind;
import org.iommusim.hw.iommu.inval.InvalidationQueue;
import org.iommusim.hw.testing.PresetFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the walk caches save, read by read: a walk-cache hit on the level-2 prefix leaves only
 * the leaf read; a nested-TLB hit removes a whole stage-2 group of a 2D walk; an invalidation
 * of 2^k pages removes exactly those IOTLB entries; a leaf-only invalidation keeps the walk
 * caches (VALIDATION item 8) — these two under every architecture preset.
 */
class WalkCacheEffectTest {
    private static final long PAGE = 4096;

    private static TimedIommuConfig only(boolean iotlb, boolean pwc, boolean nested) {
        return only(TimedIommuConfig.defaults(), iotlb, pwc, nested);
    }

    /** {@code d} with the IOTLB, walk caches and nested TLB on or off as given, the context cache off. */
    private static TimedIommuConfig only(TimedIommuConfig d, boolean iotlb, boolean pwc, boolean nested) {
        return d.withCaches(d.iotlb().withEnabled(iotlb), d.pwc().withEnabled(pwc), d.nestedTlb().withEnabled(nested))
                .withContextCache(d.contextCache().withEnabled(false), d.contextWalkReads());
    }

    @ParameterizedTest(name = "{0} levels: neighbouring page reads 1 PTE")
    @CsvSource({"4", "5"})
    void walkCacheHit_leavesOnlyTheLeafRead_singleStage(int levels) {
        TimedRig rig = new TimedRig(ColdWalkTimingTest.native1(levels), only(false, true, false), MEM);

        assertThat(rig.readsFor(1, IOVA)).isEqualTo(levels);
        TimedRig.Done d = rig.translateNow(1, IOVA + PAGE);

        assertThat(rig.reads()).as("second walk: level-2 entry cached, so levels %d..2 skipped", levels)
                .isEqualTo(levels + 1);
        assertThat(d.hpa()).isEqualTo(HPA_BASE + PAGE);
        assertThat(d.latency()).isEqualTo(MEM + TimedIommuConfig.DEFAULT_PWC_LATENCY_PS);
    }

    @Test
    void walkCacheHit_shortensA2dWalkToLeafAndFinalGroup() {
        TimedRig rig = new TimedRig(ColdWalkTimingTest.nested(4, 4), only(false, true, false), MEM);

        assertThat(rig.readsFor(1, IOVA)).isEqualTo(24);
        // Stage-1 level-2 entry cached: groups and reads for levels 4..2 skipped. Left: the
        // stage-2 group for the level-1 table pointer (its level-2 prefix is cached at stage 2,
        // so 1 read), the stage-1 leaf, the final group (1 read: same stage-2 level-2 prefix).
        assertThat(rig.readsFor(1, IOVA + PAGE)).isEqualTo(3);
    }

    @Test
    void nestedTlbHit_skipsEveryPointerGroup() {
        TimedRig rig = new TimedRig(ColdWalkTimingTest.nested(4, 4), only(false, false, true), MEM);

        assertThat(rig.readsFor(1, IOVA)).isEqualTo(24);
        TimedRig.Done d = rig.translateNow(1, IOVA + PAGE);

        // All 4 guest tables' stage-2 translations are in the nested TLB: left are the 4
        // stage-1 reads and the 4 reads of the final group (n + m).
        assertThat(rig.reads()).isEqualTo(24 + 8);
        assertThat(d.ok()).isTrue();
        assertThat(d.latency()).isEqualTo(8 * MEM + 4 * TimedIommuConfig.DEFAULT_NESTED_TLB_LATENCY_PS);
    }

    @Test
    void secondMissToTheSamePage_joinsTheWalkInFlight() {
        TimedRig rig = new TimedRig(ColdWalkTimingTest.native1(4), TimedIommuConfig.defaults().withCachesOff(), MEM);

        rig.translate(1, IOVA, 0);
        rig.translate(1, IOVA + 0x40, 1);
        rig.sim.run();

        assertThat(rig.counter("walk.count")).isEqualTo(1);
        assertThat(rig.counter("walk.joined")).isEqualTo(1);
        assertThat(rig.reads()).isEqualTo(4);
        assertThat(rig.done).extracting(TimedRig.Done::at).containsOnly(4 * MEM);
        assertThat(rig.done.get(1).hpa()).isEqualTo(HPA_BASE + 0x40);
    }

    @Test
    void missToAnotherPage_doesNotJoin() {
        TimedRig rig = new TimedRig(ColdWalkTimingTest.native1(4), TimedIommuConfig.defaults().withCachesOff(), MEM);

        rig.translate(1, IOVA, 0);
        rig.translate(1, IOVA + PAGE, 1);
        rig.sim.run();

        assertThat(rig.counter("walk.count")).isEqualTo(2);
        assertThat(rig.counter("walk.joined")).isZero();
    }

    static List<Arguments> scopes() {
        List<Arguments> out = new ArrayList<>();
        for (String p : ArchPresets.names()) {
            for (int[] kFirst : new int[][] {{0, 5}, {2, 4}, {3, 8}, {4, 0}}) {
                out.add(Arguments.of(p, kFirst[0], kFirst[1]));
            }
        }
        return out;
    }

    /**
     * A rig with {@code preset}'s IOTLB and walk caches (its TBU micro-TLB as the preset has it;
     * context cache and nested TLB off: they hold no page entries of a native walk) behind the
     * preset's invalidation queue, so the invalidation goes out as the preset's driver writes it
     * (VT-d PSI with an address mask, SMMUv3 TLBI_NH_VA range commands, AMD-Vi
     * INVALIDATE_IOMMU_PAGES with the S bit). The generic preset is the defaults.
     */
    private static TimedRig presetRig(String preset) {
        return new TimedRig(ColdWalkTimingTest.native1(4), only(ArchPresets.get(preset).iommu(), true, true, false),
                MEM);
    }

    private static QueuedInvalidation presetQueue(TimedRig rig, String preset) {
        return new QueuedInvalidation(rig, new InvalidationQueue(rig.sim, rig.stats, "invq",
                PresetFixture.invQueue(preset), rig.iommu.effectHook()));
    }

    /** VALIDATION item 8 under every preset's IOTLB organisation and invalidation commands. */
    @ParameterizedTest(name = "{0}: invalidating 2^{1} pages from page {2} removes exactly them")
    @MethodSource("scopes")
    void pageSelectiveInvalidation_removesExactlyThoseEntries(String preset, int k, int firstPage) {
        TimedRig rig = presetRig(preset);
        int root = rig.f.cp.attached(1, 0).id();
        rig.f.map(root, 0, HPA_BASE + (1L << 30), 16 * PAGE, org.iommusim.hw.pagetable.PageSize.SIZE_4K);
        for (int p = 0; p < 16; p++) {
            rig.translateNow(1, p * PAGE);
        }
        assertThat(rig.iommu.iotlb().size()).isEqualTo(16);

        presetQueue(rig, preset).invalidate(new Invalidation(root, Invalidation.Scope.RANGE, firstPage * PAGE,
                (1L << k) * PAGE, -1, true, 1, Invalidation.Cause.UNMAP));

        for (int p = 0; p < 16; p++) {
            boolean inRange = p >= firstPage && p < firstPage + (1 << k);
            assertThat(rig.iommu.iotlb().find(root, 0, p * PAGE, PAGE) >= 0).as("page %d", p).isEqualTo(!inRange);
        }
        assertThat(rig.iommu.iotlb().size()).isEqualTo(16 - (1 << k));
    }

    /**
     * The leaf hint through each preset's driver. AMD-Vi's Linux driver sets PDE on every
     * INVALIDATE_IOMMU_PAGES ("we want to flush everything, not only the PTEs"), so an unmap's
     * leaf hint cannot reach its hardware and the neighbouring miss walks all 4 levels: item 8's
     * leaf-only clause does not apply to that driver path; the hardware's own leaf-only command
     * (PDE = 0) is checked by {@link #amdViPagesWithPdeClear_keepsWalkCaches}.
     */
    static List<Arguments> leafOnly() {
        List<Arguments> out = new ArrayList<>();
        for (String p : ArchPresets.names()) {
            out.add(Arguments.of(p, true, p.equals("amd-vi") ? 4 : 1));
            out.add(Arguments.of(p, false, 4));
        }
        return out;
    }

    /** Item 8's leaf-only clause on AMD-Vi's hardware: INVALIDATE_IOMMU_PAGES with PDE = 0 keeps the PDE caches. */
    @ParameterizedTest(name = "PDE = {0}: neighbouring miss reads {1} PTEs")
    @CsvSource({"false,1", "true,4"})
    void amdViPagesWithPdeClear_keepsWalkCaches(boolean pde, int reads) {
        TimedRig rig = presetRig("amd-vi");
        int root = rig.f.cp.attached(1, 0).id();
        rig.translateNow(1, IOVA);
        InvalidationQueue q = new InvalidationQueue(rig.sim, rig.stats, "invq", PresetFixture.invQueue("amd-vi"),
                rig.iommu.effectHook());
        InvBatch b = q.newBatch().clear();
        b.addCover(InvCommand.AMD_INVALIDATE_IOMMU_PAGES, InvKind.IOTLB_RANGE, root, InvBatch.ANY_PASID, IOVA / PAGE,
                1, !pde);
        b.addWait(InvCommand.AMD_COMPLETION_WAIT, null, 0);

        q.submit(b, null);
        rig.sim.run();

        assertThat(rig.iommu.iotlb().find(root, 0, IOVA, PAGE)).as("IOTLB entry gone either way").isNegative();
        assertThat(rig.readsFor(1, IOVA + PAGE)).isEqualTo(reads);
    }

    @ParameterizedTest(name = "{0}: leaf-only {1}: neighbouring miss reads {2} PTEs")
    @MethodSource("leafOnly")
    void leafOnlyInvalidation_keepsWalkCaches(String preset, boolean leafOnly, int reads) {
        TimedRig rig = presetRig(preset);
        int root = rig.f.cp.attached(1, 0).id();
        rig.translateNow(1, IOVA);

        presetQueue(rig, preset).invalidate(new Invalidation(root, Invalidation.Scope.RANGE, IOVA, PAGE, -1,
                leafOnly, 1, Invalidation.Cause.UNMAP));

        assertThat(rig.iommu.iotlb().find(root, 0, IOVA, PAGE)).as("IOTLB entry gone either way").isNegative();
        assertThat(rig.readsFor(1, IOVA + PAGE)).isEqualTo(reads);
    }

    @Test
    void parentChangeFlush_removesEveryEntryOfTheChildAndIsCounted() {
        TimedRig rig = new TimedRig(ColdWalkTimingTest.nested(4, 4), TimedIommuConfig.defaults(), MEM);
        int child = rig.f.cp.attached(1, 0).id();
        rig.translateNow(1, IOVA);
        rig.translateNow(1, IOVA + PAGE);
        assertThat(rig.iommu.iotlb().size()).isEqualTo(2);

        new QueuedInvalidation(rig).invalidate(new Invalidation(child, Invalidation.Scope.ALL, 0, 0, -1, false, 1,
                Invalidation.Cause.PARENT_CHANGE));

        assertThat(rig.iommu.iotlb().size()).isZero();
        assertThat(rig.counter("invalidation.parent-change-flushes")).isEqualTo(1);
        assertThat(rig.readsFor(1, IOVA)).as("child's stage-1 walk cache flushed; parent's stage 2 kept")
                .isGreaterThan(4);
    }

    @Test
    void contextCache_missReadsContextStructures_hitCostsItsLatency_detachDropsTheEntry() {
        TimedIommuConfig c = only(false, false, false).withContextCache(TimedIommuConfig.defaults().contextCache(), 4)
                .withPipeline(new PipelineConfig(false, 0, 0, 0, 0, false)); // context hits charged
        TimedRig rig = new TimedRig(ColdWalkTimingTest.native1(4), c, MEM);
        int root = rig.f.cp.attached(1, 0).id();
        long ctx = c.contextCache().latencyPs();

        assertThat(rig.translateNow(1, IOVA).latency()).isEqualTo(ctx + 4 * MEM + 4 * MEM);
        assertThat(rig.translateNow(1, IOVA + PAGE).latency()).as("context hit").isEqualTo(ctx + 4 * MEM);
        assertThat(rig.counter("context.walk-reads")).isEqualTo(4);

        new QueuedInvalidation(rig).invalidate(new Invalidation(root, Invalidation.Scope.PASID, 0, 0, 0, false, 1,
                Invalidation.Cause.DETACH));

        assertThat(rig.translateNow(1, IOVA).latency()).as("context entry gone").isEqualTo(ctx + 4 * MEM + 4 * MEM);
        assertThat(rig.counter("context.walk-reads")).isEqualTo(8);
    }
}

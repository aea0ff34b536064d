package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * VALIDATION item 1 through the timed path: with every cache off, a DMA to a fresh 4 KiB page
 * issues n (single stage) or n·m + n + m (hardware nesting) PTE memory reads, counted per walk,
 * and the walk takes exactly reads × memory latency. With caches on (all cold), the lookup
 * latencies are added exactly: IOTLB, one stage-1 walk-cache probe, and per stage-2 group a
 * nested-TLB probe (pointer groups only) and a stage-2 walk-cache probe; before all of them a
 * context/PASID-cache miss with its reads of the context structures.
 */
class ColdWalkTimingTest {
    static final long IOVA = 0x1234_5000L;
    static final long DATA_GPA = 0x10_0000L;
    static final long HPA_BASE = 0x40_0000_0000L;
    static final long MEM = 100 * SimTime.NS;

    static TreeFixture native1(int levels) {
        TreeFixture f = TreeFixture.anyDepth();
        int root = f.root(levels);
        f.map(root, IOVA, HPA_BASE, 2 * 4096, PageSize.SIZE_4K);
        f.attach(1, 0, root);
        return f;
    }

    static TreeFixture nested(int n, int m) {
        TreeFixture f = TreeFixture.anyDepth();
        int parent = f.root(m);
        f.map(parent, 0, HPA_BASE, 1L << 21, PageSize.SIZE_4K);
        int child = f.child(parent, Mode.BIND_INVALIDATE, Nesting.HARDWARE, n);
        GuestPageTable table = f.guestTable(child, 0, DATA_GPA);
        TreeFixture.ok(table.map(IOVA, DATA_GPA, PageSize.SIZE_4K, Prot.RW));
        TreeFixture.ok(table.map(IOVA + 4096, DATA_GPA + 4096, PageSize.SIZE_4K, Prot.RW));
        f.attach(1, 0, child);
        return f;
    }

    @ParameterizedTest(name = "single stage, {0} levels: {0} reads")
    @CsvSource({"4", "5"})
    void coldSingleStageWalk_readsOnePtePerLevel_cachesOff(int levels) {
        TimedRig rig = new TimedRig(native1(levels), TimedIommuConfig.defaults().withCachesOff(), MEM);

        TimedRig.Done d = rig.translateNow(1, IOVA + 0x10);

        assertThat(d.ok()).isTrue();
        assertThat(d.hpa()).isEqualTo(HPA_BASE + 0x10);
        assertThat(rig.reads()).isEqualTo(levels);
        assertThat(rig.histogram("walk.pte-reads-per-walk").copy().getMaxValue()).isEqualTo(levels);
        assertThat(rig.walkTimeMax()).isEqualTo(levels * MEM);
        assertThat(d.latency()).as("no cache latency when caches are off").isEqualTo(levels * MEM);
    }

    @ParameterizedTest(name = "{0}x{1} nested: {2} reads")
    @CsvSource({"4,4,24", "5,5,35", "4,5,29", "5,4,29", "3,3,15", "4,1,9"})
    void coldNestedWalk_readsNmPlusNPlusM_cachesOff(int n, int m, int reads) {
        TimedRig rig = new TimedRig(nested(n, m), TimedIommuConfig.defaults().withCachesOff(), MEM);

        TimedRig.Done d = rig.translateNow(1, IOVA + 0x10);

        assertThat(d.ok()).as("%s", d).isTrue();
        assertThat(d.hpa()).isEqualTo(HPA_BASE + DATA_GPA + 0x10);
        assertThat(rig.reads()).isEqualTo(reads);
        assertThat(rig.iommu.pteReads(2, 1)).as("stage-2 leaf reads: one per group").isEqualTo(n + 1);
        assertThat(rig.walkTimeMax()).isEqualTo(reads * MEM);
        assertThat(d.latency()).isEqualTo(reads * MEM);
    }

    @ParameterizedTest(name = "{0}x{1} nested, caches on and cold: {2} reads plus lookups")
    @CsvSource({"4,4,24", "5,5,35", "3,3,15"})
    void coldNestedWalk_addsEveryLookupLatencyExactly_cachesOn(int n, int m, int reads) {
        TimedIommuConfig c = TimedIommuConfig.defaults();
        TimedRig rig = new TimedRig(nested(n, m), c, MEM);

        TimedRig.Done d = rig.translateNow(1, IOVA);

        long context = c.contextCache().latencyPs() + c.contextWalkReads() * MEM; // a cold context miss
        long lookups = context + c.iotlb().latencyPs() + c.pwc().latencyPs()
                + n * (c.nestedTlb().latencyPs() + c.pwc().latencyPs()) + c.pwc().latencyPs();
        assertThat(rig.reads()).isEqualTo(reads);
        assertThat(d.latency()).isEqualTo(reads * MEM + lookups);
        assertThat(rig.walkTimeMax()).isEqualTo(reads * MEM + lookups - c.iotlb().latencyPs() - context);
    }

    @ParameterizedTest(name = "single stage {0} levels, caches on and cold")
    @CsvSource({"4", "5"})
    void coldSingleStageWalk_addsIotlbAndOneWalkCacheLookup_cachesOn(int levels) {
        // hits charged, so a hit's latency is the lookups' (the default hides it: PipelineTest)
        TimedIommuConfig c = TimedIommuConfig.defaults().withPipeline(new PipelineConfig(false, 0, 0, 0, 0, false));
        TimedRig rig = new TimedRig(native1(levels), c, MEM);

        TimedRig.Done d = rig.translateNow(1, IOVA);

        assertThat(rig.reads()).isEqualTo(levels);
        long context = c.contextCache().latencyPs();
        assertThat(d.latency()).as("context miss, IOTLB miss, walk-cache miss, %d reads", levels)
                .isEqualTo(context + c.contextWalkReads() * MEM + c.iotlb().latencyPs() + c.pwc().latencyPs()
                        + levels * MEM);
        TimedRig.Done again = rig.translateNow(1, IOVA + 8);
        assertThat(again.latency()).as("context hit and IOTLB hit: lookup latencies only")
                .isEqualTo(context + c.iotlb().latencyPs());
        assertThat(rig.reads()).isEqualTo(levels);
        assertThat(again.hpa()).isEqualTo(HPA_BASE + 8);
    }
}

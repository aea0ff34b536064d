package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iommusim.hw.iommu.ColdWalkTimingTest.IOVA;
import static org.iommusim.hw.iommu.ColdWalkTimingTest.MEM;

import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.hw.iommu.arch.ArchPresets;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A context-cache miss of a hardware-nested child pays the stage-2 translation of the
 * structures the guest owns where the architecture addresses them by IPA (SMMUv3: the CD), in
 * closed form: the IPA-cache and stage-2 walk-cache probe latencies plus m stage-2 reads on an
 * m-level parent when both are cold; none when the IPA cache holds the CD page; only the reads
 * the stage-2 walk cache does not save otherwise. A single-stage domain and VT-d (host-physical
 * PASID tables) pay nothing of it. AMD-Vi: a miss reads the device-table entry, plus the GCR3
 * entry for a PASID or a nested guest table, the latter by GPA through stage 2 like the CD.
 */
class ContextStageTwoTest {
    /** SMMUv3's context structures: L1 stream-table descriptor, STE, CD; the CD by IPA. */
    static TimedIommuConfig smmu() {
        return ArchPresets.get("arm-smmuv3").iommu().withMicroTlb(TimedIommuConfig.defaults().tbuMicroTlb());
    }

    static long s2Reads(TimedRig rig) {
        return rig.counter("context.stage2-reads");
    }

    /** Without IPA-addressed context reads the statistic is not registered (as the TBU micro-TLB's). */
    static boolean noStageTwoStatistic(TimedRig rig) {
        return rig.stats.get(TimedRig.P + ".context.stage2-reads") == null;
    }

    @ParameterizedTest(name = "{0}x{1} nested on arm-smmuv3: CD miss pays {1} stage-2 reads")
    @CsvSource({"4,4", "4,3", "3,4"})
    void nestedChildOnSmmu_cdMissPaysStageTwoWalk_cold(int n, int m) {
        TimedIommuConfig c = smmu();
        TimedIommuConfig noIpa = c.withContextCache(c.contextCache(), 3, 0);
        TimedRig rig = new TimedRig(ColdWalkTimingTest.nested(n, m), c, MEM);
        TimedRig base = new TimedRig(ColdWalkTimingTest.nested(n, m), noIpa, MEM);

        TimedRig.Done d = rig.translateNow(1, IOVA);
        TimedRig.Done without = base.translateNow(1, IOVA);

        assertThat(c.contextIpaReads()).isEqualTo(1);
        assertThat(s2Reads(rig)).isEqualTo(m);
        assertThat(noStageTwoStatistic(base)).isTrue();
        assertThat(rig.counter("context.walk-reads")).as("the structures' reads are unchanged").isEqualTo(3);
        assertThat(rig.reads()).as("the data walk is unchanged").isEqualTo(base.reads()).isEqualTo(n * m + n + m);
        assertThat(d.latency() - without.latency()).as("IPA-cache probe + stage-2 walk-cache probe + m reads")
                .isEqualTo(c.nestedTlb().latencyPs() + c.pwc().latencyPs() + m * MEM);
    }

    @Test
    void secondCdMissOfSameChild_hitsIpaCache_noStageTwoReads() {
        TimedIommuConfig c = smmu();
        TreeFixture f = ColdWalkTimingTest.nested(4, 4);
        f.attach(2, 0, f.cp.attached(1, 0).id());
        TimedRig rig = new TimedRig(f, c, MEM);
        rig.translateNow(1, IOVA);

        TimedRig.Done second = rig.translateNow(2, IOVA);

        assertThat(s2Reads(rig)).as("device 2's miss: the CD page's IPA is cached").isEqualTo(4);
        assertThat(second.latency()).as("context miss (IPA-cache hit, 3 reads), IOTLB hit hidden")
                .isEqualTo(c.contextCache().latencyPs() + c.nestedTlb().latencyPs() + 3 * MEM);
    }

    @Test
    void cdMissWithoutIpaCache_readsOnlyWhatStageTwoWalkCacheLeaves() {
        TimedIommuConfig s = smmu();
        CacheConfig off = s.nestedTlb().withEnabled(false);
        TimedIommuConfig c = s.withCaches(s.iotlb(), s.pwc(), off);
        TreeFixture f = ColdWalkTimingTest.nested(4, 4);
        f.attach(2, 0, f.cp.attached(1, 0).id());
        TimedRig rig = new TimedRig(f, c, MEM);
        rig.translateNow(1, IOVA); // cold: 4 stage-2 reads; the data walk fills the stage-2 walk cache

        TimedRig.Done second = rig.translateNow(2, IOVA);

        assertThat(s2Reads(rig)).as("4 cold, then the leaf only (level-2 entry of the root page's IPA)").isEqualTo(5);
        assertThat(second.latency()).isEqualTo(c.contextCache().latencyPs() + c.pwc().latencyPs() + (3 + 1) * MEM);
    }

    @Test
    void singleStageDomainOnSmmu_cdMiss_noStageTwoReads() {
        TimedIommuConfig c = smmu();
        TimedRig rig = new TimedRig(ColdWalkTimingTest.native1(4), c, MEM);

        TimedRig.Done d = rig.translateNow(1, IOVA);

        assertThat(s2Reads(rig)).isZero();
        assertThat(d.latency()).isEqualTo(c.contextCache().latencyPs() + 3 * MEM + c.iotlb().latencyPs()
                + c.pwc().latencyPs() + 4 * MEM);
    }

    @Test
    void nestedChildOnVtd_hostPhysicalPasidTables_noStageTwoReads() {
        TimedIommuConfig c = ArchPresets.get("intel-vtd").iommu();
        TimedRig rig = new TimedRig(ColdWalkTimingTest.nested(4, 4), c, MEM);

        rig.translateNow(1, IOVA);

        assertThat(c.contextIpaReads()).isZero();
        assertThat(noStageTwoStatistic(rig)).isTrue();
        assertThat(rig.counter("context.walk-reads")).isEqualTo(4);
    }

    /** AMD-Vi's context structures: the device-table entry, then for first-stage attachments the GCR3 entry by GPA. */
    static TimedIommuConfig amd() {
        return ArchPresets.get("amd-vi").iommu();
    }

    @ParameterizedTest(name = "{0}x{1} nested on amd-vi: DTE + GCR3 read, the GCR3 GPA through {1} stage-2 reads")
    @CsvSource({"4,4", "4,3", "3,4"})
    void nestedChildOnAmd_contextMissReadsDteAndGcr3_gcr3ByGpaThroughStageTwo(int n, int m) {
        TimedIommuConfig c = amd();
        TimedIommuConfig noIpa = c.withContextCache(c.contextCache(), 1, 0);
        TimedRig rig = new TimedRig(ColdWalkTimingTest.nested(n, m), c, MEM);
        TimedRig base = new TimedRig(ColdWalkTimingTest.nested(n, m), noIpa, MEM);

        TimedRig.Done d = rig.translateNow(1, IOVA);
        TimedRig.Done without = base.translateNow(1, IOVA);

        assertThat(rig.counter("context.walk-reads")).as("device-table entry + GCR3 entry").isEqualTo(2);
        assertThat(s2Reads(rig)).isEqualTo(m);
        assertThat(rig.reads()).as("the data walk is unchanged").isEqualTo(base.reads()).isEqualTo(n * m + n + m);
        assertThat(d.latency() - without.latency()).as("IPA-cache probe + stage-2 walk-cache probe + m reads")
                .isEqualTo(c.nestedTlb().latencyPs() + c.pwc().latencyPs() + m * MEM);
    }

    @Test
    void hostDomainOnAmd_requestWithoutPasid_readsTheDeviceTableEntryAlone() {
        TimedIommuConfig c = amd();
        TimedRig rig = new TimedRig(ColdWalkTimingTest.native1(4), c, MEM);

        TimedRig.Done d = rig.translateNow(1, IOVA);

        assertThat(rig.counter("context.walk-reads")).isEqualTo(1);
        assertThat(s2Reads(rig)).isZero();
        assertThat(d.latency()).isEqualTo(c.contextCache().latencyPs() + MEM + c.iotlb().latencyPs()
                + c.pwc().latencyPs() + 4 * MEM);
    }

    @Test
    void pasidAttachmentOnAmd_readsTheGcr3EntryAfterTheDeviceTableEntry() {
        TimedIommuConfig c = amd();
        TreeFixture f = new TreeFixture();
        int root = f.root(4);
        f.attach(1, 5, root);
        f.map(root, IOVA, ColdWalkTimingTest.HPA_BASE, 4096, org.iommusim.hw.pagetable.PageSize.SIZE_4K);
        TimedRig rig = new TimedRig(f, c, MEM);

        rig.translateNow(1, 5, IOVA);

        assertThat(rig.counter("context.walk-reads")).as("PASID 5: DTE + GCR3 entry").isEqualTo(2);
        assertThat(s2Reads(rig)).as("host-physical GCR3 table outside nesting").isZero();
    }
}

package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.iommusim.hw.iommu.ColdWalkTimingTest.IOVA;
import static org.iommusim.hw.iommu.ColdWalkTimingTest.MEM;

import java.util.List;
import org.iommusim.hw.cache.CacheConfig;
import org.junit.jupiter.api.Test;

/**
 * Per stage × level walk-cache configuration: disabling one instance (stage 1, level 2) changes
 * the reads of a warm neighbouring walk exactly as the remaining levels predict, and leaves the
 * other instances' behaviour as it was; by default every instance has the shared configuration.
 */
class WalkCacheLevelsTest {
    private static final long PAGE = 4096;

    /** Walk caches only (no IOTLB, nested TLB or context cache), optionally without stage-1 level 2. */
    private static TimedIommuConfig walkCachesOnly(boolean s1l2) {
        TimedIommuConfig d = TimedIommuConfig.defaults();
        TimedIommuConfig c = d.withCaches(d.iotlb().withEnabled(false), d.pwc(), d.nestedTlb().withEnabled(false))
                .withContextCache(d.contextCache().withEnabled(false), d.contextWalkReads());
        return s1l2 ? c : c.withPwc(1, 2, d.pwc().withEnabled(false));
    }

    @Test
    void defaults_everyInstanceHasTheSharedConfiguration_512EntriesInAll() {
        TimedIommuConfig d = TimedIommuConfig.defaults();
        long entries = 0;
        for (int stage = 1; stage <= 2; stage++) {
            for (int level = 2; level <= 5; level++) {
                assertThat(d.pwc(stage, level)).isEqualTo(d.pwc());
                entries += d.pwc(stage, level).entries();
            }
        }
        assertThat(entries).isEqualTo(512);
    }

    @Test
    void stageOneLevelTwoDisabled_warmNeighbourSingleStage_readsLevelsTwoAndOne() {
        TimedRig on = new TimedRig(ColdWalkTimingTest.native1(4), walkCachesOnly(true), MEM);
        TimedRig off = new TimedRig(ColdWalkTimingTest.native1(4), walkCachesOnly(false), MEM);
        on.readsFor(1, IOVA);
        off.readsFor(1, IOVA);

        long withL2 = on.readsFor(1, IOVA + PAGE);
        TimedRig.Done d = off.translateNow(1, IOVA + 2 * PAGE);

        assertThat(withL2).as("level-2 entry cached: only the leaf").isEqualTo(1);
        assertThat(off.reads()).as("cold 4, then the level-3 hit leaves levels 2 and 1").isEqualTo(4 + 2);
        assertThat(d.latency()).isEqualTo(2 * MEM + TimedIommuConfig.DEFAULT_PWC_LATENCY_PS);
        assertThat(off.counter("pwc.s1.l2.hits") + off.counter("pwc.s1.l2.misses"))
                .as("the disabled level is never probed").isZero();
        assertThat(off.counter("pwc.s1.l3.hits")).isEqualTo(1);
        assertThat(on.counter("pwc.s1.l3.hits")).as("with level 2 on, level 3 is not reached").isZero();
    }

    @Test
    void stageOneLevelTwoDisabled_warmNeighbour2d_addsExactlyTheLevelTwoReadAndItsGroup() {
        TimedRig on = new TimedRig(ColdWalkTimingTest.nested(4, 4), walkCachesOnly(true), MEM);
        TimedRig off = new TimedRig(ColdWalkTimingTest.nested(4, 4), walkCachesOnly(false), MEM);
        assertThat(on.readsFor(1, IOVA)).isEqualTo(24);
        assertThat(off.readsFor(1, IOVA)).isEqualTo(24);
        long s2Before = stageTwoHits(off);

        // On: stage-1 level-2 hit; left the level-1 pointer group (1 read: stage-2 level-2 hit),
        // the stage-1 leaf and the final group (1 read) = 3. Off: the stage-1 level-3 hit also
        // leaves the level-2 pointer group (1 read) and the stage-1 level-2 read = 5.
        assertThat(on.readsFor(1, IOVA + PAGE)).isEqualTo(3);
        assertThat(off.readsFor(1, IOVA + PAGE)).isEqualTo(5);
        assertThat(stageTwoHits(off) - s2Before).as("one stage-2 level-2 hit per group: 3 groups").isEqualTo(3);
        assertThat(off.counter("pwc.s2.l2.misses")).isEqualTo(on.counter("pwc.s2.l2.misses"));
    }

    @Test
    void overrides_sameStageAndLevelTwice_isRejected() {
        CacheConfig c = TimedIommuConfig.defaults().pwc();
        assertThatThrownBy(() -> new WalkCacheLevels(List.of(new WalkCacheLevels.Level(1, 2, c),
                new WalkCacheLevels.Level(1, 2, c)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WalkCacheLevels.Level(1, 1, c)).isInstanceOf(IllegalArgumentException.class);
    }

    private static long stageTwoHits(TimedRig rig) {
        long n = 0;
        for (int level = 2; level <= 5; level++) {
            n += rig.counter("pwc.s2.l" + level + ".hits");
        }
        return n;
    }
}

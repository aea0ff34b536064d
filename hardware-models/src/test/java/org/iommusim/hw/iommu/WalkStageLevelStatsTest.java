package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.iommusim.core.stats.LatencyHistogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Walk statistics per stage × level (issue 14): PTE reads ({@code walk.pte-reads.s<S>.l<L>}),
 * the walk's time per read ({@code walk.step-latency.s<S>.l<L>}) and the walk caches' hits and
 * misses ({@code pwc.s<S>.l<L>.*}). Closed form (VALIDATION item 1): a cold 2D walk of an n-level
 * guest table over an m-level host table reads one stage-1 PTE per guest level and, in each of
 * the n + 1 stage-2 walks (n guest table pointers and the output GPA), one stage-2 PTE per host
 * level: n·m + n + m in all.
 */
class WalkStageLevelStatsTest {
    @ParameterizedTest(name = "{0}x{1} nested, caches off")
    @CsvSource({"4,4", "5,5", "4,5", "5,4", "3,3"})
    void coldNestedWalk_splitsReadsAndStepTimesPerStageAndLevelAsTheClosedForm(int n, int m) {
        TimedRig rig = new TimedRig(ColdWalkTimingTest.nested(n, m), TimedIommuConfig.defaults().withCachesOff(),
                ColdWalkTimingTest.MEM);

        assertThat(rig.translateNow(1, ColdWalkTimingTest.IOVA).ok()).isTrue();

        long total = 0;
        for (int level = 1; level <= 5; level++) {
            long s1 = level <= n ? 1 : 0;
            long s2 = level <= m ? n + 1 : 0;
            assertThat(rig.iommu.pteReads(1, level)).as("stage 1, level %d", level).isEqualTo(s1);
            assertThat(rig.iommu.pteReads(2, level)).as("stage 2, level %d", level).isEqualTo(s2);
            LatencyHistogram h1 = step(rig, 1, level);
            LatencyHistogram h2 = step(rig, 2, level);
            assertThat(h1.count()).isEqualTo(s1);
            assertThat(h2.count()).isEqualTo(s2);
            if (s2 > 0) { // caches off: every step is one memory read
                assertThat(h2.mean()).isCloseTo(ColdWalkTimingTest.MEM, within(ColdWalkTimingTest.MEM * 0.001));
            }
            total += s1 + s2;
        }
        assertThat(total).isEqualTo((long) n * m + n + m);
    }

    @Test
    void warmSecondPage_hitsTheStageOneLevelTwoWalkCacheAndReadsOnlyTheLeafGroup() {
        TimedIommuConfig c = TimedIommuConfig.defaults();
        TimedRig rig = new TimedRig(ColdWalkTimingTest.nested(4, 4), c, ColdWalkTimingTest.MEM);
        rig.translateNow(1, ColdWalkTimingTest.IOVA);
        long[] s1 = new long[6];
        long[] s2 = new long[6];
        for (int level = 1; level <= 5; level++) {
            s1[level] = rig.iommu.pteReads(1, level);
            s2[level] = rig.iommu.pteReads(2, level);
        }
        long hitsBefore = rig.counter("pwc.s1.l2.hits");

        assertThat(rig.translateNow(1, ColdWalkTimingTest.IOVA + 4096).ok()).isTrue();

        assertThat(rig.counter("pwc.s1.l2.hits") - hitsBefore).as("the level-2 entry of the first walk").isEqualTo(1);
        assertThat(rig.iommu.pteReads(1, 1) - s1[1]).as("the guest leaf").isEqualTo(1);
        for (int level = 2; level <= 4; level++) {
            assertThat(rig.iommu.pteReads(1, level) - s1[level]).as("stage 1 level %d saved", level).isZero();
        }
        // the final GPA's stage-2 group: the stage-2 walk cache holds its level-2 entry from the first walk
        // (same 2 MiB of guest-physical space), so only its leaf is read
        assertThat(rig.iommu.pteReads(2, 1) - s2[1]).isEqualTo(1);
        assertThat(rig.counter("pwc.s2.l2.hits")).isGreaterThanOrEqualTo(1);
        // charged lookups land in the steps: both walks' step times add up to their latencies (no fill time)
        double steps = 0;
        for (int stage = 1; stage <= 2; stage++) {
            for (int level = 1; level <= 4; level++) {
                LatencyHistogram h = step(rig, stage, level);
                steps += h.mean() * h.count();
            }
        }
        LatencyHistogram walks = rig.histogram("walk.latency");
        assertThat(walks.count()).isEqualTo(2);
        assertThat(steps).isCloseTo(walks.mean() * walks.count(), within(walks.mean() * walks.count() * 0.002));
    }

    private static LatencyHistogram step(TimedRig rig, int stage, int level) {
        return rig.histogram("walk.step-latency.s" + stage + ".l" + level);
    }
}

package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iommusim.hw.iommu.ColdWalkTimingTest.IOVA;
import static org.iommusim.hw.iommu.ColdWalkTimingTest.MEM;

import org.iommusim.core.stats.TimeWeighted;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;

/**
 * Back-pressure, hand-traced. Caches off, memory 100 ns, 4-level table: every translation is a
 * 400 ns walk to its own page, so completion times follow from the bounds alone.
 */
class BackPressureTest {
    private static final long PAGE = 4096;
    private static final long WALK = 4 * MEM;

    private static TimedRig rig(int walkers, int perIommu, int perDevice) {
        TreeFixture f = TreeFixture.anyDepth();
        int root = f.root(4);
        f.map(root, IOVA, 0x40_0000_0000L, 16 * PAGE, PageSize.SIZE_4K);
        f.attach(1, 0, root);
        f.attach(2, 0, root);
        TimedIommuConfig c = TimedIommuConfig.defaults().withCachesOff().withWalkers(walkers)
                .withInFlight(perIommu, perDevice);
        return new TimedRig(f, c, MEM);
    }

    @Test
    void iommuBound_admitsTwoAtATime_completionsInPairs() {
        TimedRig rig = rig(16, 2, 16);
        for (int i = 0; i < 5; i++) {
            rig.translate(1, IOVA + i * PAGE, i);
        }
        assertThat(rig.iommu.inFlight()).isEqualTo(2);
        assertThat(rig.iommu.waitingForAdmission()).isEqualTo(3);

        rig.sim.run();

        // t=0: requests 0,1 admitted; 400 ns: they finish, 2,3 admitted; 800: 4 admitted; 1200: done.
        assertThat(rig.done).extracting(TimedRig.Done::tag).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(rig.done).extracting(TimedRig.Done::at).containsExactly(WALK, WALK, 2 * WALK, 2 * WALK, 3 * WALK);
        assertThat(rig.done).extracting(TimedRig.Done::latency)
                .containsExactly(WALK, WALK, 2 * WALK, 2 * WALK, 3 * WALK);
        assertThat(((TimeWeighted) rig.stats.get("iommu.in-flight")).max()).isEqualTo(2);
        assertThat(rig.counter("admission.delayed")).isEqualTo(3);
    }

    /**
     * The levels of the same trace: in flight 2, 2, 1 and waiting 3, 1, 0 over the three 400 ns
     * steps. Each completion frees a slot and admits a waiter at the same instant, so the
     * in-flight level dips for no time: the means and maxima are those of the steps alone.
     */
    @Test
    void iommuBound_levelsHandTraced_meanAndMax() {
        TimedRig rig = rig(16, 2, 16);
        for (int i = 0; i < 5; i++) {
            rig.translate(1, IOVA + i * PAGE, i);
        }
        rig.sim.run();

        TimeWeighted inFlight = (TimeWeighted) rig.stats.get("iommu.in-flight");
        TimeWeighted waiting = (TimeWeighted) rig.stats.get("iommu.admission.waiting");
        assertThat(rig.sim.now()).isEqualTo(3 * WALK);
        assertThat(inFlight.mean()).isEqualTo(5.0 / 3);
        assertThat(inFlight.max()).isEqualTo(2);
        assertThat(inFlight.current()).isEqualTo(0);
        assertThat(waiting.mean()).isEqualTo(4.0 / 3);
        assertThat(waiting.max()).isEqualTo(3);
        assertThat(waiting.current()).isEqualTo(0);
    }

    @Test
    void deviceBound_limitsEachDeviceButNotTheOther() {
        TimedRig rig = rig(16, 64, 1);
        rig.translate(1, IOVA, 10);
        rig.translate(1, IOVA + PAGE, 11);
        rig.translate(2, IOVA + 2 * PAGE, 20);
        rig.translate(2, IOVA + 3 * PAGE, 21);
        assertThat(rig.iommu.inFlight(1)).isEqualTo(1);
        assertThat(rig.iommu.inFlight(2)).as("device 2 is not held back by device 1's queue").isEqualTo(1);

        rig.sim.run();

        assertThat(rig.done).extracting(d -> d.tag() + "@" + d.at() / 1000)
                .containsExactly("10@400", "20@400", "11@800", "21@800");
    }

    @Test
    void oneWalker_walksQueueFifo() {
        TimedRig rig = rig(1, 64, 16);
        for (int i = 0; i < 3; i++) {
            rig.translate(1, IOVA + i * PAGE, i);
        }

        rig.sim.run();

        assertThat(rig.done).extracting(TimedRig.Done::at).containsExactly(WALK, 2 * WALK, 3 * WALK);
        assertThat(rig.iommu.walkers().queue().meanTimeInSystem()).as("waits 0, 400, 800 ns")
                .isEqualTo(WALK);
    }
}

package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iommusim.hw.iommu.ColdWalkTimingTest.IOVA;
import static org.iommusim.hw.iommu.ColdWalkTimingTest.MEM;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.hw.iommu.datapath.TranslationCallback;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;

/**
 * The translation pipeline, hand-traced: ordering per device (reorder buffer, window), pending-miss
 * slots with the head-of-line stall, the walkers' read port, the fill path, the miss occupancy
 * told to the requester, and the hidden hit latency. Memory 100 ns, 4-level table, walk caches and context cache off, so a miss is a 400 ns
 * walk and an IOTLB hit is free; page A is warmed into the IOTLB first.
 */
class PipelineTest {
    private static final long PAGE = 4096;
    private static final long WALK = 4 * MEM;
    private static final long A = IOVA;
    private static final long B = IOVA + PAGE;
    private static final long C = IOVA + 2 * PAGE;

    private static TimedRig rig(PipelineConfig p, int walkers) {
        TreeFixture f = TreeFixture.anyDepth();
        int root = f.root(4);
        f.map(root, IOVA, 0x40_0000_0000L, 16 * PAGE, PageSize.SIZE_4K);
        f.attach(1, 0, root);
        TimedIommuConfig off = TimedIommuConfig.defaults().withCachesOff();
        TimedIommuConfig c = off.withCaches(TimedIommuConfig.defaults().iotlb(), off.pwc(), off.nestedTlb())
                .withWalkers(walkers).withPipeline(p);
        TimedRig rig = new TimedRig(f, c, MEM);
        rig.translateNow(1, A); // warm page A
        rig.done.clear();
        return rig;
    }

    private static PipelineConfig pipe(boolean inOrder, int window, int misses) {
        return new PipelineConfig(inOrder, window, misses, 0, 0, true);
    }

    private static long at(TimedRig rig, long tag) {
        return rig.done.stream().filter(d -> d.tag() == tag).findFirst().orElseThrow().at();
    }

    @Test
    void outOfOrder_hitOvertakesMiss() {
        TimedRig rig = rig(PipelineConfig.defaults(), 16);
        long t0 = rig.sim.now();
        rig.translate(1, B, 1);
        rig.translate(1, A, 2);
        rig.sim.run();
        assertThat(rig.done).extracting(TimedRig.Done::tag).containsExactly(2L, 1L);
        assertThat(at(rig, 2) - t0).as("a hit adds no latency").isZero();
        assertThat(at(rig, 1) - t0).isEqualTo(TimedIommuConfig.DEFAULT_IOTLB_LATENCY_PS + WALK);
    }

    @Test
    void inOrder_hitWaitsForTheOlderMiss() {
        TimedRig rig = rig(pipe(true, 0, 0), 16);
        long t0 = rig.sim.now();
        rig.translate(1, B, 1);
        rig.translate(1, A, 2);
        rig.sim.run();
        assertThat(rig.done).extracting(TimedRig.Done::tag).containsExactly(1L, 2L);
        assertThat(at(rig, 2)).as("head-of-line: handed back with the miss").isEqualTo(at(rig, 1));
        assertThat(rig.done.get(1).latency()).isEqualTo(TimedIommuConfig.DEFAULT_IOTLB_LATENCY_PS + WALK);
        assertThat(at(rig, 1) - t0).isEqualTo(TimedIommuConfig.DEFAULT_IOTLB_LATENCY_PS + WALK);
    }

    @Test
    void reorderWindowTwo_hitOvertakesOneMissButNotTwo() {
        // one walker: B walks [3 ns, 403 ns], C [403, 803]; the hit on A is third in its device's order
        TimedRig rig = rig(pipe(false, 2, 0), 1);
        long t0 = rig.sim.now();
        rig.translate(1, B, 1);
        rig.translate(1, C, 2);
        rig.translate(1, A, 3);
        rig.sim.run();
        long lookup = TimedIommuConfig.DEFAULT_IOTLB_LATENCY_PS;
        assertThat(at(rig, 1) - t0).isEqualTo(lookup + WALK);
        assertThat(at(rig, 3)).as("after B leaves it is second: within the window").isEqualTo(at(rig, 1));
        assertThat(at(rig, 2) - t0).isEqualTo(lookup + 2 * WALK);
    }

    @Test
    void oneMissSlotInOrder_stallsLaterLookupsUntilTheWaitingMissWalks() {
        TimedRig rig = rig(pipe(true, 0, 1), 16);
        long t0 = rig.sim.now();
        long lookup = TimedIommuConfig.DEFAULT_IOTLB_LATENCY_PS;
        rig.translate(1, B, 1);
        rig.translate(1, C, 2);
        rig.sim.runUntil(t0 + 10 * SimTime.NS);
        rig.translate(1, A, 3); // C waits for the slot: this lookup stalls behind it
        rig.sim.run();
        assertThat(at(rig, 1) - t0).isEqualTo(lookup + WALK);
        assertThat(at(rig, 2) - t0).as("C walks when B frees the slot").isEqualTo(lookup + 2 * WALK);
        assertThat(at(rig, 3)).isEqualTo(at(rig, 2));
        assertThat(rig.done.get(2).latency()).as("stalled from 10 ns").isEqualTo(lookup + 2 * WALK - 10 * SimTime.NS);
    }

    @Test
    void oneMissSlotOutOfOrder_hitsPassTheWaitingMiss() {
        TimedRig rig = rig(pipe(false, 0, 1), 16);
        long t0 = rig.sim.now();
        rig.translate(1, B, 1);
        rig.translate(1, C, 2);
        rig.sim.runUntil(t0 + 10 * SimTime.NS);
        rig.translate(1, A, 3);
        rig.sim.run();
        assertThat(at(rig, 3) - t0).isEqualTo(10 * SimTime.NS);
        assertThat(at(rig, 2) - t0).isEqualTo(TimedIommuConfig.DEFAULT_IOTLB_LATENCY_PS + 2 * WALK);
    }

    @Test
    void readPortOfOne_interleavesTwoWalksReads() {
        TimedRig rig = rig(new PipelineConfig(false, 0, 0, 1, 0, true), 16);
        long t0 = rig.sim.now();
        rig.translate(1, B, 1);
        rig.translate(1, C, 2);
        rig.sim.run();
        long lookup = TimedIommuConfig.DEFAULT_IOTLB_LATENCY_PS;
        // reads alternate B1 C1 B2 C2 B3 C3 B4 C4, 100 ns each
        assertThat(at(rig, 1) - t0).isEqualTo(lookup + 7 * MEM);
        assertThat(at(rig, 2) - t0).isEqualTo(lookup + 8 * MEM);
    }

    @Test
    void fillPath_holdsTheWalkerAndSerialisesFills() {
        long fill = 50 * SimTime.NS;
        TimedRig rig = rig(new PipelineConfig(false, 0, 0, 0, fill, true), 16);
        long t0 = rig.sim.now();
        rig.translate(1, B, 1);
        rig.translate(1, C, 2);
        rig.sim.run();
        long lookup = TimedIommuConfig.DEFAULT_IOTLB_LATENCY_PS;
        assertThat(at(rig, 1) - t0).isEqualTo(lookup + WALK + fill);
        assertThat(at(rig, 2) - t0).as("waits for the one fill port").isEqualTo(lookup + WALK + 2 * fill);

        TimedRig one = rig(new PipelineConfig(false, 0, 0, 0, fill, true), 1);
        long s0 = one.sim.now();
        one.translate(1, B, 1);
        one.translate(1, C, 2);
        one.sim.run();
        assertThat(at(one, 2) - s0).as("the walker is held through the fill").isEqualTo(lookup + 2 * (WALK + fill));
    }

    @Test
    void missOccupancy_isToldToTheRequesterAtANewMissOnly_andDelaysNoTranslation() {
        long miss = 30 * SimTime.NS;
        TimedRig rig = rig(new PipelineConfig(false, 0, 0, 0, 0, true, miss), 16);
        List<long[]> held = new ArrayList<>();
        TranslationCallback cb = new TranslationCallback() {
            @Override
            public void translated(long tag, boolean ok, long hpa, FaultReason reason, int stage, long latencyPs) {
                rig.done.add(new TimedRig.Done(tag, ok, hpa, reason, stage, latencyPs, rig.sim.now()));
            }

            @Override
            public void streamHeld(long ps) {
                held.add(new long[] {rig.sim.now(), ps});
            }
        };
        long t0 = rig.sim.now();
        rig.iommu.translate(1, 0, B, Access.READ, 1, cb);
        rig.iommu.translate(1, 0, A, Access.READ, 2, cb);
        rig.iommu.translate(1, 0, B + 64, Access.READ, 3, cb);
        rig.sim.run();
        assertThat(held).as("one hold, for the miss that walks, at its lookup; none for the hit or for the miss "
                + "that joins the walk in flight for its page").hasSize(1);
        long lookup = TimedIommuConfig.DEFAULT_IOTLB_LATENCY_PS;
        assertThat(held.get(0)).as("at the miss, after the IOTLB lookup").containsExactly(t0 + lookup, miss);
        assertThat(at(rig, 1) - t0).as("the miss's own latency: occupancy is not latency").isEqualTo(lookup + WALK);
        assertThat(at(rig, 2) - t0).as("the IOMMU itself holds nothing: the hit is free").isZero();
    }

    @Test
    void missOccupancy_negative_isRefusedWithItsName() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new PipelineConfig(false, 0, 0, 0, 0, true, -1))
                .withMessageContaining("missOccupancyPs");
    }

    @Test
    void hitLatencyCharged_whenNotHidden() {
        CacheConfig ctx = TimedIommuConfig.defaults().contextCache();
        TreeFixture f = TreeFixture.anyDepth();
        int root = f.root(4);
        f.map(root, IOVA, 0x40_0000_0000L, 16 * PAGE, PageSize.SIZE_4K);
        f.attach(1, 0, root);
        TimedIommuConfig c = TimedIommuConfig.defaults().withPipeline(new PipelineConfig(false, 0, 0, 0, 0, false));
        TimedRig rig = new TimedRig(f, c, MEM);
        rig.translateNow(1, A);
        assertThat(rig.translateNow(1, A).latency()).isEqualTo(ctx.latencyPs() + c.iotlb().latencyPs());
        TimedRig hidden = new TimedRig(f, TimedIommuConfig.defaults(), MEM);
        hidden.translateNow(1, A);
        assertThat(hidden.translateNow(1, A).latency()).as("the default: hits are free").isZero();
    }
}

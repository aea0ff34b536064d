package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.stats.TimeWeighted;
import org.iommusim.hw.iommu.ats.AtsConfig;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;

/**
 * An ATC's pending-miss entries: a miss to a page whose ATS translation request is outstanding
 * waits for that request's answer instead of sending another (a merged miss, hit under miss);
 * misses to other pages beyond the entries wait for one to free; a failed answer fails its
 * merged misses too; with no entries every miss sends its own request.
 */
class AtsMissMergingTest {
    private static final long PAGE = 4096;
    private static final long IOVA = 0x20_0000L;
    private static final long HPA = 0x40_0000_0000L;
    private static final long MEM = 100 * SimTime.NS;

    private static ControlRig rig(int pendingMisses) {
        TreeFixture f = new TreeFixture();
        int root = f.root(4);
        f.attach(1, 0, root);
        for (int i = 0; i < 4; i++) {
            f.map(root, IOVA + i * PAGE, HPA + i * PAGE, PAGE, PageSize.SIZE_4K);
        }
        ControlRig c = new ControlRig(f, TimedIommuConfig.defaults().withCachesOff(), MEM, 1,
                UnmapPolicy.strictPolicy());
        AtsConfig d = AtsConfig.defaults();
        c.rig.iommu.enableAts(1, new AtsConfig(d.atc(), d.linkPs(), pendingMisses));
        return c;
    }

    private static long roundTrip() {
        AtsConfig a = AtsConfig.defaults();
        return a.atc().latencyPs() + 2 * a.linkPs() + 4 * MEM;
    }

    private static double maxInFlight(ControlRig c) {
        return ((TimeWeighted) c.rig.stats.get("iommu.in-flight")).max();
    }

    @Test
    void secondMissToAPendingPage_mergesWithItsRequest_andIsAnsweredWithIt() {
        ControlRig c = rig(AtsConfig.DEFAULT_PENDING_MISSES);

        c.rig.translate(1, IOVA + 0x10, 0);
        c.rig.translate(1, IOVA + 0x80, 1);
        c.rig.sim.run();

        assertThat(c.rig.done).hasSize(2);
        assertThat(c.rig.done.get(1).ok()).isTrue();
        assertThat(c.rig.done.get(1).hpa()).isEqualTo(HPA + 0x80);
        assertThat(c.rig.done.get(1).latency()).as("answered with the first request's round trip")
                .isEqualTo(roundTrip());
        assertThat(c.rig.counter("atc.device1.merged-misses")).isEqualTo(1);
        assertThat(c.rig.counter("walk.joined")).as("one ATS request reached the IOMMU").isZero();
        assertThat(maxInFlight(c)).isEqualTo(1);
    }

    @Test
    void missesMergedWithAFailedRequest_failWithIt_withoutAskingAgain() {
        ControlRig c = rig(AtsConfig.DEFAULT_PENDING_MISSES);
        long unmapped = IOVA + 8 * PAGE;

        c.rig.translate(1, unmapped, 0);
        c.rig.translate(1, unmapped + 0x40, 1);
        c.rig.sim.run();

        assertThat(c.rig.done).hasSize(2);
        assertThat(c.rig.done).allSatisfy(d -> assertThat(d.ok()).isFalse());
        assertThat(c.rig.done.get(1).reason()).isEqualTo(c.rig.done.get(0).reason());
        assertThat(c.rig.done.get(1).latency()).as("answered with the first request's round trip")
                .isEqualTo(c.rig.done.get(0).latency());
        assertThat(c.rig.counter("atc.device1.merged-misses")).isEqualTo(1);
        assertThat(c.rig.counter("walk.count")).as("one request, one walk").isEqualTo(1);
    }

    @Test
    void withoutPendingEntries_everyMissSendsItsOwnRequest() {
        ControlRig c = rig(0);

        c.rig.translate(1, IOVA + 0x10, 0);
        c.rig.translate(1, IOVA + 0x80, 1);
        c.rig.sim.run();

        assertThat(c.rig.done).hasSize(2);
        assertThat(c.rig.counter("atc.device1.merged-misses")).isZero();
        assertThat(c.rig.counter("walk.joined")).as("the second request joined the first's walk").isEqualTo(1);
        assertThat(maxInFlight(c)).isEqualTo(2);
    }

    @Test
    void missesToOtherPages_waitForAFreeEntry_thenSendTheirOwnRequest() {
        ControlRig c = rig(1);

        c.rig.translate(1, IOVA, 0);
        c.rig.translate(1, IOVA + PAGE, 1);
        c.rig.translate(1, IOVA + 0x40, 2);
        c.rig.sim.run();

        assertThat(c.rig.done).hasSize(3);
        assertThat(c.rig.counter("atc.device1.pending-full")).isEqualTo(1);
        assertThat(c.rig.counter("atc.device1.merged-misses")).isEqualTo(1);
        assertThat(maxInFlight(c)).as("one outstanding request at a time").isEqualTo(1);
        TimedRig.Done second = c.rig.done.stream().filter(d -> d.tag() == 1).findFirst().orElseThrow();
        assertThat(second.hpa()).isEqualTo(HPA + PAGE);
        assertThat(second.latency()).as("waited for the first answer, then its own lookup and round trip")
                .isEqualTo(2 * roundTrip());
    }
}

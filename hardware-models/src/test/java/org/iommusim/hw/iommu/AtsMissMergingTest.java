package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.stats.TimeWeighted;
import org.iommusim.hw.iommu.ats.AtsConfig;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.junit.jupiter.api.Test;

/**
 * An ATC's pending-miss entries: a miss to a page whose ATS translation request is outstanding
 * waits for that request's answer instead of sending another (a merged miss, hit under miss);
 * misses to other pages beyond the entries wait for one to free; a failed answer fails its
 * merged misses too; with no entries every miss sends its own request.
 */
class AtsMissMergingTest {
    private static final long PAGE = AtsRig.PAGE;
    private static final long IOVA = AtsRig.IOVA;
    private static final long HPA = AtsRig.HPA;

    private static ControlRig rig(int pendingMisses) {
        AtsConfig d = AtsConfig.defaults();
        return AtsRig.rig(UnmapPolicy.strictPolicy(), new AtsConfig(d.atc(), d.linkPs(), pendingMisses));
    }

    private static long roundTrip() {
        return AtsRig.missRoundTrip(AtsConfig.defaults());
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

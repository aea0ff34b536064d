package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.LinkConfig;
import org.junit.jupiter.api.Test;

/**
 * A host quiescing a device ({@link DmaEngine#pause}/{@link DmaEngine#resume}): no DMA starts
 * while paused, the host is told once the DMAs in flight drained, and the device picks up
 * where it was (closed loop refilled, open-loop arrivals kept in order) on resume.
 */
class DmaEnginePauseTest {
    private static final long PAGES = 256;

    private static DeviceRig rig() {
        return new DeviceRig(3, TimedIommuConfig.defaults(), 80 * SimTime.NS, LinkConfig.defaults(), PAGES * 4096,
                PageSize.SIZE_4K);
    }

    /** Issued and ended DMAs seen by the listener. */
    private static final class Issued implements DmaListener {
        long count;
        long ended;

        @Override
        public void issued(int device, long arrival, int pasid, long iova, int length, Access access) {
            count++;
        }

        @Override
        public void ended(int device, long tag, boolean ok, long latencyPs) {
            ended++;
        }
    }

    @Test
    void postedWrites_drainWhenTheyHaveEnded_notWhenTheirTagsCameBack() {
        DeviceRig rig = rig();
        DmaEngine e = rig.device(DmaConfig.defaults().withReadFraction(0), new IssueMode.ClosedLoop(8),
                PatternSpec.of("uniform", DeviceRig.BASE, PAGES * 4096, 4096));
        Issued issued = new Issued();
        e.setListener(issued);
        e.start();
        rig.sim.runUntil(20 * SimTime.US);
        long[] unendedAtDrain = {-1};
        rig.sim.schedule(Event.of(() -> e.pause(() -> unendedAtDrain[0] = issued.count - issued.ended)), 0);
        rig.sim.runUntil(60 * SimTime.US);
        assertThat(unendedAtDrain[0]).as("writes still being translated or written when the host was told").isZero();
        assertThat(issued.ended).isEqualTo(issued.count);
    }

    @Test
    void closedLoop_drainsThenStartsNothingUntilResumed() {
        DeviceRig rig = rig();
        DmaEngine e = rig.device(DmaConfig.defaults(), new IssueMode.ClosedLoop(8),
                PatternSpec.of("uniform", DeviceRig.BASE, PAGES * 4096, 4096));
        Issued issued = new Issued();
        e.setListener(issued);
        e.start();
        rig.sim.runUntil(20 * SimTime.US);
        long[] drainedAt = {-1};
        long[] issuedAtPause = new long[1];
        rig.sim.schedule(Event.of(() -> {
            issuedAtPause[0] = issued.count;
            e.pause(() -> drainedAt[0] = rig.sim.now());
        }), 0);
        rig.sim.runUntil(60 * SimTime.US);
        assertThat(drainedAt[0]).isGreaterThan(20 * SimTime.US).isLessThan(60 * SimTime.US);
        assertThat(e.outstanding()).isZero();
        assertThat(issued.count).isEqualTo(issuedAtPause[0]);
        rig.sim.schedule(Event.of(e::resume), 0);
        rig.sim.runUntil(60 * SimTime.US + 1);
        assertThat(e.outstanding()).isEqualTo(8);
        rig.sim.runUntil(100 * SimTime.US);
        assertThat(issued.count).isGreaterThan(issuedAtPause[0] + 8);
    }

    @Test
    void openLoop_keepsArrivalsWhilePaused_andStartsThemOnResume() {
        DeviceRig rig = rig();
        DmaEngine e = rig.device(DmaConfig.defaults(), new IssueMode.OpenLoop(1_000_000, false),
                PatternSpec.of("uniform", DeviceRig.BASE, PAGES * 4096, 4096));
        e.start();
        boolean[] drained = {false};
        rig.sim.schedule(Event.of(() -> e.pause(() -> drained[0] = true)), 10 * SimTime.US);
        rig.sim.runUntil(30 * SimTime.US);
        assertThat(drained[0]).isTrue();
        assertThat(e.outstanding()).isZero();
        long completedWhilePaused = e.stats().completed();
        rig.sim.schedule(Event.of(e::resume), 0);
        rig.sim.runUntil(60 * SimTime.US);
        assertThat(e.stats().completed()).isGreaterThan(completedWhilePaused + 20);
        assertThat(e.stats().dmaLatency().percentile(100)).isGreaterThan(15 * SimTime.US); // arrivals waited out the pause
    }

    @Test
    void pauseTwice_orResumeUnpaused_isAnError() {
        DeviceRig rig = rig();
        DmaEngine e = rig.device(DmaConfig.defaults(), new IssueMode.ClosedLoop(1),
                PatternSpec.of("uniform", DeviceRig.BASE, PAGES * 4096, 4096));
        assertThatThrownBy(e::resume).isInstanceOf(IllegalStateException.class).hasMessageContaining("not paused");
        e.pause(() -> { });
        assertThatThrownBy(() -> e.pause(() -> { })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already paused");
    }
}

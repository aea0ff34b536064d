package org.iommusim.hw.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.random.Deterministic;
import org.iommusim.hw.iommu.control.CostModel;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.pagetable.Access;
import org.junit.jupiter.api.Test;

/**
 * Configs build their workloads, and the guest behaviours' defining effects: without caching mode a guest's new
 * mapping is invisible to a shadow (no lazy fill: the DMA faults) but visible to hardware
 * nesting; in caching mode every map costs a trapping invalidation; range invalidations re-walk
 * the guest table only under software nesting.
 */
class ControlWorkloadTest {
    @Test
    void config_buildsTheWorkloadItNames() {
        NestingRig rig = new NestingRig(5, Nesting.HARDWARE, false, 1);
        ControlWorkload w = rig.workload(RangeInvalidationsConfig.defaults(rig.child, 0), "inv");
        assertThat(w).isInstanceOf(RangeInvalidations.class);
        assertThat(w.name()).isEqualTo(RangeInvalidationsConfig.NAME);
    }

    @Test
    void interArrivalDistribution_replacesTheRate() {
        NestingRig rig = new NestingRig(5, Nesting.HARDWARE, false, 1);
        ControlWorkload w = rig.workload(RangeInvalidationsConfig.defaults(rig.child, 0).withRate(1e9)
                .withInterArrival(new Deterministic(2 * SimTime.US)), "inv");
        w.start();
        rig.sim.runUntil(21 * SimTime.US); // gaps of 2 us: ticks at 2, 4, ..., 20 us, not every nanosecond
        w.stop();
        rig.sim.run();
        assertThat(w.stats().operations()).isEqualTo(10);
    }

    private static NestingRig guestRun(Nesting nesting, boolean cachingMode, int maps) {
        NestingRig rig = new NestingRig(5, nesting, cachingMode, 1);
        ControlWorkload w = rig.workload(
                GuestPteWritesConfig.defaults(rig.child, NestingRig.BUF_IOVA, NestingRig.BUF_GPA).withRate(1e6),
                "guest");
        w.start();
        rig.sim.runUntil(maps * SimTime.US); // ticks at 1, 2, ..., maps us
        w.stop();
        rig.sim.run();
        return rig;
    }

    @Test
    void mapWithoutInvalidation_invisibleToShadow_visibleToHardwareNesting() {
        NestingRig sw = guestRun(Nesting.SOFTWARE, false, 3);
        NestingRig hw = guestRun(Nesting.HARDWARE, false, 3);

        assertThat(sw.counter("guest.maps-not-invalidated")).isEqualTo(3);
        assertThat(sw.counter("guest.operations")).as("no invalidations issued").isZero();
        assertThat(sw.f.translate(NestingRig.DEVICE, 0, NestingRig.BUF_IOVA, Access.READ).ok)
                .as("shadow never heard of the map").isFalse();
        assertThat(hw.f.translate(NestingRig.DEVICE, 0, NestingRig.BUF_IOVA, Access.READ).ok)
                .as("the IOMMU walks the guest table itself").isTrue();
    }

    @Test
    void cachingMode_invalidatesEveryMapWithATrap_andTheShadowSeesIt() {
        NestingRig sw = guestRun(Nesting.SOFTWARE, true, 3);

        assertThat(sw.counter("guest.guest-edits")).isEqualTo(3);
        assertThat(sw.counter("guest.operations")).isEqualTo(3);
        assertThat(sw.counter("cp.op.invalidate.count")).isEqualTo(3);
        assertThat(sw.counter("guest.maps-not-invalidated")).isZero();
        long trapAndIoctl = CostModel.defaults().trapPs() + CostModel.defaults().syscallPs();
        assertThat(sw.counter("cp.op.invalidate.cpu-time")).as("each a trap + ioctl at least")
                .isGreaterThanOrEqualTo(3 * trapAndIoctl);
        assertThat(sw.f.translate(NestingRig.DEVICE, 0, NestingRig.BUF_IOVA, Access.READ).ok).isTrue();
    }

    @Test
    void liveLimit_unmapsTheOldestAndInvalidatesIt() {
        NestingRig rig = new NestingRig(5, Nesting.HARDWARE, false, 1);
        GuestPteWritesConfig d = GuestPteWritesConfig.defaults(rig.child, NestingRig.BUF_IOVA, NestingRig.BUF_GPA);
        ControlWorkload w = rig.workload(new GuestPteWritesConfig(d.ioasid(), d.iovaBase(), d.gpaBase(), 8, 2, 1e6,
                false, d.mapInvalidation(), d.prot()), "guest");
        w.start();
        rig.sim.runUntil(3 * SimTime.US);
        w.stop();
        rig.sim.run();

        assertThat(rig.counter("guest.guest-edits")).as("3 maps + 1 unmap").isEqualTo(4);
        assertThat(rig.counter("guest.operations")).as("the unmap's invalidation").isEqualTo(1);
        assertThat(rig.f.translate(NestingRig.DEVICE, 0, NestingRig.BUF_IOVA, Access.READ).ok).isFalse();
        assertThat(rig.f.translate(NestingRig.DEVICE, 0, NestingRig.BUF_IOVA + 8192, Access.READ).ok).isTrue();
    }

    @Test
    void rangeInvalidations_rewalkTheGuestTableOnlyUnderSoftwareNesting() {
        long[] guestReads = new long[2];
        long[] cpu = new long[2];
        Nesting[] n = {Nesting.HARDWARE, Nesting.SOFTWARE};
        for (int i = 0; i < 2; i++) {
            NestingRig rig = new NestingRig(5, n[i], false, 1);
            ControlWorkload w = rig.workload(RangeInvalidationsConfig.defaults(rig.child, NestingRig.DMA_IOVA)
                    .withRange(NestingRig.PINNED_PAGES * 4096L, 1L << 20).withRate(100_000), "inv");
            w.start();
            rig.sim.runUntil(100 * SimTime.US);
            w.stop();
            rig.sim.run();
            assertThat(w.stats().operations()).isEqualTo(10);
            guestReads[i] = rig.counter("cp.shadow.guest-ptes-read");
            cpu[i] = rig.counter("cp.op.invalidate.cpu-time");
        }
        System.out.printf("range invalidations: hardware %d guest PTE reads, %d ps CPU; software %d, %d ps%n",
                guestReads[0], cpu[0], guestReads[1], cpu[1]);
        assertThat(guestReads[0]).isZero();
        assertThat(guestReads[1]).as("256 leaves per 1 MiB range, 10 ranges").isGreaterThanOrEqualTo(2560);
        assertThat(cpu[1]).isGreaterThan(cpu[0]);
    }
}

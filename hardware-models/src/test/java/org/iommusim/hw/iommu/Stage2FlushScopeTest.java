package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.iommu.inval.InvQueueConfig;
import org.iommusim.hw.iommu.inval.QueueFormats;
import org.iommusim.hw.iommu.inval.Stage2Flush;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A stage-2 change under a hardware-nested child flushes exactly what the architecture's chosen
 * command flushes. The child's guest tables live at GPAs below 1 MiB, its two data pages at
 * 1 MiB and 1 MiB + 4 KiB; the parent unmaps the second data page. With the range flush (each
 * Linux driver's choice) every nested IOTLB entry of the child goes (no architecture can find
 * combined entries by GPA) but the nested-TLB entries of the guest tables — outside the range —
 * and the context entries survive; with the domain flush the nested TLB is emptied as well.
 */
class Stage2FlushScopeTest {
    private static final long HPA = 0x4000_0000L;
    private static final long DATA = 0x10_0000L;
    private static final long PAGE = 4096;
    private static final long IOVA = 0x7000_0000L;

    private static ControlRig rig(QueueFormats format, Stage2Flush flush) {
        TreeFixture f = TreeFixture.anyDepth();
        int parent = f.root(4);
        f.map(parent, 0, HPA, DATA + PAGE, PageSize.SIZE_4K);
        f.map(parent, DATA + PAGE, HPA + DATA + PAGE, PAGE, PageSize.SIZE_4K); // the page that changes
        int child = f.child(parent, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4);
        GuestPageTable t = f.guestTable(child, 0, DATA);
        TreeFixture.ok(t.map(IOVA, DATA, PageSize.SIZE_4K, Prot.RW));
        TreeFixture.ok(t.map(IOVA + PAGE, DATA + PAGE, PageSize.SIZE_4K, Prot.RW));
        f.attach(1, 0, child);
        ControlRig c = new ControlRig(f, TimedIommuConfig.defaults(), 80 * SimTime.NS, 1, UnmapPolicy.strictPolicy(),
                InvQueueConfig.defaults(format).withStage2Flush(flush));
        assertThat(c.rig.translateNow(1, IOVA).ok()).isTrue();
        assertThat(c.rig.translateNow(1, IOVA + PAGE).ok()).isTrue();
        assertThat(c.rig.iommu.iotlb().size()).isEqualTo(2);
        c.tcp.unmap(parent, DATA + PAGE, PAGE, false, (r, l) -> assertThat(r.isOk()).as(String.valueOf(r)).isTrue());
        c.rig.sim.run();
        return c;
    }

    @ParameterizedTest
    @EnumSource(QueueFormats.class)
    void rangeFlush_dropsEveryNestedIotlbEntry_keepsStageTwoEntriesOutsideTheRange(QueueFormats format) {
        ControlRig c = rig(format, Stage2Flush.RANGE);

        assertThat(c.rig.iommu.iotlb().size()).as("all nested entries of the child").isZero();
        assertThat(c.rig.counter("nested-tlb.invalidations")).as("guest-table GPAs are outside the range").isZero();
        assertThat(c.rig.counter("context.invalidations")).isZero();
        long hits = c.rig.counter("nested-tlb.hits");
        assertThat(c.rig.translateNow(1, IOVA).ok()).isTrue();
        assertThat(c.rig.counter("nested-tlb.hits")).as("the re-walk reuses them").isGreaterThan(hits);
        assertThat(c.rig.translateNow(1, IOVA + PAGE).ok()).as("the changed page faults at stage 2").isFalse();
    }

    @ParameterizedTest
    @EnumSource(QueueFormats.class)
    void domainFlush_alsoDropsTheStageTwoEntriesOutsideTheRange(QueueFormats format) {
        ControlRig c = rig(format, Stage2Flush.DOMAIN);

        assertThat(c.rig.iommu.iotlb().size()).isZero();
        assertThat(c.rig.counter("nested-tlb.invalidations")).isPositive();
        assertThat(c.rig.translateNow(1, IOVA).ok()).isTrue();
    }

    @Test
    void armSmmuv3_rangeFlush_countsOneS2IpaAndOneNhAll() {
        ControlRig c = rig(QueueFormats.ARM_SMMUV3, Stage2Flush.RANGE);

        assertThat(counter(c, "invq.cmd.tlbi-s2-ipa")).isEqualTo(1);
        assertThat(counter(c, "invq.cmd.tlbi-nh-all")).isEqualTo(1);
        assertThat(counter(c, "invq.cmd.tlbi-s12-vmall")).isZero();
        assertThat(counter(c, "invq.cmd.cmd-sync")).isEqualTo(1);
    }

    private static long counter(ControlRig c, String name) {
        return ((org.iommusim.core.stats.Counter) c.rig.stats.get(name)).get();
    }
}

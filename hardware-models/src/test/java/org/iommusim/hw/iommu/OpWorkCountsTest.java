package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.InvalidateRequest;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.iommu.control.OpStats;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;

/**
 * A control operation's work counts ({@code shadow.guest-ptes-read}, {@code shadow.ptes-written},
 * {@code kernel.ptes-read}) are recorded when it completes, together with {@code op.<kind>.count}:
 * an operation whose functional change has happened but whose CPU time is still running is in
 * neither, so a run that ends mid-operation reports a consistent pair.
 */
class OpWorkCountsTest {
    private static final long PAGE = 4096;
    private static final long IOVA = 0x20_0000L;

    @Test
    void shadowSync_guestPtesReadCountedWithTheOperation_notAtItsStart() {
        TreeFixture f = TreeFixture.anyDepth();
        int parent = f.root(4);
        f.map(parent, 0, 0x40_0000_0000L, 1L << 21, PageSize.SIZE_4K);
        int child = f.child(parent, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4);
        GuestPageTable t = f.guestTable(child, 0, 0x10_0000L);
        TreeFixture.ok(t.map(IOVA, 0x10_0000L, PageSize.SIZE_4K, Prot.RW));
        f.attach(1, 0, child);
        ControlRig c = new ControlRig(f, TimedIommuConfig.defaults(), 80 * SimTime.NS, 1, UnmapPolicy.strictPolicy());

        java.util.List<org.iommusim.hw.ioasid.Effects> done = new java.util.ArrayList<>();
        c.tcp.invalidate(child, new InvalidateRequest.Range(IOVA, PAGE, true), true, (r, l) -> done.add(r.value()));
        // one event at a time until the shadow sync (the functional change) has happened; its work is still to be paid
        int events = 0;
        while (!c.rig.f.translate(1, 0, IOVA, Access.READ).ok) {
            assertThat(c.rig.sim.runEvents(1)).as("the sync happens").isEqualTo(1);
            assertThat(++events).isLessThan(100);
        }
        assertThat(c.tcp.stats().count(OpStats.Kind.INVALIDATE)).isZero();
        assertThat(counter(c, "cp.shadow.guest-ptes-read")).as("not counted before the operation completes").isZero();
        assertThat(counter(c, "cp.shadow.ptes-written")).isZero();

        c.rig.sim.run();
        assertThat(c.tcp.stats().count(OpStats.Kind.INVALIDATE)).isEqualTo(1);
        assertThat(counter(c, "cp.shadow.guest-ptes-read")).as("the sync's own count, 12 as np-to-present's 4 KiB sync")
                .isEqualTo(done.get(0).guestPtesRead()).isEqualTo(12);
        assertThat(counter(c, "cp.shadow.ptes-written")).isPositive();
    }

    @Test
    void hostMap_kernelPtesReadCountedAtCompletion() {
        TreeFixture f = new TreeFixture();
        int root = f.root(4);
        f.attach(1, 0, root);
        ControlRig c = new ControlRig(f, TimedIommuConfig.defaults(), 80 * SimTime.NS, 1, UnmapPolicy.strictPolicy());

        c.tcp.map(root, IOVA, 0x40_0000_0000L, PAGE, Prot.RW, PageSize.SIZE_4K, false, (r, l) -> { });
        c.rig.sim.runUntil(c.costs.syscallPs() + 1);
        assertThat(c.rig.f.translate(1, 0, IOVA, Access.READ).ok).isTrue();
        assertThat(counter(c, "cp.kernel.ptes-read")).isZero();
        assertThat(c.tcp.stats().count(OpStats.Kind.MAP)).isZero();

        c.rig.sim.run();
        assertThat(c.tcp.stats().count(OpStats.Kind.MAP)).isEqualTo(1);
        assertThat(counter(c, "cp.kernel.ptes-read")).isPositive();
    }

    private static long counter(ControlRig c, String name) {
        return ((org.iommusim.core.stats.Counter) c.rig.stats.get(name)).get();
    }
}

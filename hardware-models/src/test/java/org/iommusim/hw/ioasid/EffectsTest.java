package org.iommusim.hw.ioasid;

import org.iommusim.hw.nesting.Nesting;
import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.junit.jupiter.api.Test;

/** The work and invalidations that operations report for a timing model. */
class EffectsTest {
    private final ControlPlane cp = new ControlPlane();
    private final int p = cp.alloc(AllocSpec.root(4)).value();

    @Test
    void map_reportsPtesTablesAndPages_andNeedsNoInvalidation() {
        Effects e = cp.map(p, 0x40_0000, 0x8000_0000L, 0x3000, Prot.RW, PageSize.SIZE_4K).value();
        assertThat(e.leavesMapped()).isEqualTo(3);
        assertThat(e.bytesMapped()).isEqualTo(0x3000);
        assertThat(e.tablePagesAllocated()).isEqualTo(3);
        assertThat(e.ptesWritten()).isEqualTo(3 + 3);
        assertThat(e.invalidations()).isEmpty();
    }

    /**
     * Linux's rule: an unmap frees a table only when its range covers the table's whole input
     * range, so unmapping the last 4 KiB page of a leaf table frees nothing and is leaf-only (it
     * used to free three tables: the model freed tables as soon as they became empty); an unmap
     * covering the table's 2 MiB frees it and is not leaf-only.
     */
    @Test
    void unmap_invalidatesTheRange_leafOnlyUnlessItsRangeCoversATable() {
        cp.map(p, 0x40_0000, 0x8000_0000L, 0x2000, Prot.RW, PageSize.SIZE_4K).value();
        cp.map(p, 0x40_2000, 0x9000_0000L, 0x1000, Prot.RW, PageSize.SIZE_4K).value();
        Effects first = cp.unmap(p, 0x40_0000, 0x2000).value();
        assertThat(first.invalidations()).containsExactly(new Invalidation(p, Invalidation.Scope.RANGE, 0x40_0000,
                0x2000, -1, true, 1, Invalidation.Cause.UNMAP));
        Effects last = cp.unmap(p, 0x40_2000, 0x1000).value();
        assertThat(last.tablePagesFreed()).as("the emptied tables stay").isZero();
        assertThat(last.invalidations()).containsExactly(new Invalidation(p, Invalidation.Scope.RANGE, 0x40_2000,
                0x1000, -1, true, 1, Invalidation.Cause.UNMAP, 0));

        cp.map(p, 0x40_5000, 0x9000_0000L, 0x1000, Prot.RW, PageSize.SIZE_4K).value();
        Effects whole = cp.unmap(p, 0x40_0000, 0x20_0000).value();
        assertThat(whole.tablePagesFreed()).as("the leaf table, whose 2 MiB the unmap covers").isEqualTo(1);
        assertThat(whole.invalidations()).containsExactly(new Invalidation(p, Invalidation.Scope.RANGE, 0x40_5000,
                0x1000, -1, false, 1, Invalidation.Cause.UNMAP, 1));
    }

    /** A 2 MiB map where narrower unmaps left an empty leaf table frees it and invalidates (not leaf-only). */
    @Test
    void superpageMapOverAnEmptyLeafTable_freesIt_andInvalidatesTheWalkCaches() {
        cp.map(p, 0x40_0000, 0x8000_0000L, 0x1000, Prot.RW, PageSize.SIZE_4K).value();
        cp.unmap(p, 0x40_0000, 0x1000).value();
        Effects e = cp.map(p, 0x40_0000, 0x8000_0000L, 0x20_0000, Prot.RW, PageSize.SIZE_2M).value();
        assertThat(e.tablePagesFreed()).isEqualTo(1);
        assertThat(e.invalidations()).containsExactly(new Invalidation(p, Invalidation.Scope.RANGE, 0x40_0000,
                0x20_0000, -1, false, 1, Invalidation.Cause.SUPERPAGE_MAP, 1));
    }

    @Test
    void guestRange_onVtd_isOneAddressMaskDescriptor_whateverItsWidthOrAlignment() {
        // the guest's intel-iommu writes one PSI whose mask covers the range (or one DSI above MAMV)
        ControlPlane small = new ControlPlane(ControlPlaneConfig.defaults().withDescriptorPages(4));
        int r = small.alloc(AllocSpec.root(4)).value();
        int hw = small.alloc(AllocSpec.child(r, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4)).value();
        Effects e = small.invalidate(hw, new InvalidateRequest.Range(3 << 12, 10 << 12, true)).value();
        assertThat(e.userDescriptors()).isEqualTo(1);
        assertThat(e.invalidations()).containsExactly(new Invalidation(hw, Invalidation.Scope.RANGE, 3 << 12,
                10 << 12, -1, true, 1, Invalidation.Cause.GUEST_REQUEST));
        assertThat(small.stats(hw).userDescriptors()).isEqualTo(1);
    }

    @Test
    void guestRange_onSmmuv3_isTheRangeCommandsOrPerPageTlbisItsDriverWrites() {
        ControlPlane ril = new ControlPlane(ControlPlaneConfig.defaults().withGuestCommands(GuestRangeCommands.RANGE_COMMANDS));
        int r = ril.alloc(AllocSpec.root(4)).value();
        int hw = ril.alloc(AllocSpec.child(r, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4)).value();
        // 35 pages = NUM 3 x 2^0 + NUM 1 x 2^5: two range commands
        assertThat(ril.invalidate(hw, new InvalidateRequest.Range(0, 35 << 12, true)).value().userDescriptors())
                .isEqualTo(2);
        ControlPlane noRil = new ControlPlane(ControlPlaneConfig.defaults().withGuestCommands(GuestRangeCommands.PER_PAGE));
        int r2 = noRil.alloc(AllocSpec.root(4)).value();
        int hw2 = noRil.alloc(AllocSpec.child(r2, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4)).value();
        assertThat(noRil.invalidate(hw2, new InvalidateRequest.Range(0, 35 << 12, true)).value().userDescriptors())
                .isEqualTo(35);
        assertThat(noRil.invalidate(hw2, new InvalidateRequest.Range(0, 512 << 12, true)).value().userDescriptors())
                .as("CMDQ_MAX_TLBI_OPS: one ASID-wide TLBI").isEqualTo(1);
    }

    @Test
    void parentUnmap_invalidatesHardwareChildrenWhole_andShadowedChildrenByRange() {
        cp.map(p, 0, 0x1_0000_0000L, 4L << 20, Prot.RW, PageSize.SIZE_2M).value();
        int hw = cp.alloc(AllocSpec.child(p, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4)).value();
        int sw = cp.alloc(AllocSpec.child(p, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4)).value();
        GuestPageTable t = GuestPageTable.create(cp, hw, 0, 1L << 20).value();
        cp.bind(hw, t.root()).value();
        cp.bind(sw, t.root()).value();
        cp.map(p, 16L << 20, 0x2_0000_0000L, 4096, Prot.RW, PageSize.SIZE_4K).value();
        t.map(0x7000, 16L << 20, PageSize.SIZE_4K, Prot.RW).value();
        cp.invalidate(sw, new InvalidateRequest.Range(0x7000, 4096, true)).value();

        Effects e = cp.unmap(p, 16L << 20, 4096).value();

        assertThat(e.invalidations()).contains(
                new Invalidation(p, Invalidation.Scope.RANGE, 16L << 20, 4096, -1, true, 1, Invalidation.Cause.UNMAP,
                        0), // a 4 KiB unmap frees no table (its leaf table stays, empty)
                new Invalidation(hw, Invalidation.Scope.ALL, 0, 0, -1, false, 1, Invalidation.Cause.PARENT_CHANGE));
        assertThat(e.invalidations()).anyMatch(i -> i.ioasid() == sw && i.scope() == Invalidation.Scope.RANGE
                && i.start() == 0x7000 && i.length() == 4096 && i.cause() == Invalidation.Cause.SHADOW_UPDATE);
        ShadowSync sync = e.syncs().get(0);
        assertThat(sync.ioasid()).isEqualTo(sw);
        assertThat(sync.cause()).isEqualTo(ShadowSync.Cause.PARENT_CHANGE);
        assertThat(sync.shadowPtesWritten()).isPositive();
        assertThat(sync.rmapEntriesTouched()).isPositive();
        assertThat(sync.guestPtesRead()).as("a leaf change needs no guest walk").isZero();
    }

    @Test
    void freeAndDetach_emitScopedInvalidations() {
        cp.registerDevice(3);
        cp.attach(3, 9, p).value();
        assertThat(cp.detach(3, 9).value().invalidations()).containsExactly(
                new Invalidation(p, Invalidation.Scope.PASID, 0, 0, 9, false, 1, Invalidation.Cause.DETACH));
        Effects f = cp.free(p).value();
        assertThat(f.tablePagesFreed()).isEqualTo(1);
        assertThat(f.invalidations().get(0).scope()).isEqualTo(Invalidation.Scope.ALL);
    }
}

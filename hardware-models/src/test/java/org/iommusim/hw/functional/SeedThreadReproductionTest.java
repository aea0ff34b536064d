package org.iommusim.hw.functional;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.AllocSpec;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.Errno;
import org.iommusim.hw.ioasid.InvalidateRequest;
import org.iommusim.hw.ioasid.Invalidation;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.ioasid.ShadowSync;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;

/**
 * Reproductions of the behaviours named in the seed thread (the /dev/ioasid RFC discussion,
 * June 2021). Layout: P is the GPA level (map-unmap root: GPA → HPA); guest RAM is GPA
 * [0, 64 MiB) → HPA 4 GiB + GPA in 2 MiB pages; a guest table lives in GPA [0, 1 MiB).
 */
class SeedThreadReproductionTest {
    private static final long HPA = 1L << 32;
    private static final long BUF = 16L << 20;
    private static final long IOVA = 0x7000;

    private final TreeFixture f = new TreeFixture();
    private final int p = f.root(4);

    SeedThreadReproductionTest() {
        f.map(p, 0, HPA, 64L << 20, PageSize.SIZE_2M);
    }

    private int child(Nesting nesting, boolean lazy) {
        return f.alloc(AllocSpec.child(p, Mode.BIND_INVALIDATE, nesting, 4).withLazyFill(lazy));
    }

    /**
     * "map+unmap or bind+invalidate is a policy of the IOASID itself set when it is created.
     * If you put two different types in a tree then each IOASID must continue to use its own
     * operation mode." — a map-unmap GPA parent with a bind-invalidate child under software
     * nesting: each keeps its own operations, and the device walks one stage (the shadow).
     */
    @Test
    void mixedModeTree_eachIoasidKeepsItsMode_andTheDeviceWalksTheShadow() {
        int c = child(Nesting.SOFTWARE, false);
        GuestPageTable t = f.guestTable(c, 0, 1L << 20);
        assertThat(f.cp.map(c, 0, 0, 4096, Prot.RW, PageSize.SIZE_4K).error().errno()).isEqualTo(Errno.EINVAL);
        assertThat(f.cp.invalidate(p, new InvalidateRequest.All()).error().errno()).isEqualTo(Errno.EINVAL);
        TreeFixture.ok(t.map(IOVA, BUF, PageSize.SIZE_4K, Prot.RW));
        f.invalidate(c, IOVA, 4096);
        f.attach(1, 0, c);

        Translation tr = f.translate(1, 0, IOVA + 0x10, Access.WRITE);

        assertThat(tr.ok).isTrue();
        assertThat(tr.hpa).isEqualTo(HPA + BUF + 0x10);
        assertThat(f.trace.size()).as("one stage: the shadow").isEqualTo(4);
        assertThat(f.trace.kind(0)).isEqualTo(TableKind.SHADOW);
        assertThat(f.expected(1, 0, IOVA + 0x10, Access.WRITE).matches(tr)).isTrue();
    }

    /**
     * "A SW emulation could do this synchronization during invalidation processing if
     * invalidation contained an IOVA range." — the shadow is synced by a range invalidation:
     * exactly the invalidated range becomes visible, and the sync reports its work.
     */
    @Test
    void rangeInvalidation_syncsTheShadowOverThatRangeOnly() {
        int c = child(Nesting.SOFTWARE, false);
        GuestPageTable t = f.guestTable(c, 0, 1L << 20);
        for (int i = 0; i < 3; i++) {
            TreeFixture.ok(t.map(IOVA + i * 4096L, BUF + i * 4096L, PageSize.SIZE_4K, Prot.RW));
        }
        f.attach(1, 0, c);

        Effects e = f.invalidate(c, IOVA, 2 * 4096);

        ShadowSync s = e.syncs().get(0);
        assertThat(s.cause()).isEqualTo(ShadowSync.Cause.INVALIDATE);
        assertThat(s.guestPtesRead()).isPositive();
        assertThat(s.shadowPtesWritten()).isEqualTo(2 + 3);
        assertThat(s.rmapEntriesTouched()).isPositive();
        assertThat(f.translate(1, 0, IOVA, Access.READ).ok).isTrue();
        assertThat(f.translate(1, 0, IOVA + 4096, Access.READ).ok).isTrue();
        Translation third = f.translate(1, 0, IOVA + 8192, Access.READ);
        assertThat(third.ok).as("not invalidated yet").isFalse();
        assertThat(third.stale).isTrue();
        f.invalidate(c, IOVA + 8192, 4096);
        assertThat(f.translate(1, 0, IOVA + 8192, Access.READ).hpa).isEqualTo(HPA + BUF + 8192);
    }

    /**
     * "typically not required when changing a PTE from non-present to present" — a guest map
     * without invalidation: hardware nesting sees it at once; a shadow without caching mode
     * misses it (the DMA faults, stage 1, flagged stale) unless lazy fill is on; an
     * invalidation (what caching mode makes the guest do after every map) makes it visible.
     */
    @Test
    void nonPresentToPresentWithoutInvalidation_isInvisibleToAShadowUnlessLazyFillOrInvalidate() {
        int hw = child(Nesting.HARDWARE, false);
        int sw = child(Nesting.SOFTWARE, false);
        int lazy = child(Nesting.SOFTWARE, true);
        GuestPageTable t = f.guestTable(hw, 0, 1L << 20);
        TreeFixture.ok(f.cp.bind(sw, t.root()));
        TreeFixture.ok(f.cp.bind(lazy, t.root()));
        f.attach(1, 0, hw);
        f.attach(2, 0, sw);
        f.attach(3, 0, lazy);
        TreeFixture.ok(t.map(IOVA, BUF, PageSize.SIZE_4K, Prot.RW));

        assertThat(f.translate(1, 0, IOVA, Access.READ).hpa).as("hardware nesting").isEqualTo(HPA + BUF);
        Translation miss = f.translate(2, 0, IOVA, Access.READ);
        assertThat(miss.ok).isFalse();
        assertThat(miss.reason).isEqualTo(FaultReason.NOT_PRESENT);
        assertThat(miss.stage).isEqualTo(1);
        assertThat(miss.shadowFault).isTrue();
        assertThat(miss.stale).isTrue();
        assertThat(f.cp.stats(sw).staleShadowFaults()).isEqualTo(1);

        Translation filled = f.translate(3, 0, IOVA, Access.READ);
        assertThat(filled.hpa).as("lazy fill").isEqualTo(HPA + BUF);
        assertThat(filled.lazyFills).isEqualTo(1);
        assertThat(f.trace.attemptStart()).as("the empty shadow misses at its root").isEqualTo(1);
        assertThat(f.trace.size()).as("then the retried walk reads four").isEqualTo(1 + 4);
        assertThat(f.cp.stats(lazy).lazyFills()).isEqualTo(1);

        Effects inv = f.invalidate(sw, IOVA, 4096);
        assertThat(inv.invalidations()).as("a map-only sync removes nothing").isEmpty();
        assertThat(f.cp.stats(sw).mapOnlyInvalidations()).isEqualTo(1);
        assertThat(f.translate(2, 0, IOVA, Access.READ).hpa).isEqualTo(HPA + BUF);
    }

    @Test
    void cachingMode_isAFlagTheWorkloadReads() {
        int cm = f.alloc(AllocSpec.child(p, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4).withCachingMode(true));
        assertThat(f.cp.ioasid(cm).cachingMode()).isTrue();
        assertThat(f.cp.ioasid(child(Nesting.SOFTWARE, false)).cachingMode()).isFalse();
    }

    /**
     * "how to efficiently mix map/unmap on the GPA when there are SW nested levels below it
     * looks to be quite challenging" — a parent unmap reaches the shadowed child through the
     * reverse map: the derived shadow entry goes (with its invalidation and the work
     * reported), the DMA then faults at stage 2 like the hardware-nested sibling; a parent map
     * makes the guest entry resolvable again without any guest action.
     */
    @Test
    void parentUnmap_reachesShadowedChildren_andParentMapRestoresThem() {
        int hw = child(Nesting.HARDWARE, false);
        int sw = child(Nesting.SOFTWARE, false);
        GuestPageTable t = f.guestTable(hw, 0, 1L << 20);
        TreeFixture.ok(f.cp.bind(sw, t.root()));
        f.map(p, 128L << 20, 0x3_0000_0000L, 4096, PageSize.SIZE_4K);
        TreeFixture.ok(t.map(IOVA, 128L << 20, PageSize.SIZE_4K, Prot.RW));
        f.invalidate(sw, IOVA, 4096);
        f.attach(1, 0, hw);
        f.attach(2, 0, sw);
        assertThat(f.translate(2, 0, IOVA, Access.READ).hpa).isEqualTo(0x3_0000_0000L);

        Effects un = f.unmap(p, 128L << 20, 4096);

        assertThat(un.syncs()).anyMatch(s -> s.ioasid() == sw && s.cause() == ShadowSync.Cause.PARENT_CHANGE
                && s.rmapEntriesTouched() > 0 && s.shadowPtesWritten() > 0);
        assertThat(un.invalidations()).anyMatch(i -> i.ioasid() == sw && i.start() == IOVA
                && i.cause() == Invalidation.Cause.SHADOW_UPDATE);
        for (int dev : new int[] {1, 2}) {
            Translation tr = f.translate(dev, 0, IOVA, Access.READ);
            assertThat(tr.ok).isFalse();
            assertThat(tr.reason).isEqualTo(FaultReason.NOT_PRESENT);
            assertThat(tr.stage).as("device %d", dev).isEqualTo(2);
        }
        f.map(p, 128L << 20, 0x5_0000_0000L, 4096, PageSize.SIZE_4K);
        assertThat(f.translate(2, 0, IOVA, Access.READ).hpa).isEqualTo(0x5_0000_0000L);
        assertThat(f.translate(1, 0, IOVA, Access.READ).hpa).isEqualTo(0x5_0000_0000L);
    }

    /** The parent unmaps the page holding the guest's table itself; the shadow follows both ways. */
    @Test
    void parentUnmapOfAGuestTablePage_removesTheSubtreeFromTheShadow_andRemapRestoresIt() {
        TreeFixture g = new TreeFixture();
        int root = g.root(4);
        for (long page = 0; page < (1L << 20); page += 4096) {
            g.map(root, page, HPA + page, 4096, PageSize.SIZE_4K);
        }
        g.map(root, BUF, HPA + BUF, 4096, PageSize.SIZE_4K);
        int sw = g.alloc(AllocSpec.child(root, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4));
        GuestPageTable t = g.guestTable(sw, 0, 1L << 20);
        TreeFixture.ok(t.map(IOVA, BUF, PageSize.SIZE_4K, Prot.RW));
        g.invalidate(sw, IOVA, 4096);
        g.attach(1, 0, sw);
        long leafTable = 3 * 4096;   // root, L3, L2, then the leaf table: the fourth page

        g.unmap(root, leafTable, 4096);
        Translation tr = g.translate(1, 0, IOVA, Access.READ);
        assertThat(tr.reason).isEqualTo(FaultReason.NOT_PRESENT);
        assertThat(tr.stage).isEqualTo(2);
        assertThat(g.expected(1, 0, IOVA, Access.READ).matches(tr)).isTrue();

        g.map(root, leafTable, HPA + leafTable, 4096, PageSize.SIZE_4K);
        assertThat(g.translate(1, 0, IOVA, Access.READ).hpa).isEqualTo(HPA + BUF);
    }

    /**
     * Nested guests: hardware walks at most two stages, so the upper levels are flattened in
     * software. P → C (bind-invalidate, shadowed) → G (hardware-nested on C's shadow): the
     * IOMMU walks G as stage 1 and C's shadow as stage 2 (24 reads cold), and agrees with the
     * composition G∘C∘P.
     */
    @Test
    void threeLevelTree_upperLevelsFlattened_hardwareSeesTwoStages() {
        int c = child(Nesting.SOFTWARE, false);
        GuestPageTable ct = f.guestTable(c, 0, 1L << 20);
        for (long i = 0; i < 8; i++) {
            TreeFixture.ok(ct.map(i << 21, (8L << 20) + (i << 21), PageSize.SIZE_2M, Prot.RW));
        }
        f.invalidate(c, 0, 16L << 20);
        int gh = f.alloc(AllocSpec.child(c, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4));
        int gs = f.alloc(AllocSpec.child(c, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4));
        GuestPageTable gt = f.guestTable(gh, 0, 1L << 20);
        TreeFixture.ok(f.cp.bind(gs, gt.root()));
        TreeFixture.ok(gt.map(IOVA, 4L << 20, PageSize.SIZE_4K, Prot.RW));
        f.invalidate(gs, IOVA, 4096);
        f.attach(1, 0, gh);
        f.attach(2, 0, gs);
        long expected = HPA + (8L << 20) + (4L << 20);

        Translation hw = f.translate(1, 0, IOVA, Access.READ);
        assertThat(hw.hpa).isEqualTo(expected);
        assertThat(f.trace.size()).as("stage-2 walks end at C's 2 MiB shadow leaves").isEqualTo(4 * 3 + 4 + 3);
        assertThat(f.trace.kind(0)).isEqualTo(TableKind.SHADOW);
        assertThat(f.expected(1, 0, IOVA, Access.READ).matches(hw)).isTrue();
        assertThat(f.translate(2, 0, IOVA, Access.READ).hpa).isEqualTo(expected);
        assertThat(f.trace.size()).isEqualTo(4);

        // C's guest moves its mapping of G's data page and invalidates: both G paths follow.
        TreeFixture.ok(ct.unmap(4L << 20));
        TreeFixture.ok(ct.map(4L << 20, 32L << 20, PageSize.SIZE_2M, Prot.RW));
        f.invalidate(c, 4L << 20, 2L << 20);
        assertThat(f.translate(1, 0, IOVA, Access.READ).hpa).isEqualTo(HPA + (32L << 20));
        assertThat(f.translate(2, 0, IOVA, Access.READ).hpa).isEqualTo(HPA + (32L << 20));
    }
}

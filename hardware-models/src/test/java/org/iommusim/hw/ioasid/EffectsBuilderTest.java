package org.iommusim.hw.ioasid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iommusim.hw.testing.TreeFixture.ok;

import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free calls ({@code map}, {@code unmap}, {@code invalidate} into an
 * {@link EffectsBuilder}) report exactly what the {@link Result} calls report — counts, shadow
 * syncs with their causes (propagated ones included), invalidations in order — and one builder
 * reused across operations carries nothing of the previous one.
 */
class EffectsBuilderTest {
    private static final long GPA_WINDOW = 16L << 20;
    private static final long IOVA = 4L << 30;

    /** A parent mapping guest memory page by page and a shadowed child with a guest table mapping 64 KiB. */
    private static final class Tree {
        final TreeFixture f = new TreeFixture();
        final int parent = f.root(4);
        final int child;
        final GuestPageTable guest;

        Tree() {
            for (long gpa = 0; gpa < GPA_WINDOW; gpa += 4096) {
                f.map(parent, gpa, (256L << 30) + gpa, 4096, PageSize.SIZE_4K);
            }
            f.map(parent, 1L << 30, 257L << 30, 1L << 30, PageSize.SIZE_2M);
            child = f.child(parent, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4);
            guest = f.guestTable(child, (1L << 30) + (1L << 20), (1L << 30) + (2L << 20));
            ok(guest.mapRun(IOVA, 0, 16, PageSize.SIZE_4K, Prot.RW));
        }
    }

    @Test
    void shadowedInvalidate_intoABuilder_reportsWhatTheResultCallReports() {
        Tree a = new Tree();
        Tree b = new Tree();
        InvalidateRequest range = new InvalidateRequest.Range(IOVA, 16 * 4096, false);
        Effects expected = ok(a.f.cp.invalidate(a.child, range));
        EffectsBuilder into = new EffectsBuilder();
        assertThat(b.f.cp.invalidate(b.child, range, into)).isNull();

        assertThat(expected.syncs()).as("the fixture makes the shadow sync").isNotEmpty();
        assertThat(into.build()).isEqualTo(expected);
        assertThat(into.syncCount()).isEqualTo(expected.syncs().size());
        assertThat(into.guestPtesRead()).isEqualTo(expected.guestPtesRead());
        assertThat(into.shadowPtesWritten()).isEqualTo(expected.shadowPtesWritten());
        assertThat(into.rmapEntriesTouched()).isEqualTo(expected.rmapEntriesTouched());
        assertThat(into.invalidations()).containsExactlyElementsOf(expected.invalidations());
        assertThat(b.f.cp.stats(b.child)).isEqualTo(a.f.cp.stats(a.child));
    }

    @Test
    void parentUnmapAndMap_intoOneReusedBuilder_reportEachOperationAlone() {
        Tree a = new Tree();
        Tree b = new Tree();
        EffectsBuilder into = new EffectsBuilder();
        // unmap a guest page under the shadow: the child re-derives (a propagated PARENT_CHANGE sync)
        Effects unmapped = ok(a.f.cp.unmap(a.parent, 0x3000, 4096));
        assertThat(b.f.cp.unmap(b.parent, 0x3000, 4096, into)).isNull();
        assertThat(unmapped.syncs()).extracting(ShadowSync::cause).contains(ShadowSync.Cause.PARENT_CHANGE);
        assertThat(into.build()).isEqualTo(unmapped);

        Effects mapped = ok(a.f.cp.map(a.parent, 0x3000, 320L << 30, 4096, Prot.RW, PageSize.SIZE_4K));
        assertThat(b.f.cp.map(b.parent, 0x3000, 320L << 30, 4096, Prot.RW, PageSize.SIZE_4K, into)).isNull();
        assertThat(into.build()).as("nothing of the unmap is left").isEqualTo(mapped);
        assertThat(b.f.cp.fingerprint()).isEqualTo(a.f.cp.fingerprint());
    }

    @Test
    void rejectedOperation_returnsItsError_andLeavesTheBuilderEmpty() {
        Tree t = new Tree();
        EffectsBuilder into = new EffectsBuilder();
        assertThat(t.f.cp.unmap(t.parent, 0x3000, 4096, into)).isNull();
        assertThat(into.invalidations()).isNotEmpty();

        OpError e = t.f.cp.invalidate(t.child, new InvalidateRequest.Range(IOVA, 0, false), into);
        assertThat(e.errno()).isEqualTo(Errno.EINVAL);
        assertThat(e.message()).contains("zero length");
        assertThat(into.build()).isEqualTo(Effects.NONE);
        assertThat(t.f.cp.map(99, 0, 0, 4096, Prot.RW, PageSize.SIZE_4K, into).errno()).isEqualTo(Errno.ENOENT);
    }

    @Test
    void set_copiesAnEffects_soThatBuildGivesItBack() {
        Tree t = new Tree();
        Effects e = ok(t.f.cp.invalidate(t.child, new InvalidateRequest.Range(IOVA, 16 * 4096, false)));
        EffectsBuilder into = new EffectsBuilder().set(e);
        assertThat(into.build()).isEqualTo(e);
        assertThat(into.guestPtesRead()).isEqualTo(e.guestPtesRead());
        assertThat(into.invalidations()).containsExactlyElementsOf(e.invalidations());
    }
}

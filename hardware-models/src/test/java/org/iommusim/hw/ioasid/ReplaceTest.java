package org.iommusim.hw.ioasid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iommusim.hw.ioasid.Rejections.rejected;

import org.iommusim.hw.functional.Translation;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;

/**
 * The in-place replace of present leaves ({@link ControlPlane#replace}): one PTE write per
 * leaf, the area kept, the range invalidated and the change carried to shadowed and
 * hardware-nested children; rejected without a trace when the range is not mapped by leaves of
 * the given size.
 */
class ReplaceTest {
    private static final long HPA = 64L << 30;
    private static final long ALT = 96L << 30;
    private final TreeFixture f = new TreeFixture();
    private final int root = f.root(4);

    @Test
    void replace_rewritesTheLeafInPlace_andInvalidatesItsRange() {
        f.map(root, 0x4000, HPA, 4096, PageSize.SIZE_4K);
        Effects e = TreeFixture.ok(f.cp.replace(root, 0x4000, ALT, 4096, Prot.RW, PageSize.SIZE_4K));
        assertThat(e.ptesWritten()).isEqualTo(1);
        assertThat(e.tablePagesAllocated() + e.tablePagesFreed()).isZero();
        assertThat(e.bytesMapped()).isEqualTo(4096);
        assertThat(e.bytesUnmapped()).isEqualTo(4096);
        assertThat(e.invalidations()).singleElement().satisfies(inv -> {
            assertThat(inv.cause()).isEqualTo(Invalidation.Cause.REPLACE);
            assertThat(inv.start()).isEqualTo(0x4000);
            assertThat(inv.length()).isEqualTo(4096);
        });
        f.attach(1, 0, root);
        assertThat(f.translate(1, 0, 0x4010, Access.READ).hpa).isEqualTo(ALT + 0x10);
        // the area survives: a later unmap of the whole page is accepted
        TreeFixture.ok(f.cp.unmap(root, 0x4000, 4096));
    }

    @Test
    void replaceUnderChildren_reachesTheShadowAndFlushesTheHardwareChild() {
        f.map(root, 0, HPA, 4096, PageSize.SIZE_4K);
        f.map(root, 1L << 30, HPA + (1L << 30), 2L << 20, PageSize.SIZE_2M);
        int sw = f.child(root, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4);
        int hw = f.child(root, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4);
        GuestPageTable st = f.guestTable(sw, 1L << 30, (1L << 30) + (512L << 10));
        GuestPageTable ht = f.guestTable(hw, (1L << 30) + (1L << 20), (1L << 30) + (2L << 20));
        for (long k = 0; k < 3; k++) {
            TreeFixture.ok(st.map((4L << 30) + (k << 24), 0, PageSize.SIZE_4K, Prot.RW));
            f.invalidate(sw, (4L << 30) + (k << 24), 4096);
        }
        TreeFixture.ok(ht.map(4L << 30, 0, PageSize.SIZE_4K, Prot.RW));
        f.invalidate(hw, 4L << 30, 4096);
        f.attach(1, 0, sw);
        f.attach(2, 0, hw);
        Effects e = TreeFixture.ok(f.cp.replace(root, 0, ALT, 4096, Prot.RW, PageSize.SIZE_4K));
        assertThat(e.rmapEntriesTouched()).isEqualTo(3);
        assertThat(e.invalidations()).anySatisfy(inv -> {
            assertThat(inv.ioasid()).isEqualTo(hw);
            assertThat(inv.scope()).isEqualTo(Invalidation.Scope.ALL);
        });
        assertThat(e.invalidations()).filteredOn(inv -> inv.ioasid() == sw).hasSize(3); // one per alias
        for (long k = 0; k < 3; k++) {
            Translation t = f.translate(1, 0, (4L << 30) + (k << 24) + 8, Access.WRITE);
            assertThat(t.hpa).isEqualTo(ALT + 8);
            assertThat(f.expected(1, 0, (4L << 30) + (k << 24) + 8, Access.WRITE).matches(t)).isTrue();
        }
        assertThat(f.translate(2, 0, (4L << 30) + 8, Access.READ).hpa).isEqualTo(ALT + 8);
    }

    @Test
    void replaceOnASoftwareMapUnmapChild_keepsItsReverseMapExact() {
        f.map(root, 0, HPA, 1L << 20, PageSize.SIZE_4K);
        int child = f.child(root, Mode.MAP_UNMAP, Nesting.SOFTWARE, 4);
        f.map(child, 0x10_0000, 0x3000, 4096, PageSize.SIZE_4K);
        int before = f.cp.reverseMapSize(child);
        TreeFixture.ok(f.cp.replace(child, 0x10_0000, 0x5000, 4096, Prot.RW, PageSize.SIZE_4K));
        assertThat(f.cp.reverseMapSize(child)).isEqualTo(before);
        f.attach(1, 0, child);
        assertThat(f.translate(1, 0, 0x10_0000, Access.READ).hpa).isEqualTo(HPA + 0x5000);
        // the parent now moves GPA 0x5000: the child's leaf follows; GPA 0x3000 no longer concerns it
        f.unmap(root, 0, 1L << 20);
        Effects moved = f.map(root, 0, ALT, 1L << 20, PageSize.SIZE_4K);
        assertThat(moved.rmapEntriesTouched()).isEqualTo(1);
        assertThat(f.translate(1, 0, 0x10_0000, Access.READ).hpa).isEqualTo(ALT + 0x5000);
    }

    @Test
    void replace_errors() {
        f.map(root, 0x20_0000, HPA, 2L << 20, PageSize.SIZE_2M);
        f.map(root, 0x4000, HPA, 4096, PageSize.SIZE_4K);
        int guest = f.child(root, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4);
        rejected(f.cp, () -> f.cp.replace(77, 0, 0, 4096, Prot.RW, PageSize.SIZE_4K), Errno.ENOENT, "replace IOASID 77");
        rejected(f.cp, () -> f.cp.replace(guest, 0, 0, 4096, Prot.RW, PageSize.SIZE_4K), Errno.EINVAL,
                "rule: unmap needs mode map-unmap");
        rejected(f.cp, () -> f.cp.replace(root, 0x8000, ALT, 4096, Prot.RW, PageSize.SIZE_4K), Errno.ENOENT,
                "rule: unmap needs a mapping");
        rejected(f.cp, () -> f.cp.replace(root, 0x20_0000, ALT, 4096, Prot.RW, PageSize.SIZE_4K), Errno.ENOENT,
                "would split the mapping");
        rejected(f.cp, () -> f.cp.replace(root, 0x20_0000, ALT, 2L << 20, Prot.RW, PageSize.SIZE_4K), Errno.ENOENT,
                "is not mapped by a", "rule: replace rewrites present leaves of the same page size");
        rejected(f.cp, () -> f.cp.replace(root, 0x4000, ALT + 0x800, 4096, Prot.RW, PageSize.SIZE_4K), Errno.EINVAL,
                "rule: alignment");
        rejected(f.cp, () -> f.cp.replace(root, 0x4000, ALT, 4096, Prot.NONE, PageSize.SIZE_4K), Errno.EINVAL,
                "rule: read or write required");
    }
}

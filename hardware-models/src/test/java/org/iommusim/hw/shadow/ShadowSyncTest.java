package org.iommusim.hw.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.AllocSpec;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.pagetable.Pte;
import org.iommusim.hw.testing.TreeFixture;
import org.iommusim.hw.functional.Translation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Shadow tables: leaf sizes, permission composition, widening of syncs, walk lengths. */
class ShadowSyncTest {
    private static final long HPA = 1L << 34;

    private TreeFixture f;
    private int parent;
    private int sw;
    private GuestPageTable table;

    private void tree(int levels, PageSize parentLeaf, Prot parentProt) {
        f = new TreeFixture();
        parent = f.root(4);
        f.map(parent, 0, HPA, 1L << 20, PageSize.SIZE_4K);
        f.map(parent, 2L << 30, HPA + (2L << 30), 1L << 30, parentLeaf, parentProt);
        sw = f.alloc(AllocSpec.child(parent, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, levels));
        table = f.guestTable(sw, 0, 1L << 20);
        f.attach(1, 0, sw);
    }

    @ParameterizedTest(name = "{0}-level shadow reads {0} PTEs")
    @CsvSource({"3", "4", "5"})
    void shadowWalk_readsOnePtePerLevel(int levels) {
        tree(levels, PageSize.SIZE_4K, Prot.RW);
        TreeFixture.ok(table.map(0x5000, 2L << 30, PageSize.SIZE_4K, Prot.RW));
        f.invalidate(sw, 0x5000, 4096);
        assertThat(f.translate(1, 0, 0x5000, Access.READ).hpa).isEqualTo(HPA + (2L << 30));
        assertThat(f.trace.size()).isEqualTo(levels);
    }

    @ParameterizedTest(name = "guest {0}, parent {1}: shadow leaf 2^{2}, {3} reads")
    @CsvSource({"SIZE_2M,SIZE_2M,21,3", "SIZE_2M,SIZE_4K,12,4", "SIZE_4K,SIZE_2M,12,4", "SIZE_1G,SIZE_1G,30,2",
        "SIZE_1G,SIZE_2M,21,3"})
    void shadowLeaf_isTheSmallerOfGuestAndParentLeaves(PageSize guestLeaf, PageSize parentLeaf, int shift, int reads) {
        tree(4, parentLeaf, Prot.RW);
        long iova = 1L << 30;
        TreeFixture.ok(table.map(iova, 2L << 30, guestLeaf, Prot.RW));
        f.invalidate(sw, iova, guestLeaf.bytes());
        long probe = iova + guestLeaf.bytes() - 8;
        Translation t = f.translate(1, 0, probe, Access.WRITE);
        assertThat(t.ok).isTrue();
        assertThat(t.hpa).isEqualTo(HPA + (2L << 30) + guestLeaf.bytes() - 8);
        assertThat(t.pageShift).isEqualTo(shift);
        assertThat(f.trace.size()).isEqualTo(reads);
    }

    @Test
    void permissions_composeAndFaultsNameTheStageThatDenied() {
        tree(4, PageSize.SIZE_2M, Prot.R);
        TreeFixture.ok(table.map(0x1000, 2L << 30, PageSize.SIZE_4K, Prot.RW));
        TreeFixture.ok(table.map(0x2000, 0x8000, PageSize.SIZE_4K, Prot.R));
        f.invalidate(sw, 0x1000, 0x2000);
        Translation parentDenies = f.translate(1, 0, 0x1000, Access.WRITE);
        assertThat(parentDenies.reason).isEqualTo(FaultReason.PERMISSION);
        assertThat(parentDenies.stage).isEqualTo(2);
        Translation guestDenies = f.translate(1, 0, 0x2000, Access.WRITE);
        assertThat(guestDenies.reason).isEqualTo(FaultReason.PERMISSION);
        assertThat(guestDenies.stage).isEqualTo(1);
        assertThat(f.translate(1, 0, 0x1000, Access.READ).ok).isTrue();
        // The fixture reuses one Translation holder: translate again before each comparison.
        assertThat(f.expected(1, 0, 0x1000, Access.WRITE).matches(f.translate(1, 0, 0x1000, Access.WRITE))).isTrue();
        assertThat(f.expected(1, 0, 0x2000, Access.WRITE).matches(f.translate(1, 0, 0x2000, Access.WRITE))).isTrue();
    }

    /**
     * A guest replaces a table of 4 KiB leaves by one 2 MiB leaf (a raw PTE write) and
     * invalidates only the first page: the sync widens to the whole guest leaf, so the shadow
     * drops every old 4 KiB entry and maps the 2 MiB leaf.
     */
    @Test
    void sync_widensToTheWholeGuestLeaf() {
        tree(4, PageSize.SIZE_2M, Prot.RW);
        long iova = 2L << 21;
        for (int i = 0; i < 4; i++) {
            TreeFixture.ok(table.map(iova + i * 4096L, 0x10000 + i * 4096L, PageSize.SIZE_4K, Prot.RW));
        }
        f.invalidate(sw, iova, 4 * 4096);
        long l3 = Pte.address(f.cp.readGuestMemory(sw, table.root() + Pte.indexOffset(iova, 4)).value());
        long l2 = Pte.address(f.cp.readGuestMemory(sw, l3 + Pte.indexOffset(iova, 3)).value());
        TreeFixture.ok(f.cp.writeGuestMemory(sw, l2 + Pte.indexOffset(iova, 2), Pte.leaf(2L << 30, 6, 2)));

        f.invalidate(sw, iova, 4096);

        for (long off : new long[] {0, 0x3008, 0x1F_F000}) {
            Translation t = f.translate(1, 0, iova + off, Access.READ);
            assertThat(t.hpa).as("offset 0x%x", off).isEqualTo(HPA + (2L << 30) + off);
            assertThat(t.pageShift).isEqualTo(21);
        }
    }
}

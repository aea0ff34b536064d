package org.iommusim.hw.guest;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.hw.ioasid.AllocSpec;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.Errno;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.pagetable.Pte;
import org.junit.jupiter.api.Test;

class GuestPageTableTest {
    private final ControlPlane cp = new ControlPlane();
    private final int parent = cp.alloc(AllocSpec.root(4)).value();
    private final int child = cp.alloc(AllocSpec.child(parent, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4)).value();

    GuestPageTableTest() {
        cp.map(parent, 0, 1L << 33, 5 * 4096, Prot.RW, PageSize.SIZE_4K).value();
    }

    @Test
    void map_writesTablesAndLeafInGuestMemory() {
        GuestPageTable t = GuestPageTable.create(cp, child, 0, 5 * 4096).value();
        GuestEdit e = t.map(0x1234_5000L, 0x9000, PageSize.SIZE_4K, Prot.R).value();
        assertThat(e.tablePagesAllocated()).isEqualTo(3);
        assertThat(e.start()).isEqualTo(0x1234_5000L);
        assertThat(e.length()).isEqualTo(4096);
        assertThat(e.wasPresent()).isFalse();
        long l3 = Pte.address(cp.readGuestMemory(child, t.root() + Pte.indexOffset(0x1234_5000L, 4)).value());
        assertThat(l3).isEqualTo(0x1000);
        assertThat(cp.stats(child).guestWrites()).isEqualTo(512 * 4 + 3 + 1);
    }

    @Test
    void map_onAPresentSlot_isEEXIST_andUnmapOfNothingIsENOENT() {
        GuestPageTable t = GuestPageTable.create(cp, child, 0, 5 * 4096).value();
        t.map(0x20_0000, 0x20_0000, PageSize.SIZE_2M, Prot.RW).value();
        assertThat(t.map(0x20_0000, 0, PageSize.SIZE_2M, Prot.RW).error().errno()).isEqualTo(Errno.EEXIST);
        assertThat(t.map(0x20_1000, 0, PageSize.SIZE_4K, Prot.RW).error().errno()).isEqualTo(Errno.EEXIST);
        GuestEdit u = t.unmap(0x20_1234).value();
        assertThat(u.start()).isEqualTo(0x20_0000);
        assertThat(u.length()).isEqualTo(1L << 21);
        assertThat(u.wasPresent()).isTrue();
        assertThat(t.unmap(0x20_1234).error().errno()).isEqualTo(Errno.ENOENT);
    }

    @Test
    void failedMap_writesNothing() {
        GuestPageTable t = GuestPageTable.create(cp, child, 0, 8 * 4096).value();
        t.map(0, 0, PageSize.SIZE_4K, Prot.RW).value();
        long before = cp.fingerprint();
        // Needs three new table pages; the parent maps only the first of them (page 4).
        assertThat(t.map(1L << 40, 0, PageSize.SIZE_4K, Prot.RW).error().errno()).isEqualTo(Errno.EFAULT);
        assertThat(cp.fingerprint()).isEqualTo(before);
        GuestPageTable tiny = GuestPageTable.create(cp, child, 4 * 4096, 5 * 4096).value();
        assertThat(tiny.map(0, 0, PageSize.SIZE_4K, Prot.RW).error().errno()).isEqualTo(Errno.ENOMEM);
    }
}

package org.iommusim.hw.ioasid;

import org.iommusim.hw.nesting.Nesting;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.junit.jupiter.api.Test;

/**
 * VALIDATION item 9: every rejected control-plane operation leaves the IOASID tree, tables,
 * shadows, reverse maps and statistics exactly as before — checked on a populated three-level
 * tree (P map-unmap, C shadowed bind-invalidate, G hardware-nested and S shadowed on C) with
 * the whole-state fingerprint and every IOASID's counters and reverse-map size.
 */
class RejectionLeavesNoTraceTest {
    @Test
    void everyRejectedOperation_leavesStateAndCountersUntouched() {
        ControlPlane cp = new ControlPlane();
        int p = cp.alloc(AllocSpec.root(4)).value();
        cp.map(p, 0, 0x1_0000_0000L, 64L << 20, Prot.RW, PageSize.SIZE_2M).value();
        int c = cp.alloc(AllocSpec.child(p, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4)).value();
        GuestPageTable ct = GuestPageTable.create(cp, c, 0, 1L << 20).value();
        cp.bind(c, ct.root()).value();
        for (long i = 0; i < 64; i++) {
            ct.map(i << 21, i << 21, PageSize.SIZE_2M, Prot.RW).value();
        }
        cp.invalidate(c, new InvalidateRequest.All()).value();
        int g = cp.alloc(AllocSpec.child(c, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4)).value();
        int s = cp.alloc(AllocSpec.child(c, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4).withLazyFill(true)).value();
        GuestPageTable gt = GuestPageTable.create(cp, g, 2L << 20, 4L << 20).value();
        cp.bind(g, gt.root()).value();
        cp.bind(s, gt.root()).value();
        for (long i = 0; i < 32; i++) {
            gt.map(i << 12, (8L << 20) + (i << 12), PageSize.SIZE_4K, Prot.RW).value();
        }
        cp.invalidate(s, new InvalidateRequest.Range(0, 32 << 12, false)).value();
        cp.registerDevice(1);
        cp.attach(1, 5, s).value();
        assertThat(cp.reverseMapSize(s)).isPositive();

        List<Supplier<Result<?>>> rejected = List.of(
                () -> cp.map(p, 0, 0, 4096, Prot.RW, PageSize.SIZE_4K),
                () -> cp.map(p, 0x1000, 0, 4096, Prot.RW, PageSize.SIZE_4K),
                () -> cp.map(p, 1L << 30, 0, 3 << 12, Prot.RW, PageSize.SIZE_2M),
                () -> cp.map(c, 0, 0, 4096, Prot.RW, PageSize.SIZE_4K),
                () -> cp.unmap(p, 0x1000, 0x1000),
                () -> cp.unmap(p, 0, 0x30_0000),
                () -> cp.unmap(p, 1L << 40, 4096),
                () -> cp.bind(s, 0x123),
                () -> cp.bind(p, 0x1000),
                () -> cp.invalidate(p, new InvalidateRequest.All()),
                () -> cp.invalidate(s, new InvalidateRequest.Pasid(4)),
                () -> cp.invalidate(s, new InvalidateRequest.Range(0, 0, false)),
                () -> cp.free(c),
                () -> cp.free(s),
                () -> cp.attach(1, 5, g),
                () -> cp.attach(2, 5, g),
                () -> cp.detach(1, 6),
                () -> cp.alloc(AllocSpec.child(g, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4)),
                () -> cp.alloc(AllocSpec.root(9)),
                () -> cp.writeGuestMemory(g, 1L << 40, 1),
                () -> cp.writeGuestMemory(p, 0, 1),
                () -> gt.map(0, 0, PageSize.SIZE_4K, Prot.RW),
                () -> gt.unmap(1L << 30));
        int[] ids = {p, c, g, s};
        for (int i = 0; i < rejected.size(); i++) {
            long fp = cp.fingerprint();
            IoasidStats[] stats = new IoasidStats[ids.length];
            int[] rmaps = new int[ids.length];
            for (int k = 0; k < ids.length; k++) {
                stats[k] = cp.stats(ids[k]);
                rmaps[k] = cp.reverseMapSize(ids[k]);
            }
            Result<?> r = rejected.get(i).get();
            assertThat(r.isOk()).as("operation %d must be rejected", i).isFalse();
            assertThat(cp.fingerprint()).as("operation %d (%s) changed the state", i, r.error()).isEqualTo(fp);
            for (int k = 0; k < ids.length; k++) {
                assertThat(cp.stats(ids[k])).as("counters of IOASID %d after %s", ids[k], r.error()).isEqualTo(stats[k]);
                assertThat(cp.reverseMapSize(ids[k])).isEqualTo(rmaps[k]);
            }
        }
    }
}

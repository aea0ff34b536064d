package org.iommusim.hw.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.iommusim.hw.ioasid.AllocSpec;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.junit.jupiter.api.Test;

/** {@link GuestPageTable#mapRun} against {@link GuestPageTable#map} called leaf by leaf. */
class GuestPageTableRunTest {
    private static final long TABLE_PAGES = 64;

    /** A parent mapping GPAs [0, 64 pages) for the table and nothing else, and a table over it. */
    private static final class Side {
        final ControlPlane cp = new ControlPlane();
        final int child;
        final GuestPageTable table;

        Side(long tablePagesMapped) {
            int parent = cp.alloc(AllocSpec.root(4)).value();
            child = cp.alloc(AllocSpec.child(parent, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4)).value();
            cp.map(parent, 0, 1L << 33, tablePagesMapped * 4096, Prot.RW, PageSize.SIZE_4K).value();
            table = GuestPageTable.create(cp, child, 0, TABLE_PAGES * 4096).value();
        }
    }

    private static Result<GuestEdit> leafByLeaf(GuestPageTable t, long iova, long gpa, long count, PageSize size) {
        Result<GuestEdit> last = null;
        for (long k = 0; k < count; k++) {
            last = t.map(iova + k * size.bytes(), gpa + k * size.bytes(), size, Prot.RW);
            if (!last.isOk()) {
                return last;
            }
        }
        return last;
    }

    @Test
    void mapRun_randomRuns_sameMemoryWritesAndErrorsAsLeafByLeaf() {
        long seed = System.nanoTime();
        System.out.println("GuestPageTableRunTest seed " + seed);
        Random rnd = new Random(seed);
        PageSize[] sizes = {PageSize.SIZE_4K, PageSize.SIZE_64K, PageSize.SIZE_2M};
        for (int trial = 0; trial < 20; trial++) {
            long mapped = rnd.nextBoolean() ? TABLE_PAGES : 2 + rnd.nextInt(12); // some runs run out of mapped table pages
            Side run = new Side(mapped);
            Side one = new Side(mapped);
            for (int op = 0; op < 12; op++) {
                PageSize size = sizes[rnd.nextInt(sizes.length)];
                // Runs near region boundaries (so they cross leaf tables) and overlapping earlier runs.
                long iova = ((long) rnd.nextInt(4) << 30) + ((long) rnd.nextInt(6) << 21) - (size.bytes() * rnd.nextInt(3));
                iova = Math.max(0, iova) & -size.bytes();
                long gpa = ((long) rnd.nextInt(1 << 10)) << 21;
                long count = 1 + rnd.nextInt(size == PageSize.SIZE_4K ? 1200 : 40);
                Result<GuestEdit> a = run.table.mapRun(iova, gpa, count, size, Prot.RW);
                Result<GuestEdit> b = leafByLeaf(one.table, iova, gpa, count, size);
                String what = "seed " + seed + " trial " + trial + " op " + op;
                assertThat(a.isOk()).as(what).isEqualTo(b.isOk());
                if (!a.isOk()) {
                    assertThat(a.error().toString()).as(what).isEqualTo(b.error().toString());
                }
                assertThat(run.cp.fingerprint()).as(what).isEqualTo(one.cp.fingerprint());
                assertThat(run.cp.stats(run.child)).as(what).isEqualTo(one.cp.stats(one.child));
            }
        }
    }

    @Test
    void mapRun_acrossLeafTables_returnsTheWholeRunAsOneEdit() {
        Side s = new Side(TABLE_PAGES);
        // 600 4 KiB leaves from 1 MiB below a 2 MiB boundary: two leaf tables, the second new.
        GuestEdit e = s.table.mapRun(0x40_0000L - 0x10_0000L, 0, 600, PageSize.SIZE_4K, Prot.RW).value();
        assertThat(e.start()).isEqualTo(0x30_0000L);
        assertThat(e.length()).isEqualTo(600 * 4096L);
        assertThat(e.tablePagesAllocated()).isEqualTo(4); // three for the first leaf, one leaf table more
        assertThat(e.ptesWritten()).isEqualTo(4 * 512 + 3 + 1 + 600);
        assertThat(e.wasPresent()).isFalse();
    }
}

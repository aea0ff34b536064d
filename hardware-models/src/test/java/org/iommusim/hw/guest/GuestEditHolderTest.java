package org.iommusim.hw.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.iommusim.hw.ioasid.AllocSpec;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.ioasid.OpError;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.junit.jupiter.api.Test;

/**
 * The reusable-edit API of {@link GuestPageTable} ({@code map}/{@code unmap} into a
 * {@link GuestEditHolder}, returning only the error) makes the same edits, the same errors and
 * the same guest memory as the {@link Result} API, and allocates nothing per edit.
 */
class GuestEditHolderTest {
    private static final long[] BASES = {0, 0x20_0000L, 0x4000_0000L, 1L << 39};
    private static final PageSize[] SIZES = {PageSize.SIZE_4K, PageSize.SIZE_4K, PageSize.SIZE_64K, PageSize.SIZE_2M};

    /** One guest table over a parent that maps {@code tablePages} pages of table region, on its own control plane. */
    private static final class Twin {
        final ControlPlane cp = new ControlPlane();
        final GuestPageTable table;

        Twin(int tablePages, int mappedPages) {
            int parent = cp.alloc(AllocSpec.root(4)).value();
            int child = cp.alloc(AllocSpec.child(parent, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4)).value();
            cp.map(parent, 0, 1L << 33, mappedPages * 4096L, Prot.RW, PageSize.SIZE_4K).value();
            table = GuestPageTable.create(cp, child, 0, tablePages * 4096L).value();
        }
    }

    @Test
    void holderEdits_equalResultEdits_onSeededRandomSequences() {
        for (long seed = 1; seed <= 6; seed++) {
            System.out.println("GuestEditHolderTest seed " + seed);
            SplittableRandom rnd = new SplittableRandom(seed);
            // the parent maps fewer pages than the region holds: late maps fail with EFAULT, then ENOMEM
            Twin byResult = new Twin(24, 20);
            Twin byHolder = new Twin(24, 20);
            GuestEditHolder holder = new GuestEditHolder();
            GuestEdit last = null;
            int accepted = 0;
            int rejected = 0;
            for (int step = 0; step < 600; step++) {
                int kind = rnd.nextInt(SIZES.length);
                PageSize size = SIZES[kind];
                long base = BASES[rnd.nextInt(BASES.length)];
                long iova = base + rnd.nextInt(size == PageSize.SIZE_2M ? 4 : 40) * size.bytes()
                        + (rnd.nextInt(10) == 0 ? 0x1000 : 0); // sometimes misaligned for its size
                long gpa = rnd.nextInt(1 << 16) * size.bytes();
                boolean unmap = rnd.nextInt(3) == 0;
                String what = String.format("seed %d step %d %s 0x%x %s", seed, step, unmap ? "unmap" : "map", iova, size);
                Result<GuestEdit> r = unmap ? byResult.table.unmap(iova) : byResult.table.map(iova, gpa, size, Prot.RW);
                OpError error = unmap ? byHolder.table.unmap(iova, holder) : byHolder.table.map(iova, gpa, size, Prot.RW,
                        holder);
                if (r.isOk()) {
                    accepted++;
                    assertThat(error).as(what).isNull();
                    assertThat(holder.toEdit()).as(what).isEqualTo(r.value());
                    assertThat(holder.end()).as(what).isEqualTo(r.value().end());
                    last = r.value();
                } else {
                    rejected++;
                    assertThat(error).as(what).isEqualTo(r.error());
                    if (last != null) {
                        assertThat(holder.toEdit()).as("%s: a rejected edit leaves the holder", what).isEqualTo(last);
                    }
                }
                assertThat(byHolder.cp.fingerprint()).as(what).isEqualTo(byResult.cp.fingerprint());
            }
            assertThat(accepted).as("seed %d", seed).isGreaterThan(100);
            assertThat(rejected).as("seed %d", seed).isGreaterThan(50);
        }
    }

    @Test
    void holderEdits_allocateNothingPerEdit() {
        Twin t = new Twin(8, 8);
        GuestEditHolder holder = new GuestEditHolder();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) { // the first round grows guest memory's pages
            long before = threads.getCurrentThreadAllocatedBytes();
            int wrong = 0; // counted, not asserted, inside the loop: an assertion allocates
            for (int i = 0; i < 2_000; i++) {
                long iova = 0x4000_0000L + (i % 64) * 4096L;
                wrong += t.table.map(iova, 0x10_0000L + i * 4096L, PageSize.SIZE_4K, Prot.RW, holder) == null
                        && !holder.wasPresent() && holder.start() == iova ? 0 : 1;
                wrong += t.table.unmap(iova, holder) == null && holder.wasPresent() ? 0 : 1;
            }
            long bytes = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(wrong).as("edits refused or misreported").isZero();
            if (round == 1) {
                assertThat(bytes).as("bytes of 4,000 guest edits into a holder").isLessThan(4_000);
            }
        }
    }
}

package org.iommusim.hw.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.iommusim.hw.functional.Outcome;
import org.iommusim.hw.functional.Translation;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.AllocSpec;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.ioasid.RmapFootprint;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Reverse-map fan-out: several software-shadowed children of one parent, each mapping the same
 * GPA pages at several IOVAs (aliases). A parent remap of a page must reach every alias in every
 * child through the reverse maps, cost one entry per alias, and agree with the oracle; the
 * reverse maps' footprint is counted now and at its peak.
 */
class RmapFanOutTest {
    private static final long HPA = 64L << 30;
    private static final long ALT = 96L << 30;
    private static final long TABLES_GPA = 1L << 30;
    private static final long PAGES = 64;
    private static final long STRIDE = 1L << 24;

    private final TreeFixture f = new TreeFixture();
    private final List<Integer> children = new ArrayList<>();
    private int parent;

    /** {@code children} shadowed children; child c maps GPA pages {@code pages} at {@code aliases[c]} IOVAs each. */
    private void tree(int childCount, int[] aliases, long[] pages) {
        parent = f.root(4);
        for (long p = 0; p < PAGES; p++) {
            f.map(parent, p << 12, HPA + (p << 12), 4096, PageSize.SIZE_4K);
        }
        f.map(parent, TABLES_GPA, HPA + TABLES_GPA, 2L << 20, PageSize.SIZE_2M);
        for (int c = 0; c < childCount; c++) {
            int id = f.alloc(AllocSpec.child(parent, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4));
            long tables = TABLES_GPA + c * (256L << 10);
            GuestPageTable t = f.guestTable(id, tables, tables + (256L << 10));
            for (int k = 0; k < aliases[c]; k++) {
                for (long p : pages) {
                    TreeFixture.ok(t.map(iova(k, p), p << 12, PageSize.SIZE_4K, Prot.RW));
                }
                f.invalidate(id, iova(k, 0), PAGES << 12);
            }
            f.attach(c + 1, 0, id);
            children.add(id);
        }
    }

    private static long iova(int alias, long page) {
        return (4L << 30) + alias * STRIDE + (page << 12);
    }

    /** Moves GPA page {@code p} to {@code hpa} by unmap then map; returns the map's effects. */
    private Effects remap(long p, long hpa) {
        f.unmap(parent, p << 12, 4096);
        return f.map(parent, p << 12, hpa, 4096, PageSize.SIZE_4K);
    }

    private void assertAliasesTranslate(int[] aliases, long[] pages, long[] hpaOf) {
        for (int c = 0; c < children.size(); c++) {
            for (int k = 0; k < aliases[c]; k++) {
                for (long p : pages) {
                    long va = iova(k, p) + 0x18;
                    Translation t = f.translate(c + 1, 0, va, Access.WRITE);
                    Outcome o = f.expected(c + 1, 0, va, Access.WRITE);
                    assertThat(t.ok).as("child %d alias %d page %d", c, k, p).isTrue();
                    assertThat(t.hpa).as("child %d alias %d page %d", c, k, p).isEqualTo(hpaOf[(int) p] + 0x18);
                    assertThat(o.matches(t)).as("oracle %s vs IOMMU at child %d alias %d page %d", o, c, k, p).isTrue();
                }
            }
        }
    }

    @Test
    void parentRemap_reachesEveryAliasInEveryChild() {
        int[] aliases = {4, 2, 3};
        long[] pages = {0, 1, 2, 3, 7};
        tree(3, aliases, pages);
        Effects e = remap(2, ALT + (2 << 12));
        assertThat(e.rmapEntriesTouched()).isEqualTo(4 + 2 + 3);
        assertThat(e.shadowPtesWritten()).isEqualTo(4 + 2 + 3);
        long[] hpaOf = new long[(int) PAGES];
        for (int p = 0; p < PAGES; p++) {
            hpaOf[p] = HPA + ((long) p << 12);
        }
        hpaOf[2] = ALT + (2 << 12);
        assertAliasesTranslate(aliases, pages, hpaOf);
    }

    @Test
    void atomicParentReplace_rewritesEachShadowLeafInOneWrite() {
        int[] aliases = {4, 2, 3};
        long[] pages = {0, 1, 2, 3, 7};
        tree(3, aliases, pages);
        Effects e = TreeFixture.ok(f.cp.replace(parent, 2 << 12, ALT + (2 << 12), 4096, Prot.RW, PageSize.SIZE_4K));
        assertThat(e.rmapEntriesTouched()).isEqualTo(4 + 2 + 3);
        // one in-place write per derived leaf (not a clear and then a write)
        assertThat(e.shadowPtesWritten()).isEqualTo(4 + 2 + 3);
        long[] hpaOf = new long[(int) PAGES];
        for (int p = 0; p < PAGES; p++) {
            hpaOf[p] = HPA + ((long) p << 12);
        }
        hpaOf[2] = ALT + (2 << 12);
        assertAliasesTranslate(aliases, pages, hpaOf);
    }

    @Test
    void rmapCost_growsWithFanOut() {
        tree(2, new int[] {1, 1}, new long[] {5});
        long single = remap(5, ALT + (5 << 12)).rmapEntriesTouched();
        RmapFanOutTest wide = new RmapFanOutTest();
        wide.tree(2, new int[] {8, 8}, new long[] {5});
        long fanned = wide.remap(5, ALT + (5 << 12)).rmapEntriesTouched();
        assertThat(single).isEqualTo(2);
        assertThat(fanned).isEqualTo(16);
    }

    @Test
    void footprint_countsEveryEntryAndKeepsItsPeak() {
        int[] aliases = {3, 1};
        long[] pages = {0, 1, 2, 3};
        tree(2, aliases, pages);
        RmapFootprint fp = f.cp.reverseMapFootprint();
        long entries = f.cp.reverseMapSize(children.get(0)) + f.cp.reverseMapSize(children.get(1));
        assertThat(fp.entries()).isEqualTo(entries).isGreaterThanOrEqualTo((3 + 1) * 4);
        assertThat(fp.bytes()).isGreaterThanOrEqualTo(fp.entries() * ReverseMap.ENTRY_BYTES);
        assertThat(fp.peakEntries()).isEqualTo(fp.entries());
        long peakBytes = fp.peakBytes();
        TreeFixture.ok(f.cp.detach(2, 0));
        TreeFixture.ok(f.cp.free(children.get(1)));
        assertThat(fp.entries()).isEqualTo(f.cp.reverseMapSize(children.get(0)));
        assertThat(fp.peakEntries()).isEqualTo(entries);
        assertThat(fp.peakBytes()).isEqualTo(peakBytes).isGreaterThan(fp.bytes());
    }

    @Test
    void footprint_isZeroWithoutShadows() {
        int root = f.root(4);
        f.map(root, 0, HPA, 1L << 20, PageSize.SIZE_4K);
        assertThat(f.cp.hasShadows()).isFalse();
        assertThat(f.cp.reverseMapFootprint().peakEntries()).isZero();
    }

    @RepeatedTest(8)
    void randomAliasLayouts_agreeWithTheOracleAfterEveryRemap() {
        long seed = System.nanoTime();
        System.out.println("RmapFanOutTest seed " + seed);
        SplittableRandom r = new SplittableRandom(seed);
        int childCount = 1 + r.nextInt(3);
        int[] aliases = new int[childCount];
        for (int c = 0; c < childCount; c++) {
            aliases[c] = 1 + r.nextInt(5);
        }
        long[] pages = r.longs(1 + r.nextInt(12), 0, PAGES).distinct().toArray();
        tree(childCount, aliases, pages);
        long[] hpaOf = new long[(int) PAGES];
        for (int p = 0; p < PAGES; p++) {
            hpaOf[p] = HPA + ((long) p << 12);
        }
        for (int step = 0; step < 20; step++) {
            long p = pages[r.nextInt(pages.length)];
            long to = (hpaOf[(int) p] == HPA + (p << 12) ? ALT : HPA) + (p << 12);
            Effects e = remap(p, to);
            hpaOf[(int) p] = to;
            int fanOut = 0;
            for (int a : aliases) {
                fanOut += a;
            }
            assertThat(e.rmapEntriesTouched()).as("seed %d step %d", seed, step).isEqualTo(fanOut);
            assertAliasesTranslate(aliases, pages, hpaOf);
        }
    }
}

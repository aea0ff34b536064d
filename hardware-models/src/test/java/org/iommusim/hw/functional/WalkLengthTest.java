package org.iommusim.hw.functional;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * VALIDATION item 1: cold walk lengths. The model has no caches, so every translation is a
 * cold walk. Parents of 1 and 2 levels are allowed here through a control plane configured
 * with levels 1..5 (the default is 3..5): the 4×1 closed form needs a one-level parent.
 */
class WalkLengthTest {
    private static final long IOVA = 0x1234_5000L;
    private static final long DATA_GPA = 0x10_0000L;
    private static final long HPA_BASE = 0x40_0000_0000L;

    @ParameterizedTest(name = "{0} levels read {0} PTEs")
    @CsvSource({"3", "4", "5"})
    void singleStageWalk_readsOnePtePerLevel(int levels) {
        TreeFixture f = TreeFixture.anyDepth();
        int root = f.root(levels);
        f.map(root, IOVA, HPA_BASE, 4096, PageSize.SIZE_4K);
        f.attach(1, 0, root);

        Translation t = f.translate(1, 0, IOVA + 0x123, Access.READ);

        assertThat(t.ok).isTrue();
        assertThat(t.hpa).isEqualTo(HPA_BASE + 0x123);
        assertThat(f.trace.size()).isEqualTo(levels);
        assertThat(f.trace.count(1)).isEqualTo(levels);
    }

    /** A child of n levels hardware-nested on a parent of m levels; both map 4 KiB pages. */
    private static TreeFixture nested(int n, int m, PageSize childLeaf, PageSize parentLeaf) {
        TreeFixture f = TreeFixture.anyDepth();
        int parent = f.root(m);
        long guestRam = parentLeaf == PageSize.SIZE_1G ? 1L << 30 : 1L << 21;
        f.map(parent, 0, HPA_BASE, guestRam, parentLeaf);
        int child = f.child(parent, Mode.BIND_INVALIDATE, Nesting.HARDWARE, n);
        GuestPageTable table = f.guestTable(child, 0, DATA_GPA);
        long iova = childLeaf == PageSize.SIZE_4K ? IOVA : 0;
        TreeFixture.ok(table.map(iova, childLeaf == PageSize.SIZE_4K ? DATA_GPA : 0, childLeaf, Prot.RW));
        f.attach(1, 0, child);
        return f;
    }

    @ParameterizedTest(name = "{0}x{1} nested reads {2}")
    @CsvSource({"4,4,24", "5,5,35", "4,5,29", "5,4,29", "3,3,15", "4,1,9", "4,2,14"})
    void nestedColdWalk_readsNmPlusNPlusM(int n, int m, int reads) {
        TreeFixture f = nested(n, m, PageSize.SIZE_4K, PageSize.SIZE_4K);

        Translation t = f.translate(1, 0, IOVA + 0x10, Access.WRITE);

        assertThat(t.ok).as("%s", t.describe()).isTrue();
        assertThat(t.hpa).isEqualTo(HPA_BASE + DATA_GPA + 0x10);
        assertThat(reads).isEqualTo(n * m + n + m);
        assertThat(f.trace.size()).as("trace %s", f.trace).isEqualTo(reads);
        assertThat(f.trace.count(1)).isEqualTo(n);
        assertThat(f.trace.count(2)).isEqualTo(n * m + m);
    }

    @ParameterizedTest(name = "{0}x{1}: each stage-1 pointer translated before its stage-1 read")
    @CsvSource({"4,4", "5,3", "3,5"})
    void nestedWalk_readsInHardwareOrder(int n, int m) {
        TreeFixture f = nested(n, m, PageSize.SIZE_4K, PageSize.SIZE_4K);

        f.translate(1, 0, IOVA, Access.READ);

        // Groups of m stage-2 reads (levels m..1) followed by one stage-1 read (levels n..1),
        // then a final group of m stage-2 reads for the output GPA.
        int i = 0;
        long expectedPointer = f.cp.ioasid(f.out.ioasid).boundRoot();
        for (int s1Level = n; s1Level >= 1; s1Level--) {
            for (int s2Level = m; s2Level >= 1; s2Level--, i++) {
                assertThat(f.trace.stage(i)).as("read %d of %s", i, f.trace).isEqualTo(2);
                assertThat(f.trace.level(i)).isEqualTo(s2Level);
                assertThat(f.trace.input(i)).as("stage-2 input is the stage-1 table pointer").isEqualTo(expectedPointer);
                assertThat(f.trace.kind(i)).isEqualTo(TableKind.KERNEL);
            }
            assertThat(f.trace.stage(i)).isEqualTo(1);
            assertThat(f.trace.level(i)).isEqualTo(s1Level);
            assertThat(f.trace.kind(i)).isEqualTo(TableKind.GUEST);
            assertThat(f.trace.input(i)).isEqualTo(IOVA);
            expectedPointer = f.trace.pteValue(i) & 0x000F_FFFF_FFFF_F000L;
            i++;
        }
        for (int s2Level = m; s2Level >= 1; s2Level--, i++) {
            assertThat(f.trace.stage(i)).isEqualTo(2);
            assertThat(f.trace.input(i)).as("final group translates the output GPA").isEqualTo(DATA_GPA);
        }
        assertThat(i).isEqualTo(f.trace.size());
    }

    @ParameterizedTest(name = "{0}x{1} child leaf {2}, parent leaf {3}: {4} reads")
    @CsvSource({
        "4,4,SIZE_2M,SIZE_4K,19",   // stage 1 stops at level 2: 3 pointers × 4 + 3 + 4
        "4,4,SIZE_1G,SIZE_4K,14",   // stage 1 stops at level 3: 2 × 4 + 2 + 4
        "4,4,SIZE_4K,SIZE_2M,19",   // every stage-2 walk stops at level 2: 4 × 3 + 4 + 3
        "4,4,SIZE_4K,SIZE_1G,14",   // every stage-2 walk stops at level 3: 4 × 2 + 4 + 2
        "4,4,SIZE_2M,SIZE_2M,15",   // both: 3 × 3 + 3 + 3
        "5,5,SIZE_1G,SIZE_1G,15"    // both stop at level 3: 3 × 3 + 3 + 3
    })
    void nestedWalk_largeLeavesEndAStageEarly(int n, int m, PageSize childLeaf, PageSize parentLeaf, int reads) {
        TreeFixture f = nested(n, m, childLeaf, parentLeaf);
        int n1 = n - (childLeaf.level() - 1);
        int m1 = m - (parentLeaf.level() - 1);

        long iova = childLeaf == PageSize.SIZE_4K ? IOVA : 0x1000;
        Translation t = f.translate(1, 0, iova, Access.READ);

        assertThat(t.ok).as("%s", t.describe()).isTrue();
        assertThat(f.trace.size()).as("trace %s", f.trace).isEqualTo(n1 * m1 + n1 + m1).isEqualTo(reads);
        assertThat(t.pageShift).isEqualTo(Math.min(childLeaf.shift(), parentLeaf.shift()));
    }
}

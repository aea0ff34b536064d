package org.iommusim.hw.pagetable;

import static org.assertj.core.api.Assertions.assertThat;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import org.iommusim.hw.physmem.PageAllocator;
import org.iommusim.hw.physmem.PhysicalMemory;
import org.junit.jupiter.api.Test;

class RadixTableTest {
    private final PhysicalMemory mem = new PhysicalMemory();
    private final PageAllocator alloc = new PageAllocator(1L << 40, 1L << 41);
    private final RadixTable t = RadixTable.create(mem, alloc, 4);
    private final TableWork work = new TableWork();
    private final LeafRef ref = new LeafRef();

    @Test
    void map_4k_createsThreeTablesAndTranslates() {
        t.map(0x40_0000_0000L, 0x40_0000_2000L, 0x9000_0000L, 1, Prot.RW.mask(), true, work);

        assertThat(work.tablesAllocated).isEqualTo(3);
        assertThat(work.ptesWritten).isEqualTo(3 + 2);
        assertThat(t.lookup(0x40_0000_1abcL, ref)).isTrue();
        assertThat(ref.output(0x40_0000_1abcL)).isEqualTo(0x9000_1abcL);
        assertThat(ref.shift).isEqualTo(12);
        assertThat(ref.pte & Pte.AREA_END).isNotZero();
    }

    @Test
    void missingTables_predictsWhatMapAllocates() {
        t.map(0, 0x1000, 0x5000, 1, 2, false, work);
        long predicted = t.missingTables(0x3F_F000L, 0x80_1000L, 1);
        TableWork w = new TableWork();
        t.map(0x3F_F000L, 0x80_1000L, 0x1_0000_0000L, 1, 2, false, w);
        assertThat(w.tablesAllocated).isEqualTo(predicted).isEqualTo(4); // leaf tables for four 2 MiB regions
    }

    @Test
    void largeLeaves_endTheLookupEarly() {
        t.map(1L << 30, 2L << 30, 0x80_0000_0000L, 3, Prot.R.mask(), false, work);
        t.map(0x20_0000L, 0x40_0000L, 0x7FE0_0000L, 2, Prot.RW.mask(), false, work);
        assertThat(t.lookup((1L << 30) + 0x12345, ref)).isTrue();
        assertThat(ref.shift).isEqualTo(30);
        assertThat(ref.perms).isEqualTo(Prot.R.mask());
        assertThat(t.lookup(0x30_0000L, ref)).isTrue();
        assertThat(ref.shift).isEqualTo(21);
        assertThat(ref.output(0x30_0000L)).isEqualTo(0x7FF0_0000L);
    }

    @Test
    void lookupMiss_reportsTheSizeOfTheHole() {
        t.map(0, 0x1000, 0x5000, 1, 2, false, work);
        assertThat(t.lookup(0x2000, ref)).isFalse();
        assertThat(ref.shift).isEqualTo(12);
        assertThat(t.lookup(1L << 40, ref)).isFalse();
        assertThat(ref.shift).isEqualTo(39);
    }

    /**
     * The range [0, 1 GiB) covers the whole input range of the level-2 table (that GiB) and of the
     * leaf table below it: both go. The level-3 table spans 512 GiB, which the range covers only
     * in part: it stays, empty (Linux frees a table only when the unmap covers its entire range;
     * the model used to free it too, because it had become empty).
     */
    @Test
    void removeRange_freesTheTablesWhoseWholeRangeItCovers_andReportsLeavesInOrder() {
        t.map(0x1000, 0x4000, 0x8000, 1, 2, false, work);
        long before = alloc.available();
        LongArrayList removed = new LongArrayList();
        TableWork w = new TableWork();
        TableRanges.removeRange(t, 0, 1L << 30, (b, s, p) -> removed.add(b), w);
        assertThat(removed.toLongArray()).containsExactly(0x1000L, 0x2000L, 0x3000L);
        assertThat(w.tablesFreed).isEqualTo(2);
        assertThat(w.highestLevelFreed).as("the level-2 table").isEqualTo(2);
        assertThat(alloc.available()).isEqualTo(before + 2);
        assertThat(TableRanges.anyLeafIn(t, 0, t.inputLimit())).isFalse();
        assertThat(mem.residentPages()).as("the root and the (empty) level-3 table keep storage").isEqualTo(2);
        assertThat(mem.isZeroPage(t.root())).as("the root still points to the level-3 table").isFalse();

        TableWork all = new TableWork();
        TableRanges.removeRange(t, 0, t.inputLimit(), null, all);
        assertThat(all.tablesFreed).as("a range covering its 512 GiB frees the level-3 table").isEqualTo(1);
        assertThat(all.highestLevelFreed).isEqualTo(3);
        assertThat(mem.residentPages()).as("only the root keeps storage").isEqualTo(1);
        assertThat(mem.isZeroPage(t.root())).isTrue();
    }

    /** Linux's rule: removing every leaf of a table through narrower ranges never frees it. */
    @Test
    void removeRange_partialRanges_emptyTheLeafTableButKeepIt() {
        t.map(0x1000, 0x4000, 0x8000, 1, 2, false, work);
        long before = alloc.available();
        TableWork w = new TableWork();
        TableRanges.removeRange(t, 0x1000, 0x3000, null, w);
        TableRanges.removeRange(t, 0x3000, 0x4000, null, w);
        assertThat(TableRanges.anyLeafIn(t, 0, t.inputLimit())).isFalse();
        assertThat(w.tablesFreed).isZero();
        assertThat(w.highestLevelFreed).isZero();
        assertThat(w.ptesWritten).as("the three leaves only").isEqualTo(3);
        assertThat(alloc.available()).isEqualTo(before);
        assertThat(mem.residentPages()).as("root and three empty tables below it").isEqualTo(4);

        TableWork again = new TableWork();
        t.map(0x5000, 0x6000, 0x9000, 1, 2, false, again);
        assertThat(again.tablesAllocated).as("the kept leaf table is reused").isZero();
    }

    /** A range covering exactly a leaf table's 2 MiB frees that table only; its parent stays. */
    @Test
    void removeRange_coveringExactlyOneLeafTable_freesItAndNothingAbove() {
        t.map(0x20_0000L, 0x20_2000L, 0x8000, 1, 2, false, work);
        t.map(0x40_0000L, 0x40_1000L, 0xA000, 1, 2, false, work);
        long before = alloc.available();
        TableWork w = new TableWork();
        TableRanges.removeRange(t, 0x20_0000L, 0x40_0000L, null, w);
        assertThat(w.tablesFreed).isEqualTo(1);
        assertThat(w.highestLevelFreed).isEqualTo(1);
        assertThat(alloc.available()).isEqualTo(before + 1);
        assertThat(t.lookup(0x40_0000L, ref)).isTrue();

        TableWork one = new TableWork();
        TableRanges.removeRange(t, 0x40_0000L, 0x40_1000L, null, one);
        assertThat(one.tablesFreed).as("a 4 KiB unmap never frees a table").isZero();
    }

    /**
     * A large leaf where an empty table was left (Linux's switch_to_super_page): the table and
     * everything below it are freed; a table that still holds a leaf is an error.
     */
    @Test
    void map_largeLeafOverAnEmptyTable_freesIt_butNotOneHoldingALeaf() {
        t.map(0x20_0000L, 0x20_1000L, 0x8000, 1, 2, false, work);
        TableRanges.removeRange(t, 0x20_0000L, 0x20_1000L, null, new TableWork());
        long before = alloc.available();
        TableWork w = new TableWork();
        t.map(0x20_0000L, 0x40_0000L, 0x4000_0000L, 2, 2, false, w);
        assertThat(w.tablesFreed).isEqualTo(1);
        assertThat(w.highestLevelFreed).isEqualTo(1);
        assertThat(alloc.available()).isEqualTo(before + 1);
        assertThat(t.lookup(0x30_0000L, ref)).isTrue();
        assertThat(ref.shift).isEqualTo(21);

        t.map(0x60_0000L, 0x60_1000L, 0x8000, 1, 2, false, work);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> t.map(0x60_0000L, 0x80_0000L, 0x4020_0000L, 2, 2, false, new TableWork()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void forEachLeaf_visitsOnlyOverlappingLeaves() {
        t.map(0, 0x40_0000L, 0x1_0000_0000L, 2, 2, false, work);
        t.map(0x40_0000L, 0x40_3000L, 0x9000, 1, 2, false, work);
        LongArrayList seen = new LongArrayList();
        TableRanges.forEachLeaf(t, 0x3F_F000L, 0x40_2000L, (b, s, p) -> seen.add(b));
        assertThat(seen.toLongArray()).containsExactly(0x20_0000L, 0x40_0000L, 0x40_1000L);
    }
}

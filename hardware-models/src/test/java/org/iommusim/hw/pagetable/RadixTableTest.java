package org.iommusim.hw.pagetable;

import static org.assertj.core.api.Assertions.assertThat;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import org.iommusim.hw.memory.PageAllocator;
import org.iommusim.hw.memory.PhysicalMemory;
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

    @Test
    void removeRange_freesTablesThatBecomeEmpty_andReportsLeavesInOrder() {
        t.map(0x1000, 0x4000, 0x8000, 1, 2, false, work);
        long before = alloc.available();
        LongArrayList removed = new LongArrayList();
        TableWork w = new TableWork();
        TableRanges.removeRange(t, 0, 1L << 30, (b, s, p) -> removed.add(b), w);
        assertThat(removed.toLongArray()).containsExactly(0x1000L, 0x2000L, 0x3000L);
        assertThat(w.tablesFreed).isEqualTo(3);
        assertThat(alloc.available()).isEqualTo(before + 3);
        assertThat(TableRanges.anyLeafIn(t, 0, t.inputLimit())).isFalse();
        assertThat(mem.residentPages()).as("only the root keeps storage").isEqualTo(1);
        assertThat(mem.isZeroPage(t.root())).isTrue();
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

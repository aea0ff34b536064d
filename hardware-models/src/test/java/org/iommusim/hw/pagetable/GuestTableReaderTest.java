package org.iommusim.hw.pagetable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.iommusim.hw.physmem.PhysicalMemory;
import org.junit.jupiter.api.Test;

/** The guest-table reader on its own: guest pages sit at GPA + OFFSET in host memory. */
class GuestTableReaderTest {
    private static final long OFFSET = 0x10_0000_0000L;
    private static final long ROOT = 0x1000;
    private static final long L3 = 0x2000;
    private static final long L2 = 0x3000;
    private static final long L1 = 0x4000;
    private static final long ADDR = 0x12_3456_7000L;

    private final PhysicalMemory mem = new PhysicalMemory();
    private final GuestTableReader reader = new GuestTableReader(mem);
    private final Set<Long> unreadable = new HashSet<>();
    private final GuestTableReader.TablePages pages =
            (gpa, level) -> unreadable.contains(gpa) ? GuestTableReader.NO_PAGE : gpa + OFFSET;

    private void set(long tableGpa, int level, long addr, long pte) {
        mem.write(tableGpa + OFFSET + Pte.indexOffset(addr, level), pte);
    }

    /** A 4-level path for {@code ADDR} ending in a 4 KiB leaf to {@code 0xABC_D000}. */
    private void path() {
        set(ROOT, 4, ADDR, Pte.table(L3));
        set(L3, 3, ADDR, Pte.table(L2));
        set(L2, 2, ADDR, Pte.table(L1));
        set(L1, 1, ADDR, Pte.leaf(0xABC_D000L, Prot.RW.mask(), 1));
    }

    @Test
    void walk_fourLevelPath_endsAtTheLeafAfterFourReadsInOrder() {
        path();
        List<Long> hpas = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();

        GuestTableReader.Stop stop = reader.walk(ROOT, 4, ADDR + 0x123, 1, pages, (level, hpa, pte) -> {
            levels.add(level);
            hpas.add(hpa);
        });

        assertThat(stop).isEqualTo(GuestTableReader.Stop.LEAF);
        assertThat(reader.level()).isEqualTo(1);
        assertThat(reader.output(ADDR + 0x123)).isEqualTo(0xABC_D123L);
        assertThat(reader.leafShift()).isEqualTo(12);
        assertThat(reader.ptesRead()).isEqualTo(4);
        assertThat(levels).containsExactly(4, 3, 2, 1);
        assertThat(hpas).containsExactly(ROOT + OFFSET + Pte.indexOffset(ADDR, 4), L3 + OFFSET + Pte.indexOffset(ADDR, 3),
                L2 + OFFSET + Pte.indexOffset(ADDR, 2), L1 + OFFSET + Pte.indexOffset(ADDR, 1));
        assertThat(reader.entryGpa(ADDR)).isEqualTo(L1 + Pte.indexOffset(ADDR, 1));
    }

    @Test
    void walk_largeLeaf_endsTheWalkEarlyWithItsSize() {
        set(ROOT, 4, ADDR, Pte.table(L3));
        set(L3, 3, ADDR, Pte.table(L2));
        set(L2, 2, ADDR, Pte.leaf(0x4000_0000L, Prot.RW.mask(), 2));

        assertThat(reader.walk(ROOT, 4, ADDR, 1, pages, null)).isEqualTo(GuestTableReader.Stop.LEAF);
        assertThat(reader.level()).isEqualTo(2);
        assertThat(reader.leafShift()).isEqualTo(21);
        assertThat(reader.output(ADDR)).isEqualTo(0x4000_0000L | (ADDR & 0x1F_FFFFL));
        assertThat(reader.ptesRead()).isEqualTo(3);
    }

    @Test
    void walk_nonPresentEntry_stopsThereAndNamesItsTable() {
        set(ROOT, 4, ADDR, Pte.table(L3));

        assertThat(reader.walk(ROOT, 4, ADDR, 1, pages, null)).isEqualTo(GuestTableReader.Stop.NOT_PRESENT);
        assertThat(reader.level()).isEqualTo(3);
        assertThat(reader.tableGpa()).isEqualTo(L3);
        assertThat(reader.ptesRead()).isEqualTo(2);
    }

    @Test
    void walk_unreadableTablePage_stopsBeforeReadingIt() {
        path();
        unreadable.add(L2);
        List<Integer> levels = new ArrayList<>();

        GuestTableReader.Stop stop = reader.walk(ROOT, 4, ADDR, 1, pages, (level, hpa, pte) -> levels.add(level));

        assertThat(stop).isEqualTo(GuestTableReader.Stop.NO_TABLE_PAGE);
        assertThat(reader.level()).isEqualTo(2);
        assertThat(reader.tableGpa()).isEqualTo(L2);
        assertThat(levels).containsExactly(4, 3);
    }

    @Test
    void walk_lowestLevelAboveTheLeaf_stopsAtThePresentTableEntry() {
        path();

        assertThat(reader.walk(ROOT, 4, ADDR, 2, pages, null)).isEqualTo(GuestTableReader.Stop.TABLE);
        assertThat(reader.level()).isEqualTo(2);
        assertThat(Pte.address(reader.entry())).isEqualTo(L1);
    }

    @Test
    void walk_permissions_areAndedAlongThePath() {
        path();
        set(L3, 3, ADDR, Pte.table(L2) & ~Pte.WRITE);

        reader.walk(ROOT, 4, ADDR, 1, pages, null);

        assertThat(reader.pathPerms()).isEqualTo((int) Pte.READ);
    }

    @Test
    void forEachLeaf_visitsOnlyLeavesInTheRange_andEveryTableReached() {
        long a = 0x20_0000L;
        set(ROOT, 4, a, Pte.table(L3));
        set(L3, 3, a, Pte.table(L2));
        set(L2, 2, a, Pte.table(L1));
        for (int i = 0; i < 3; i++) {
            set(L1, 1, a + 0x1000L * i, Pte.leaf(0x9000_0000L + 0x1000L * i, Prot.R.mask(), 1));
        }
        set(L2, 2, 0x40_0000L, Pte.leaf(0x8000_0000L, Prot.RW.mask(), 2)); // outside the range
        List<String> seen = new ArrayList<>();

        long reads = reader.forEachLeaf(ROOT, 4, a + 0x1000, a + 0x3000, pages, new GuestTableReader.RangeVisitor() {
            @Override
            public void table(long tableGpa, long regionBase, int level) {
                seen.add("table " + Long.toHexString(tableGpa) + " L" + level);
            }

            @Override
            public void leaf(long entryBase, int level, long pte, int pathPerms) {
                seen.add("leaf " + Long.toHexString(entryBase) + " -> " + Long.toHexString(Pte.address(pte))
                        + " perms " + pathPerms);
            }
        });

        assertThat(seen).containsExactly("table 1000 L4", "table 2000 L3", "table 3000 L2", "table 4000 L1",
                "leaf 201000 -> 90001000 perms 2", "leaf 202000 -> 90002000 perms 2");
        assertThat(reads).isEqualTo(1 + 1 + 1 + 2).isEqualTo(reader.ptesRead());
    }

    @Test
    void forEachLeaf_unreadableTable_isReportedButNotDescended() {
        path();
        unreadable.add(L2);
        List<Integer> tables = new ArrayList<>();
        List<Long> leaves = new ArrayList<>();

        reader.forEachLeaf(ROOT, 4, ADDR, ADDR + 0x1000, pages, new GuestTableReader.RangeVisitor() {
            @Override
            public void table(long tableGpa, long regionBase, int level) {
                tables.add(level);
            }

            @Override
            public void leaf(long entryBase, int level, long pte, int pathPerms) {
                leaves.add(entryBase);
            }
        });

        assertThat(tables).containsExactly(4, 3, 2);
        assertThat(leaves).isEmpty();
        assertThat(reader.ptesRead()).isEqualTo(2);
    }
}

package org.iommusim.hw.pagetable;

import org.iommusim.hw.physmem.PhysicalMemory;

/**
 * The one reader of guest page tables, shared by every walker that reads a table living in
 * guest memory (the functional 2D walk, the host's fault classification and lazy fill, the
 * shadow's guest sync, the guest driver's own edits). Each table page is found by
 * translating its GPA through the parent — however the caller models that translation: a
 * hardware stage-2 walk, the host's software lookup, the guest's view — via {@link
 * TablePages}; its entries are then read from host memory. Two walks: {@link #walk} follows
 * the path of one address, {@link #forEachLeaf} visits the leaves of a range.
 *
 * <p>Permissions are ANDed along the path ({@link #pathPerms}) but never checked: callers
 * check them against their access and report the fault in their own stage numbering. The
 * entry format is {@link Pte}'s. Not the test oracle ({@code DirectComposition} reads tables
 * on its own). Does not model timing, A/D bit updates or guest-side locking. One walk at a
 * time per instance (results live in fields so the data path allocates nothing); a {@link
 * TablePages} callback that reads another guest table needs its own reader.
 */
public final class GuestTableReader {
    /** What {@link TablePages#hostPage} returns when a table page cannot be read. */
    public static final long NO_PAGE = -1L;

    /** How the caller finds a guest table page in host memory. */
    @FunctionalInterface
    public interface TablePages {
        /**
         * Host address of the table page at {@code tableGpa} (a level-{@code level} table),
         * or {@link #NO_PAGE} when it cannot be read (the caller records why).
         */
        long hostPage(long tableGpa, int level);
    }

    /** Sees each entry {@link #walk} reads, in order. */
    @FunctionalInterface
    public interface EntryListener {
        void read(int level, long entryHpa, long pte);
    }

    /** Sees what {@link #forEachLeaf} reaches, depth first in address order. */
    public interface RangeVisitor {
        /** A table page at {@code tableGpa} covering input from {@code regionBase}, before it is read. */
        void table(long tableGpa, long regionBase, int level);

        /** A present leaf at input {@code entryBase}; {@code pathPerms} is ANDed over its path. */
        void leaf(long entryBase, int level, long pte, int pathPerms);
    }

    /** Where {@link #walk} stopped. */
    public enum Stop {
        /** A present leaf at {@link #level()}. */
        LEAF,
        /** A present table entry at the lowest level asked for. */
        TABLE,
        /** A non-present entry at {@link #level()}. */
        NOT_PRESENT,
        /** {@link TablePages} could not give the level-{@link #level()} table page. */
        NO_TABLE_PAGE
    }

    private final PhysicalMemory memory;
    private int level;
    private long entry;
    private long tableGpa;
    private int perms;
    private long ptesRead;

    public GuestTableReader(PhysicalMemory memory) {
        this.memory = memory;
    }

    /**
     * Follows {@code addr} from the root table at {@code rootGpa} ({@code levels} deep) down
     * to {@code lowestLevel} at most, stopping at the first leaf, non-present entry or table
     * page {@code pages} cannot give. {@code listener} may be null.
     */
    public Stop walk(long rootGpa, int levels, long addr, int lowestLevel, TablePages pages, EntryListener listener) {
        perms = Pte.PERM_MASK;
        ptesRead = 0;
        long table = rootGpa;
        for (level = levels; ; level--) {
            tableGpa = table;
            long page = pages.hostPage(table, level);
            if (page == NO_PAGE) {
                return Stop.NO_TABLE_PAGE;
            }
            long entryHpa = page + Pte.indexOffset(addr, level);
            entry = memory.read(entryHpa);
            ptesRead++;
            if (listener != null) {
                listener.read(level, entryHpa, entry);
            }
            if (!Pte.isPresent(entry)) {
                return Stop.NOT_PRESENT;
            }
            perms &= Pte.perms(entry);
            if (Pte.isLeaf(entry, level)) {
                return Stop.LEAF;
            }
            if (level <= lowestLevel) {
                return Stop.TABLE;
            }
            table = Pte.address(entry);
        }
    }

    /**
     * Visits the leaves of the table at {@code rootGpa} that overlap {@code [start, end)}.
     * Tables {@code pages} cannot give are reported to the visitor but not descended.
     * Returns the entries read.
     */
    public long forEachLeaf(long rootGpa, int levels, long start, long end, TablePages pages, RangeVisitor v) {
        ptesRead = 0;
        visit(rootGpa, levels, 0L, start, end, Pte.PERM_MASK, pages, v);
        return ptesRead;
    }

    private void visit(long table, int lvl, long regionBase, long start, long end, int pathPerms,
                       TablePages pages, RangeVisitor v) {
        v.table(table, regionBase, lvl);
        long page = pages.hostPage(table, lvl);
        if (page == NO_PAGE) {
            return;
        }
        int es = Pte.entryShift(lvl);
        long regionEnd = regionBase + (1L << Pte.tableShift(lvl));
        int first = start <= regionBase ? 0 : (int) ((start - regionBase) >>> es);
        int last = end >= regionEnd ? 511 : (int) ((end - 1 - regionBase) >>> es);
        for (int idx = first; idx <= last; idx++) {
            long pte = memory.read(page + ((long) idx << 3));
            ptesRead++;
            if (!Pte.isPresent(pte)) {
                continue;
            }
            long entryBase = regionBase + ((long) idx << es);
            int p = pathPerms & Pte.perms(pte);
            if (Pte.isLeaf(pte, lvl)) {
                v.leaf(entryBase, lvl, pte, p);
            } else {
                visit(Pte.address(pte), lvl - 1, entryBase, start, end, p, pages, v);
            }
        }
    }

    /** The level of the entry {@link #walk} stopped at (or of the table page it could not get). */
    public int level() {
        return level;
    }

    /** The entry {@link #walk} stopped at (undefined after {@link Stop#NO_TABLE_PAGE}). */
    public long entry() {
        return entry;
    }

    /** GPA of the table {@link #walk} stopped in. */
    public long tableGpa() {
        return tableGpa;
    }

    /** GPA of the entry {@link #walk} stopped at, for {@code addr} (the address walked). */
    public long entryGpa(long addr) {
        return tableGpa + Pte.indexOffset(addr, level);
    }

    /** READ/WRITE ANDed over the entries {@link #walk} read. */
    public int pathPerms() {
        return perms;
    }

    /** Shift of the region the leaf {@link #walk} stopped at covers. */
    public int leafShift() {
        return Pte.leafShift(entry, level);
    }

    /** The output GPA of {@code addr} through the leaf {@link #walk} stopped at. */
    public long output(long addr) {
        int shift = Pte.leafShift(entry, level);
        return Pte.leafBase(entry, shift) | (addr & ((1L << shift) - 1));
    }

    /** Entries read by the last walk. */
    public long ptesRead() {
        return ptesRead;
    }
}

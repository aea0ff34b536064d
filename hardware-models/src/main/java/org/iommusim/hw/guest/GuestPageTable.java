package org.iommusim.hw.guest;

import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.Errno;
import org.iommusim.hw.ioasid.IoasidView;
import org.iommusim.hw.ioasid.OpError;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.pagetable.GuestTableReader;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.pagetable.Pte;

/**
 * Models a guest's IOMMU driver editing its own page table in guest memory: map and unmap
 * of single leaves by plain 64-bit writes through {@link ControlPlane#writeGuestMemory}
 * (the control plane translates each GPA through the parent). Table pages come from a bump
 * allocator over a guest-physical region that the parent must map; new pages are zeroed.
 * The driver's reads of its own table go through the shared {@link GuestTableReader}, each
 * entry's GPA checked as a plain guest read ({@link GuestTableReads}). An edit checks everything
 * (reads only) before its first write, so a failed edit writes nothing. Does not invalidate, free
 * empty tables, or model guest CPU time.
 *
 * <p>Several IOASIDs may bind the same table (for example a hardware-nested and a
 * software-nested sibling over one parent): the table is memory, not an IOASID.
 */
public final class GuestPageTable {
    private static final long NO_TABLE = -1L;
    private final ControlPlane cp;
    private final int ioasid;
    private final int levels;
    private final long regionEnd;
    private long nextPage;
    private final long root;
    private final GuestTableReader reader;
    /** The guest's reads of its own table (its walks' table pages, the slot checks). */
    private final GuestTableReads reads;
    /** The table page {@link #map} last wrote a leaf into ({@link #NO_TABLE} before the first). */
    private long lastLeafTable = NO_TABLE;
    /** Leaf writes staged by {@link #mapRun} (empty between edits). */
    private final GuestWords staged;

    private GuestPageTable(ControlPlane cp, int ioasid, int levels, long regionStart, long regionEnd) {
        this.cp = cp;
        this.ioasid = ioasid;
        this.levels = levels;
        this.regionEnd = regionEnd;
        this.nextPage = regionStart;
        this.root = regionStart;
        this.reader = new GuestTableReader(cp.hostMemory());
        this.staged = new GuestWords(cp, ioasid);
        this.reads = new GuestTableReads(cp, ioasid);
    }

    /**
     * Creates an empty table whose pages come from GPAs {@code [regionStart, regionEnd)} of
     * the parent input space of bind-invalidate IOASID {@code ioasid}; the first page is the
     * root. Bind it with {@code cp.bind(ioasid, table.root())}.
     */
    public static Result<GuestPageTable> create(ControlPlane cp, int ioasid, long regionStart, long regionEnd) {
        IoasidView x = cp.ioasid(ioasid);
        if (x == null) {
            return Result.err(OpError.of(Errno.ENOENT, "guest table for IOASID %d: no such IOASID", ioasid));
        }
        if ((regionStart & 0xFFF) != 0 || regionEnd <= regionStart) {
            return Result.err(OpError.of(Errno.EINVAL, "guest table for IOASID %d: bad region [0x%x, 0x%x)",
                    ioasid, regionStart, regionEnd));
        }
        GuestPageTable t = new GuestPageTable(cp, ioasid, x.levels(), regionStart, regionEnd);
        Result<Long> probe = cp.readGuestMemory(ioasid, regionStart);
        if (!probe.isOk()) {
            return Result.err(probe.error());
        }
        t.nextPage += 4096;
        t.zero(regionStart);
        return Result.ok(t);
    }

    /** GPA of the root table page. */
    public long root() {
        return root;
    }

    public int ioasid() {
        return ioasid;
    }

    /**
     * Maps {@code iova} to {@code gpa} with one leaf of {@code size} (a 64 KiB page: its 16
     * contiguous-hint leaves); the slots must be empty.
     */
    public Result<GuestEdit> map(long iova, long gpa, PageSize size, Prot prot) {
        GuestEditHolder edit = new GuestEditHolder();
        OpError error = map(iova, gpa, size, prot, edit);
        return error == null ? Result.ok(edit.toEdit()) : Result.err(error);
    }

    /**
     * {@link #map(long, long, PageSize, Prot)} without allocating: the edit goes into
     * {@code into}; returns null if accepted, else the error ({@code into} then unchanged, the
     * table too).
     */
    public OpError map(long iova, long gpa, PageSize size, Prot prot, GuestEditHolder into) {
        if (!fits(iova, gpa, size)) {
            return OpError.of(Errno.EINVAL, "%s: size, alignment or address width", where(iova, gpa, size));
        }
        GuestTableReader.Stop stop = reader.walk(root, levels, iova, size.level(), reads.of(iova), null);
        if (stop == GuestTableReader.Stop.NO_TABLE_PAGE) {
            return reads.error();
        }
        int level = reader.level();
        long table = reader.tableGpa();
        if (stop == GuestTableReader.Stop.LEAF && level > size.level()) {
            return OpError.of(Errno.EEXIST, "%s: a level-%d leaf covers it", where(iova, gpa, size), level);
        }
        if (stop != GuestTableReader.Stop.NOT_PRESENT) {
            return OpError.of(Errno.EEXIST, "%s: slot already present", where(iova, gpa, size));
        }
        if (level == size.level() && size.entries() > 1 && reads.anyPresent(cp.guestHostAddress(ioasid, table), iova, size)) {
            return OpError.of(Errno.EEXIST, "%s: an entry of the 64 KiB run is present", where(iova, gpa, size));
        }
        int missing = level - size.level();
        if (nextPage + 4096L * missing > regionEnd) {
            return OpError.of(Errno.ENOMEM, "%s: guest table region exhausted", where(iova, gpa, size));
        }
        for (int i = 0; i < missing; i++) {
            if (cp.guestHostAddress(ioasid, nextPage + 4096L * i) == -1L) {
                return cp.guestReadAddress(ioasid, nextPage + 4096L * i).error();
            }
        }
        long written = 0;
        for (; level > size.level(); level--) {
            long page = nextPage;
            nextPage += 4096;
            written += zero(page) + 1;
            write(table + Pte.indexOffset(iova, level), Pte.table(page));
            table = page;
        }
        writeLeaf(table, iova, gpa, size, prot);
        staged.flush();
        lastLeafTable = table;
        into.set(iova & -size.bytes(), size.bytes(), written + size.entries(), missing, false);
        return null;
    }

    /** The place an error of {@link #map} names (formatted only on failure). */
    private String where(long iova, long gpa, PageSize size) {
        return String.format("guest map IOASID %d [0x%x, +%s) -> GPA 0x%x", ioasid, iova, size, gpa);
    }

    /**
     * Maps {@code count} consecutive leaves of {@code size}: leaf k maps {@code iova + k * size}
     * to {@code gpa + k * size}. The same entries, table pages, guest writes and errors as
     * {@link #map} called for each leaf in address order, stopping at the first that fails (the
     * leaves before it stay mapped). Faster for long runs: after a leaf is written, the next
     * one in the same leaf table is checked by reading its own slot only (on the table's host
     * page, translated once per table), since the entries above — read and checked for the previous leaf —
     * are unchanged; any other case (a new leaf table, a present slot) takes {@link #map}'s whole
     * walk. Assumes the parent does not map two GPAs of the table region onto one host page.
     * The leaves of one leaf table are written together when the run leaves that table (one
     * translation of its page, {@link GuestWords}); the slots checked meanwhile are the later,
     * unwritten ones. Returns the whole run as one edit.
     */
    public Result<GuestEdit> mapRun(long iova, long gpa, long count, PageSize size, Prot prot) {
        long written = 0;
        long tables = 0;
        long regionShift = Pte.tableShift(size.level());
        long table = NO_TABLE;
        long tableHpa = -1L;
        for (long k = 0; k < count; k++) {
            long at = iova + k * size.bytes();
            long to = gpa + k * size.bytes();
            if (tableHpa != -1L && (at >>> regionShift) == ((at - size.bytes()) >>> regionShift)
                    && fits(at, to, size) && reads.emptySlots(tableHpa, at, size)) {
                writeLeaf(table, at, to, size, prot);
                written += size.entries();
                continue;
            }
            staged.flush();
            Result<GuestEdit> one = map(at, to, size, prot);
            if (!one.isOk()) {
                return one;
            }
            written += one.value().ptesWritten();
            tables += one.value().tablePagesAllocated();
            table = lastLeafTable;
            tableHpa = cp.guestHostAddress(ioasid, table); // map wrote the leaf there: the page translates
        }
        staged.flush();
        return Result.ok(new GuestEdit(iova & -size.bytes(), count * size.bytes(), written, tables, false));
    }

    /** {@link #map}'s argument check: the size fits the table, both addresses aligned and in range. */
    private boolean fits(long iova, long gpa, PageSize size) {
        return size.level() <= levels && ((iova | gpa) & (size.bytes() - 1)) == 0 && iova >= 0
                && iova < 1L << Pte.tableShift(levels) && gpa >= 0 && gpa < 1L << Pte.PA_BITS;
    }

    /**
     * Stages the leaf entries of {@code iova} (a 64 KiB page: 16 contiguous-hint leaves) in
     * {@link #staged}: {@link #map} and {@link #mapRun} write them before they return.
     */
    private void writeLeaf(long table, long iova, long gpa, PageSize size, Prot prot) {
        for (int i = 0; i < size.entries(); i++) {
            long at = iova + ((long) i << 12);
            staged.add(table + Pte.indexOffset(at, size.level()),
                    Pte.leaf(gpa + ((long) i << 12), prot.mask(), size.level()) | size.leafBits());
        }
    }

    /** Clears the leaf that covers {@code iova} (a 64 KiB page: all 16 of its entries). */
    public Result<GuestEdit> unmap(long iova) {
        GuestEditHolder edit = new GuestEditHolder();
        OpError error = unmap(iova, edit);
        return error == null ? Result.ok(edit.toEdit()) : Result.err(error);
    }

    /**
     * {@link #unmap(long)} without allocating: the edit goes into {@code into}; returns null if
     * accepted, else the error ({@code into} then unchanged, the table too).
     */
    public OpError unmap(long iova, GuestEditHolder into) {
        GuestTableReader.Stop stop = reader.walk(root, levels, iova, 1, reads.of(iova), null);
        if (stop == GuestTableReader.Stop.NO_TABLE_PAGE) {
            return reads.error();
        }
        if (stop != GuestTableReader.Stop.LEAF) {
            return OpError.of(Errno.ENOENT, "guest unmap IOASID %d at 0x%x: nothing mapped", ioasid, iova);
        }
        long size = 1L << reader.leafShift();
        long first = iova & -size;
        int entries = reader.level() == 1 ? (int) (size >>> 12) : 1; // a 64 KiB page clears its 16 entries
        for (int i = 0; i < entries; i++) {
            long at = entries == 1 ? iova : first + ((long) i << 12);
            write(reader.entryGpa(at), 0L);
        }
        into.set(first, size, entries, 0, true);
        return null;
    }

    private long zero(long page) {
        staged.zeroPage(page);
        return 512;
    }

    private void write(long gpa, long value) {
        Result<?> r = cp.writeGuestMemory(ioasid, gpa, value);
        if (!r.isOk()) {
            throw new IllegalStateException("guest write failed after its checks: " + r.error());
        }
    }
}

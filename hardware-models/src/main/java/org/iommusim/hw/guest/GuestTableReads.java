package org.iommusim.hw.guest;

import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.OpError;
import org.iommusim.hw.pagetable.GuestTableReader;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Pte;

/**
 * The guest driver's reads of its own page table, for {@link GuestPageTable}'s checks before an
 * edit writes anything: the table pages a {@link GuestTableReader} walk reads, each entry's GPA
 * going through the parent as a plain guest read (so an error names the entry; the error is kept
 * for {@link #error}), and the slot checks on a leaf table's host page (empty slots for a leaf,
 * any present entry of a 64 KiB run). One per table, readied per walk with {@link #of} (a walk is
 * synchronous and reads only the parent, never the table's editor). Reads only: writes no memory
 * and changes no statistics beyond the guest reads the parent counts.
 */
final class GuestTableReads implements GuestTableReader.TablePages {
    private final ControlPlane cp;
    private final int ioasid;
    /** The address of the walk in progress. */
    private long iova;
    /** Why the last walk could not read a table page. */
    private OpError error;

    GuestTableReads(ControlPlane cp, int ioasid) {
        this.cp = cp;
        this.ioasid = ioasid;
    }

    /** These reads, readied for a walk of the table for {@code iova}. */
    GuestTableReader.TablePages of(long iova) {
        this.iova = iova;
        return this;
    }

    /** Why the last walk stopped at {@link GuestTableReader.Stop#NO_TABLE_PAGE}: the failed read's error. */
    OpError error() {
        return error;
    }

    @Override
    public long hostPage(long tableGpa, int level) {
        long offset = Pte.indexOffset(iova, level);
        long hpa = cp.guestHostAddress(ioasid, tableGpa + offset); // unboxed: called per PTE
        if (hpa == -1L) {
            error = cp.guestReadAddress(ioasid, tableGpa + offset).error();
            return GuestTableReader.NO_PAGE;
        }
        return hpa - offset;
    }

    /**
     * True if the slots of the leaf at {@code iova} in the leaf table at host address
     * {@code tableHpa} are all empty (what {@link GuestPageTable#map}'s walk and its 64 KiB check
     * would find there: the table page translates, so each of its entries does).
     */
    boolean emptySlots(long tableHpa, long iova, PageSize size) {
        if (Pte.isPresent(cp.hostMemory().read(tableHpa + Pte.indexOffset(iova, size.level())))) {
            return false;
        }
        return size.entries() == 1 || !anyPresent(tableHpa, iova, size);
    }

    /**
     * True if an entry of the 64 KiB run at {@code iova} in the level-1 table at host address
     * {@code tableHpa} is present (or the table page does not translate: -1).
     */
    boolean anyPresent(long tableHpa, long iova, PageSize size) {
        if (tableHpa == -1L) {
            return true;
        }
        for (int i = 0; i < size.entries(); i++) {
            if (Pte.isPresent(cp.hostMemory().read(tableHpa + Pte.indexOffset(iova + ((long) i << 12), 1)))) {
                return true;
            }
        }
        return false;
    }
}

package org.iommusim.hw.shadow;

import org.iommusim.hw.pagetable.TableWork;

/** Mutable counters of the software work of one shadow synchronisation; reusable ({@link #clear()}). */
public final class SyncWork {
    /** Guest PTEs the host read (walking a bound guest table). */
    public long guestPtesRead;
    /** Edits of the shadow table (PTEs written, table pages allocated/freed). */
    public final TableWork shadow = new TableWork();
    /** Edits of the kernel's record of the guest leaves it last saw (bookkeeping). */
    public final TableWork mirror = new TableWork();
    /** Reverse-map probes (hash lookups or entries scanned). */
    public long rmapLookups;
    /** Reverse-map entries found, added or removed. */
    public long rmapEntriesTouched;

    /** Zeroes every counter; returns this. */
    public SyncWork clear() {
        guestPtesRead = 0;
        clear(shadow);
        clear(mirror);
        rmapLookups = 0;
        rmapEntriesTouched = 0;
        return this;
    }

    private static void clear(TableWork t) {
        t.ptesRead = 0;
        t.ptesWritten = 0;
        t.tablesAllocated = 0;
        t.tablesFreed = 0;
        t.highestLevelFreed = 0;
    }

    public boolean isEmpty() {
        return guestPtesRead == 0 && shadow.ptesWritten == 0 && mirror.ptesWritten == 0
                && rmapLookups == 0 && rmapEntriesTouched == 0;
    }
}

package org.iommusim.hw.shadow;

import org.iommusim.hw.physmem.PhysicalMemory;
import org.iommusim.hw.pagetable.GuestTableReader;
import org.iommusim.hw.pagetable.LeafRef;
import org.iommusim.hw.pagetable.LeafVisitor;
import org.iommusim.hw.pagetable.Pte;
import org.iommusim.hw.pagetable.TableRanges;

/**
 * Models the host re-walking a bound guest table (which lives in guest memory: every table
 * page is found by translating its GPA through the parent, then reading host memory) to
 * refresh the kernel's mirror of the guest leaves and the reverse map, then re-deriving the
 * shadow. A range is first widened to the whole guest leaves and mirror leaves at its ends,
 * so a sync never splits a leaf. Guest table pages that the parent does not map (or maps
 * without read permission) are recorded but not descended: a later parent map of them
 * triggers a re-walk of their region. Does not model guest-side locking or A/D updates.
 */
final class GuestSync {
    private final ShadowTable owner;
    private final GuestTableReader guest;
    private final GuestTableReader.TablePages pages = this::tablePage;
    private final LeafRef pref = new LeafRef();
    private final LeafRef mref = new LeafRef();
    private final LeafRef gref = new LeafRef();
    private long root = -1L;
    /** The work of the sync in progress, for the visitors below (made once, not per sync). */
    private SyncWork work;
    private final LeafVisitor mirrorLeafRemoved = this::mirrorLeafRemoved;
    private final GuestTableReader.RangeVisitor guestVisitor = new GuestTableReader.RangeVisitor() {
        @Override
        public void table(long tableGpa, long regionBase, int level) {
            owner.rmap().recordTable(tableGpa, regionBase, level, work);
        }

        @Override
        public void leaf(long entryBase, int level, long pte, int pathPerms) {
            long gpa = Pte.leafBase(pte, Pte.entryShift(level));
            owner.source().setLeaf(entryBase, level, Pte.leaf(gpa, pathPerms, level), work.mirror);
            owner.rmap().addLeaf(gpa, Pte.entryShift(level), entryBase, work);
        }
    };

    GuestSync(ShadowTable owner, PhysicalMemory hostMemory) {
        this.owner = owner;
        this.guest = new GuestTableReader(hostMemory);
    }

    long root() {
        return root;
    }

    void bind(long rootGpa, SyncWork w, ChangeSet out) {
        root = rootGpa;
        sync(0L, owner.source().inputLimit(), w, out);
    }

    void sync(long start, long end, SyncWork w, ChangeSet out) {
        long s = start;
        long e = end;
        var mirror = owner.source();
        if (mirror.lookup(start, mref)) {
            s = Math.min(s, mref.base);
        }
        if (mirror.lookup(end - 1, mref)) {
            e = Math.max(e, mref.end());
        }
        if (guestLeaf(start, w)) {
            s = Math.min(s, gref.base);
        }
        if (guestLeaf(end - 1, w)) {
            e = Math.max(e, gref.end());
        }
        work = w;
        TableRanges.removeRange(mirror, s, e, mirrorLeafRemoved, w.mirror);
        owner.rmap().removeTablesWithin(s, e, mirror.levels(), w);
        if (root != -1L) {
            readLeaves(s, e, w);
        }
        owner.rederive(s, e, w, out);
    }

    /** A mirror leaf went: its reverse-map entry goes too. */
    private void mirrorLeafRemoved(long base, int shift, long pte) {
        owner.rmap().removeLeaf(Pte.leafBase(pte, shift), shift, base, work);
    }

    /** Host address of the guest table page at {@code gpa}, or NO_PAGE if the parent does not let it be read. */
    private long tablePage(long gpa, int level) {
        if (!owner.parent().lookup(gpa, pref) || (pref.perms & Pte.READ) == 0) {
            return GuestTableReader.NO_PAGE;
        }
        return pref.output(gpa);
    }

    /** The guest table's leaves over {@code [start, end)} into the mirror and the reverse map. */
    private void readLeaves(long start, long end, SyncWork w) {
        work = w;
        w.guestPtesRead += guest.forEachLeaf(root, owner.source().levels(), start, end, pages, guestVisitor);
    }

    /** Software walk of the guest table for one address; on a hit {@code gref} holds the leaf. */
    private boolean guestLeaf(long addr, SyncWork w) {
        if (root == -1L) {
            return false;
        }
        GuestTableReader.Stop stop = guest.walk(root, owner.source().levels(), addr, 1, pages, null);
        w.guestPtesRead += guest.ptesRead();
        if (stop != GuestTableReader.Stop.LEAF) {
            return false;
        }
        gref.shift = guest.leafShift();
        gref.base = addr & -(1L << gref.shift);
        return true;
    }
}

package org.iommusim.hw.shadow;

import org.iommusim.hw.physmem.PhysicalMemory;
import org.iommusim.hw.pagetable.LeafRef;
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
    private final PhysicalMemory hostMemory;
    private final LeafRef pref = new LeafRef();
    private final LeafRef mref = new LeafRef();
    private final LeafRef gref = new LeafRef();
    private long root = -1L;

    GuestSync(ShadowTable owner, PhysicalMemory hostMemory) {
        this.owner = owner;
        this.hostMemory = hostMemory;
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
        ReverseMap rmap = owner.rmap();
        TableRanges.removeRange(mirror, s, e,
                (base, shift, pte) -> rmap.removeLeaf(Pte.leafBase(pte, shift), shift, base, w), w.mirror);
        rmap.removeTablesWithin(s, e, mirror.levels(), w);
        if (root != -1L) {
            walk(root, mirror.levels(), 0L, s, e, Pte.PERM_MASK, w);
        }
        owner.rederive(s, e, w, out);
    }

    /** Host address of the guest table page at {@code gpa}, or -1 if the parent does not let it be read. */
    private long tablePage(long gpa) {
        if (!owner.parent().lookup(gpa, pref) || (pref.perms & Pte.READ) == 0) {
            return -1L;
        }
        return pref.output(gpa);
    }

    private void walk(long tableGpa, int level, long regionBase, long start, long end, int pathPerms, SyncWork w) {
        owner.rmap().recordTable(tableGpa, regionBase, level, w);
        long page = tablePage(tableGpa);
        if (page == -1L) {
            return;
        }
        int es = Pte.entryShift(level);
        long regionEnd = regionBase + (1L << Pte.tableShift(level));
        int first = start <= regionBase ? 0 : (int) ((start - regionBase) >>> es);
        int last = end >= regionEnd ? 511 : (int) ((end - 1 - regionBase) >>> es);
        for (int idx = first; idx <= last; idx++) {
            long pte = hostMemory.read(page + ((long) idx << 3));
            w.guestPtesRead++;
            if (!Pte.isPresent(pte)) {
                continue;
            }
            long entryBase = regionBase + ((long) idx << es);
            int perms = pathPerms & Pte.perms(pte);
            if (Pte.isLeaf(pte, level)) {
                long gpa = Pte.leafBase(pte, es);
                owner.source().setLeaf(entryBase, level, Pte.leaf(gpa, perms, level), w.mirror);
                owner.rmap().addLeaf(gpa, es, entryBase, w);
            } else {
                walk(Pte.address(pte), level - 1, entryBase, start, end, perms, w);
            }
        }
    }

    /** Software walk of the guest table for one address; on a hit {@code gref} holds the leaf. */
    private boolean guestLeaf(long addr, SyncWork w) {
        if (root == -1L) {
            return false;
        }
        long tableGpa = root;
        for (int level = owner.source().levels(); level >= 1; level--) {
            long page = tablePage(tableGpa);
            if (page == -1L) {
                return false;
            }
            long pte = hostMemory.read(page + Pte.indexOffset(addr, level));
            w.guestPtesRead++;
            if (!Pte.isPresent(pte)) {
                return false;
            }
            if (Pte.isLeaf(pte, level)) {
                gref.shift = Pte.entryShift(level);
                gref.base = addr & -(1L << gref.shift);
                return true;
            }
            tableGpa = Pte.address(pte);
        }
        return false;
    }
}

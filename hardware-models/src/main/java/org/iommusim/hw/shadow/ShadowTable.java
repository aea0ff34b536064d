package org.iommusim.hw.shadow;

import org.iommusim.hw.physmem.PhysicalMemory;
import org.iommusim.hw.pagetable.LeafRef;
import org.iommusim.hw.pagetable.LeafVisitor;
import org.iommusim.hw.pagetable.Pte;
import org.iommusim.hw.pagetable.RadixTable;
import org.iommusim.hw.pagetable.TableRanges;
import org.iommusim.hw.pagetable.TableWork;

/**
 * Models the shadow of one software-nested IOASID: a single-stage table (IOVA to HPA) in
 * host memory that the IOMMU walks, kept equal to source∘parent. The <em>source</em> is the
 * child's own translation as the kernel last saw it: for a map-unmap child its kernel table
 * (always current), for a bind-invalidate child a kernel-private mirror of the guest leaves
 * as of the last sync ({@link GuestSync} refreshes it from guest memory).
 *
 * <p>Shadow leaves have the size min(source leaf, parent leaf), so a shadow walk ends as
 * early as both stages allow; permissions are the AND of both. Re-deriving a range edits
 * only the entries that differ (a diff, not a rewrite), so the reported shadow writes and
 * removed ranges are the real changes. A guest's 64 KiB page (16 contiguous-hint entries) is
 * shadowed as 16 4 KiB leaves without the hint: the IOMMU caches it as 16 entries, not one (the
 * hint is an optimisation the host may leave out; keeping it would need the parent's backing to be
 * 64 KiB-contiguous too). Does not model timing, locking or memory reclaim.
 */
public final class ShadowTable {
    private static final int[] SHIFTS_DESC = {30, 21, 12};

    private final int ioasid;
    private final RadixTable shadow;
    private final RadixTable source;
    private final ParentView parent;
    private final ReverseMap rmap = new ReverseMap();
    private final GuestSync guest;
    private final LeafRef pref = new LeafRef();
    private final LeafRef sref = new LeafRef();
    private final LeafRef mref = new LeafRef();
    /** Scratch of {@link #parentChanged}: guest table regions and source ranges the changed GPAs reach. */
    private final RangeList regions = new RangeList();
    private final RangeList ranges = new RangeList();
    /** The operation {@link #rederive} and {@link #removeShadow} are serving, for their leaf visitors. */
    private SyncWork opWork;
    private ChangeSet opOut;
    /** Where {@link #rederive}'s walk over the source has reached (the shadow before it is done). */
    private long cursor;
    private final LeafVisitor deriveStep = this::deriveStep;
    private final LeafVisitor removedLeaf = (base, shift, pte) -> opOut.removed(base, base + (1L << shift));

    private ShadowTable(int ioasid, RadixTable shadow, RadixTable source, ParentView parent,
                        PhysicalMemory guestBacking) {
        this.ioasid = ioasid;
        this.shadow = shadow;
        this.source = source;
        this.parent = parent;
        this.guest = guestBacking == null ? null : new GuestSync(this, guestBacking);
    }

    /** A shadow of a map-unmap child whose kernel table {@code kernelTable} is the source. */
    public static ShadowTable ofKernelTable(int ioasid, RadixTable shadow, RadixTable kernelTable,
                                            ParentView parent) {
        return new ShadowTable(ioasid, shadow, kernelTable, parent, null);
    }

    /** A shadow of a bind-invalidate child; {@code mirror} is an empty kernel-private table. */
    public static ShadowTable ofGuestTable(int ioasid, RadixTable shadow, RadixTable mirror,
                                           ParentView parent, PhysicalMemory hostMemory) {
        return new ShadowTable(ioasid, shadow, mirror, parent, hostMemory);
    }

    public int ioasid() {
        return ioasid;
    }

    /** The table the IOMMU walks. */
    public RadixTable table() {
        return shadow;
    }

    RadixTable source() {
        return source;
    }

    ParentView parent() {
        return parent;
    }

    ReverseMap rmap() {
        return rmap;
    }

    /** The bound guest root GPA, or -1 (bind-invalidate only). */
    public long guestRoot() {
        return guest == null ? -1L : guest.root();
    }

    /** Re-walks the guest table over {@code [start, end)} (widened to whole leaves) and fixes the shadow. */
    public void syncFromGuest(long start, long end, SyncWork w, ChangeSet out) {
        guest.sync(start, end, w, out);
    }

    /** Binds a new guest root and re-syncs everything. */
    public void bind(long rootGpa, SyncWork w, ChangeSet out) {
        guest.bind(rootGpa, w, out);
    }

    /** Records the reverse-map entries of source leaves just mapped in {@code [start, end)} (map-unmap). */
    public void sourceMapped(long start, long end, SyncWork w, ChangeSet out) {
        TableRanges.forEachLeaf(source, start, end,
                (base, shift, pte) -> rmap.addLeaf(Pte.leafBase(pte, shift), shift, base, w));
        rederive(start, end, w, out);
    }

    /** Forgets the reverse-map entries of source leaves about to be unmapped (map-unmap). */
    public void sourceUnmapping(long start, long end, SyncWork w) {
        TableRanges.forEachLeaf(source, start, end,
                (base, shift, pte) -> rmap.removeLeaf(Pte.leafBase(pte, shift), shift, base, w));
    }

    /** Re-derives the shadow for parent input range {@code [gpaStart, gpaEnd)} that changed. */
    public void parentChanged(long gpaStart, long gpaEnd, SyncWork w, ChangeSet out) {
        if (guest != null) {
            regions.clear();
            rmap.tableHits(gpaStart, gpaEnd, regions, w);
            regions.normalize();
            for (int i = 0; i < regions.size(); i++) {
                guest.sync(regions.start(i), regions.end(i), w, out);
            }
        }
        ranges.clear();
        rmap.leafHits(gpaStart, gpaEnd, ranges, w);
        ranges.normalize();
        for (int i = 0; i < ranges.size(); i++) {
            rederive(ranges.start(i), ranges.end(i), w, out);
        }
    }

    /**
     * Makes the shadow over {@code [start, end)} (widened to whole source and shadow leaves)
     * equal to source∘parent, editing only entries that differ.
     */
    public void rederive(long start, long end, SyncWork w, ChangeSet out) {
        long s = start;
        long e = end;
        if (source.lookup(start, mref)) {
            s = Math.min(s, mref.base);
        }
        if (shadow.lookup(start, sref)) {
            s = Math.min(s, sref.base);
        }
        if (source.lookup(end - 1, mref)) {
            e = Math.max(e, mref.end());
        }
        if (shadow.lookup(end - 1, sref)) {
            e = Math.max(e, sref.end());
        }
        opWork = w;
        opOut = out;
        cursor = s;
        TableRanges.forEachLeaf(source, s, e, deriveStep);
        removeShadow(cursor, e, w, out);
    }

    /** One source leaf of {@link #rederive}: the shadow up to it goes, the leaf is derived. */
    private void deriveStep(long base, int shift, long pte) {
        removeShadow(cursor, base, opWork, opOut);
        deriveLeaf(base, shift, pte, opWork, opOut);
        cursor = base + (1L << shift);
    }

    private void deriveLeaf(long base, int shift, long pte, SyncWork w, ChangeSet out) {
        long end = base + (1L << shift);
        long gpaBase = Pte.leafBase(pte, shift);
        int perms = Pte.perms(pte);
        if (perms == 0) {
            removeShadow(base, end, w, out);
            return;
        }
        long x = base;
        while (x < end) {
            long gpa = gpaBase + (x - base);
            if (!parent.lookup(gpa, pref) || (pref.perms & perms) == 0) {
                int hole = pref.shift;
                long next = Math.min(end, x + ((((gpa >>> hole) + 1) << hole) - gpa));
                removeShadow(x, next, w, out);
                x = next;
                continue;
            }
            int size = pieceShift(x, end, Math.min(shift, pref.shift));
            long want = Pte.leaf(pref.output(gpa), perms & pref.perms, Pte.levelOfShift(size));
            long next = x + (1L << size);
            boolean sameLeaf = shadow.lookup(x, sref) && sref.base == x && sref.shift == size;
            if (sameLeaf && sref.pte != want) { // a changed output or permission: one write, in place
                out.removed(x, next);
                shadow.replaceLeaf(x, Pte.levelOfShift(size), want, w.shadow);
                out.added(x, next);
            } else if (!sameLeaf) {
                removeShadow(x, next, w, out);
                shadow.setLeaf(x, Pte.levelOfShift(size), want, w.shadow);
                out.added(x, next);
            }
            x = next;
        }
    }

    /** The largest leaf shift not above {@code max} at which {@code x} is aligned and fits before {@code end}. */
    private static int pieceShift(long x, long end, int max) {
        for (int s : SHIFTS_DESC) {
            if (s <= max && (x & ((1L << s) - 1)) == 0 && x + (1L << s) <= end) {
                return s;
            }
        }
        throw new IllegalStateException(String.format("unaligned shadow piece at 0x%x", x));
    }

    private void removeShadow(long start, long end, SyncWork w, ChangeSet out) {
        if (start >= end) {
            return;
        }
        long freedBefore = w.shadow.tablesFreed;
        opOut = out;
        TableRanges.removeRange(shadow, start, end, removedLeaf, w.shadow);
        if (w.shadow.tablesFreed != freedBefore) {
            out.tablesFreed(w.shadow.highestLevelFreed); // the operation's highest so far: an upper bound
        }
    }

    /** Frees the shadow table (and the mirror of a bind-invalidate child). */
    public void destroy(TableWork shadowWork, TableWork mirrorWork) {
        shadow.destroy(shadowWork);
        if (guest != null) {
            source.destroy(mirrorWork);
        }
        rmap.clear();
    }

    /** Number of reverse-map entries (leaf and table). */
    public int reverseMapSize() {
        return rmap.size();
    }

    /** Bytes the reverse map takes ({@link ReverseMap#footprintBytes}). */
    public long reverseMapBytes() {
        return rmap.footprintBytes();
    }

    /** Digest of the bookkeeping that does not live in simulated memory. */
    public long fingerprint() {
        return rmap.fingerprint() * 31 + guestRoot();
    }
}

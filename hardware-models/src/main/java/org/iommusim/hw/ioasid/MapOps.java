package org.iommusim.hw.ioasid;

import java.util.function.Supplier;
import org.iommusim.hw.physmem.PageAllocator;
import org.iommusim.hw.pagetable.LeafRef;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.pagetable.Pte;
import org.iommusim.hw.pagetable.TableRanges;
import org.iommusim.hw.shadow.ChangeSet;
import org.iommusim.hw.shadow.SyncWork;

/**
 * map, unmap and replace on a map-unmap IOASID, iommufd semantics (replace: an in-place
 * remap of present leaves, see {@link #replace}). One map() call creates one
 * mapping (an "area"); its first and last leaves carry software bits so unmap can refuse to
 * split it without a side structure. Every rule is checked before anything changes. After
 * the kernel table is edited, the IOASID's nesting strategy decides what the host does
 * ({@code NestedTables.kernelTableMapped/Unmapped}: a root invalidates and tells its
 * children, a software-nested child re-derives its shadow over the range).
 */
final class MapOps {
    private final PageAllocator hostPool;
    private final Propagation propagation;

    /** Scratch of map and unmap, cleared per call (their effects are copied out by {@link EffectsBuilder#build}). */
    private final EffectsBuilder effects = new EffectsBuilder();
    private final SyncWork work = new SyncWork();
    private final ChangeSet changes = new ChangeSet();
    private final LeafRef leaf = new LeafRef();
    /** The builder of the unmap in progress, for {@link #unmapped}. */
    private EffectsBuilder unmapInto;
    /** An unmap's removed leaves: into {@link #changes} and {@link #unmapInto} (made once, not per unmap). */
    private final org.iommusim.hw.pagetable.LeafVisitor unmapped = (base, shift, pte) -> {
        changes.removed(base, base + (1L << shift));
        unmapInto.leavesUnmapped++;
        unmapInto.bytesUnmapped += 1L << shift;
    };

    MapOps(PageAllocator hostPool, Propagation propagation) {
        this.hostPool = hostPool;
        this.propagation = propagation;
    }

    private static String where(String op, int id, long iova, long length) {
        return String.format("%s IOASID %d %s", op, id, range(iova, length));
    }

    static String range(long start, long length) {
        long end = start + length;
        return Long.compareUnsigned(end, start) < 0
                ? String.format("[0x%x, +0x%x)", start, length) : String.format("[0x%x, 0x%x)", start, end);
    }

    static boolean overflows(long start, long length) {
        return Long.compareUnsigned(start + length, start) < 0;
    }

    Result<Effects> map(Ioasid x, int id, long iova, long pa, long length, Prot prot, PageSize size) {
        OpError e = map(x, id, iova, pa, length, prot, size, effects);
        return e == null ? Result.ok(effects.build()) : Result.err(e);
    }

    /** {@link #map(Ioasid, int, long, long, long, Prot, PageSize)} into {@code eb} (cleared first); null if accepted, else why not. */
    OpError map(Ioasid x, int id, long iova, long pa, long length, Prot prot, PageSize size, EffectsBuilder eb) {
        eb.clear();
        if (x == null || checkMap(x, () -> "", iova, pa, length, prot, size) != null) { // the message only on failure
            Supplier<String> where = () -> String.format("%s -> pa 0x%x", where("map", id, iova, length), pa);
            return x == null ? OpError.of(Errno.ENOENT, "%s: no such IOASID", where.get())
                    : checkMap(x, where, iova, pa, length, prot, size);
        }
        long end = iova + length;
        x.table.map(iova, end, pa, size.level(), prot.mask(), size.leafBits(), true, eb.kernel);
        eb.leavesMapped = length >>> size.shift();
        eb.bytesMapped = length;
        x.counters.maps++;
        x.nested.kernelTableMapped(iova, end, eb.kernel,
                propagation.host(x, eb, ShadowSync.Cause.MAP, Invalidation.Cause.SUPERPAGE_MAP));
        return null;
    }

    private OpError checkMap(Ioasid x, Supplier<String> where, long iova, long pa, long length, Prot prot, PageSize size) {
        if (x.mode != Mode.MAP_UNMAP) {
            return OpError.of(Errno.EINVAL, "%s: IOASID is bind-invalidate (rule: map needs mode map-unmap)", where.get());
        }
        if (length == 0) {
            return OpError.of(Errno.EINVAL, "%s: zero length (rule: length must be positive)", where.get());
        }
        if (overflows(iova, length) || overflows(pa, length)) {
            return OpError.of(Errno.EOVERFLOW, "%s: address + length overflows 64 bits", where.get());
        }
        if (size.level() > x.levels) {
            return OpError.of(Errno.EINVAL, "%s: page size %s needs %d levels, the IOASID has %d "
                    + "(rule: supported page sizes)", where.get(), size, size.level(), x.levels);
        }
        if (((iova | pa | length) & (size.bytes() - 1)) != 0) {
            return OpError.of(Errno.EINVAL, "%s: iova, pa and length must be multiples of the page size %s "
                    + "(rule: alignment)", where.get(), size);
        }
        if (prot.mask() == 0) {
            return OpError.of(Errno.EINVAL, "%s: prot allows no access (rule: read or write required)", where.get());
        }
        long end = iova + length;
        if (Long.compareUnsigned(iova, x.apertureStart) < 0 || Long.compareUnsigned(end, x.apertureEnd) > 0) {
            return OpError.of(Errno.EINVAL, "%s: outside the aperture [0x%x, 0x%x) (rule: aperture)",
                    where.get(), x.apertureStart, x.apertureEnd);
        }
        if (Long.compareUnsigned(pa + length, 1L << Pte.PA_BITS) > 0) {
            return OpError.of(Errno.EINVAL, "%s: output beyond the %d-bit address width", where.get(), Pte.PA_BITS);
        }
        if (x.parent == null && hostPool.overlaps(pa, pa + length)) {
            return OpError.of(Errno.EINVAL, "%s: pa overlaps the host page-table pool [0x%x, 0x%x) "
                    + "(rule: devices never reach kernel tables)", where.get(), hostPool.base(), hostPool.limit());
        }
        if (TableRanges.anyLeafIn(x.table, iova, end)) {
            return OpError.of(Errno.EEXIST, "%s: overlaps an existing mapping (rule: no overlap)", where.get());
        }
        long need = x.table.missingTables(iova, end, size.level());
        if (need > hostPool.available()) {
            return OpError.of(Errno.ENOMEM, "%s: needs %d table pages, the host pool has %d",
                    where.get(), need, hostPool.available());
        }
        return null;
    }

    /**
     * Replaces whole mappings covering exactly {@code [iova, iova + length)} with a mapping of the
     * same page size to {@code pa}: each leaf rewritten in place (one PTE write, never
     * non-present), the old pages unpinned and the new ones pinned. The replaced range is
     * invalidated and carried down the tree as a change (removed and added at once).
     */
    Result<Effects> replace(Ioasid x, int id, long iova, long pa, long length, Prot prot, PageSize size) {
        Supplier<String> where = () -> String.format("replace IOASID %d %s -> pa 0x%x", id, range(iova, length), pa);
        if (x == null) {
            return Result.err(OpError.of(Errno.ENOENT, "%s: no such IOASID", where.get()));
        }
        OpError e = checkUnmap(x, where, iova, length);
        if (e == null) {
            e = checkReplace(x, where, iova, pa, length, prot, size);
        }
        if (e != null) {
            return Result.err(e);
        }
        long end = iova + length;
        EffectsBuilder eb = new EffectsBuilder();
        SyncWork w = new SyncWork();
        x.nested.kernelTableUnmapping(iova, end, w);
        ChangeSet cs = new ChangeSet();
        TableRanges.forEachLeaf(x.table, iova, end, (base, shift, pte) -> {
            long keep = pte & (Pte.AREA_START | Pte.AREA_END);
            x.table.replaceLeaf(base, size.level(),
                    Pte.leaf(pa + (base - iova), prot.mask(), size.level()) | size.leafBits() | keep,
                    eb.kernel);
            cs.removed(base, base + (1L << shift));
            cs.added(base, base + (1L << shift));
        });
        eb.leavesMapped = length >>> size.shift();
        eb.leavesUnmapped = eb.leavesMapped;
        eb.bytesMapped = length;
        eb.bytesUnmapped = length;
        x.nested.kernelTableReplaced(iova, end, cs, w,
                propagation.host(x, eb, ShadowSync.Cause.REPLACE, Invalidation.Cause.REPLACE));
        return Result.ok(eb.build());
    }

    private OpError checkReplace(Ioasid x, Supplier<String> where, long iova, long pa, long length, Prot prot,
                                 PageSize size) {
        if (((iova | pa | length) & (size.bytes() - 1)) != 0 || size.level() > x.levels) {
            return OpError.of(Errno.EINVAL, "%s: iova, pa and length must be multiples of the page size %s "
                    + "(rule: alignment)", where.get(), size);
        }
        if (prot.mask() == 0) {
            return OpError.of(Errno.EINVAL, "%s: prot allows no access (rule: read or write required)", where.get());
        }
        if (overflows(pa, length) || Long.compareUnsigned(pa + length, 1L << Pte.PA_BITS) > 0) {
            return OpError.of(Errno.EINVAL, "%s: output beyond the %d-bit address width", where.get(), Pte.PA_BITS);
        }
        if (x.parent == null && hostPool.overlaps(pa, pa + length)) {
            return OpError.of(Errno.EINVAL, "%s: pa overlaps the host page-table pool (rule: devices never reach "
                    + "kernel tables)", where.get());
        }
        LeafRef r = new LeafRef();
        for (long a = iova; a < iova + length; a += size.bytes()) {
            if (!x.table.lookup(a, r) || r.shift != size.shift()) {
                return OpError.of(Errno.ENOENT, "%s: 0x%x is not mapped by a %s leaf (rule: replace rewrites present "
                        + "leaves of the same page size)", where.get(), a, size);
            }
        }
        return null;
    }

    Result<Effects> unmap(Ioasid x, int id, long iova, long length) {
        OpError e = unmap(x, id, iova, length, effects);
        return e == null ? Result.ok(effects.build()) : Result.err(e);
    }

    /** {@link #unmap(Ioasid, int, long, long)} into {@code eb} (cleared first); null if accepted, else why not. */
    OpError unmap(Ioasid x, int id, long iova, long length, EffectsBuilder eb) {
        eb.clear();
        if (x == null || checkUnmap(x, () -> "", iova, length) != null) { // the message only on failure
            Supplier<String> where = () -> where("unmap", id, iova, length);
            return x == null ? OpError.of(Errno.ENOENT, "%s: no such IOASID", where.get())
                    : checkUnmap(x, where, iova, length);
        }
        long end = iova + length;
        SyncWork w = work.clear();
        x.nested.kernelTableUnmapping(iova, end, w);
        ChangeSet cs = changes.clear();
        unmapInto = eb;
        TableRanges.removeRange(x.table, iova, end, unmapped, eb.kernel);
        unmapInto = null;
        x.counters.unmaps++;
        x.nested.kernelTableUnmapped(iova, end, cs, eb.kernel, w,
                propagation.host(x, eb, ShadowSync.Cause.UNMAP, Invalidation.Cause.UNMAP));
        return null;
    }

    private OpError checkUnmap(Ioasid x, Supplier<String> where, long iova, long length) {
        if (x.mode != Mode.MAP_UNMAP) {
            return OpError.of(Errno.EINVAL, "%s: IOASID is bind-invalidate (rule: unmap needs mode map-unmap)",
                    where.get());
        }
        if (length == 0) {
            return OpError.of(Errno.EINVAL, "%s: zero length (rule: length must be positive)", where.get());
        }
        if (overflows(iova, length)) {
            return OpError.of(Errno.EOVERFLOW, "%s: address + length overflows 64 bits", where.get());
        }
        if (((iova | length) & 0xFFF) != 0) {
            return OpError.of(Errno.EINVAL, "%s: iova and length must be 4 KiB aligned (rule: alignment)", where.get());
        }
        long end = iova + length;
        if (Long.compareUnsigned(end, x.table.inputLimit()) > 0) {
            return OpError.of(Errno.EINVAL, "%s: beyond the %d-bit input range (rule: input range)",
                    where.get(), Pte.tableShift(x.levels));
        }
        if (!TableRanges.anyLeafIn(x.table, iova, end)) {
            return OpError.of(Errno.ENOENT, "%s: nothing mapped in the range (rule: unmap needs a mapping)", where.get());
        }
        LeafRef r = leaf;
        if (x.table.lookup(iova, r) && (r.base != iova || (r.pte & Pte.AREA_START) == 0)) {
            return OpError.of(Errno.ENOENT, "%s: would split the mapping that covers 0x%x "
                    + "(rule: unmap removes whole mappings, atomically)", where.get(), iova);
        }
        if (x.table.lookup(end - 1, r) && (r.end() != end || (r.pte & Pte.AREA_END) == 0)) {
            return OpError.of(Errno.ENOENT, "%s: would split the mapping that covers 0x%x "
                    + "(rule: unmap removes whole mappings, atomically)", where.get(), end - 1);
        }
        return null;
    }
}

package org.iommusim.hw.ioasid;

import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import org.iommusim.hw.nesting.NestedTables;
import org.iommusim.hw.nesting.TableContext;
import org.iommusim.hw.pagetable.Pte;
import org.iommusim.hw.pagetable.RadixTable;
import org.iommusim.hw.physmem.PageAllocator;
import org.iommusim.hw.physmem.PhysicalMemory;
import org.iommusim.hw.shadow.ParentView;

/**
 * The IOASID tree of the {@link ControlPlane}: allocating an IOASID (checked by
 * {@link AllocRules}: its kernel table for map-unmap, its nesting strategy's tables, its place
 * under its parent) and freeing one that has no attachments and no children (its kernel tables and
 * shadow, an invalidation of all it cached). Ids count up from 1 and are never reused. Every rule
 * is checked before anything changes; a rejection is an {@link Result.Err} and leaves the tree,
 * tables and pools as they were. The id map is the control plane's, shared (its operations look
 * IOASIDs up directly). Functional only. Does not model the kernel's object lifetimes: an IOASID
 * still in use is refused, never freed later.
 */
final class TreeOps {
    private final Int2ObjectOpenHashMap<Ioasid> ioasids;
    private final ControlPlaneConfig config;
    private final PhysicalMemory hostMemory;
    private final PageAllocator hostPool;
    private final PhysicalMemory kernelPrivate;
    private final PageAllocator kernelPrivatePool;
    private final RmapFootprint footprint;
    private int nextId = 1;

    TreeOps(Int2ObjectOpenHashMap<Ioasid> ioasids, ControlPlaneConfig config, PhysicalMemory hostMemory,
            PageAllocator hostPool, PhysicalMemory kernelPrivate, PageAllocator kernelPrivatePool,
            RmapFootprint footprint) {
        this.ioasids = ioasids;
        this.config = config;
        this.hostMemory = hostMemory;
        this.hostPool = hostPool;
        this.kernelPrivate = kernelPrivate;
        this.kernelPrivatePool = kernelPrivatePool;
        this.footprint = footprint;
    }

    /** The id the next allocation gets (part of the control plane's fingerprint). */
    int nextId() {
        return nextId;
    }

    /** Allocates an IOASID; the value is its id. */
    Result<Integer> alloc(AllocSpec spec) {
        Ioasid parent = spec.hasParent() ? ioasids.get(spec.parent()) : null;
        OpError e = AllocRules.check(spec, parent, config, hostPool.available());
        if (e != null) {
            return Result.err(e);
        }
        int levels = spec.levels();
        long apertureEnd = spec.apertureEnd() == AllocSpec.FULL ? 1L << Pte.tableShift(levels) : spec.apertureEnd();
        int id = nextId++;
        RadixTable table = spec.mode() == Mode.MAP_UNMAP ? RadixTable.create(hostMemory, hostPool, levels) : null;
        ParentView view = parent == null ? null : parent::lookupSingleStage;
        NestedTables nested = spec.nesting().strategy().create(new TableContext(id, levels,
                spec.mode() == Mode.BIND_INVALIDATE, table, view, hostMemory, hostPool, kernelPrivate, kernelPrivatePool));
        Ioasid x = new Ioasid(id, parent, spec, apertureEnd, table, nested);
        if (parent != null) {
            parent.children.add(x);
        }
        ioasids.put(x.id, x);
        return Result.ok(x.id);
    }

    /** Frees an IOASID with no attachments and no children, with its kernel tables and shadow. */
    Result<Effects> free(int id) {
        Ioasid x = ioasids.get(id);
        if (x == null) {
            return Result.err(OpError.of(Errno.ENOENT, "free IOASID %d: no such IOASID", id));
        }
        if (x.attachments > 0) {
            return Result.err(OpError.of(Errno.EBUSY, "free IOASID %d: %d device attachment(s) remain "
                    + "(rule: detach first)", id, x.attachments));
        }
        if (!x.children.isEmpty()) {
            return Result.err(OpError.of(Errno.EBUSY, "free IOASID %d: child IOASID(s) %s exist "
                    + "(rule: free children first)", id, x.children.stream().map(c -> c.id).toList()));
        }
        EffectsBuilder eb = new EffectsBuilder();
        x.nested.destroy(eb.kernel);
        if (x.table != null) {
            x.table.destroy(eb.kernel);
        }
        if (x.parent != null) {
            x.parent.children.remove(x);
        }
        ioasids.remove(id);
        footprint.freed(id);
        eb.invalidate(new Invalidation(id, Invalidation.Scope.ALL, 0, 0, -1, false, 1, Invalidation.Cause.FREE));
        return Result.ok(eb.build());
    }
}

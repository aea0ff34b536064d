package org.iommusim.hw.functional;

import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.IoasidView;
import org.iommusim.hw.ioasid.Resolution;
import org.iommusim.hw.nesting.WalkShape;
import org.iommusim.hw.physmem.PhysicalMemory;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.pagetable.GuestTableReader;
import org.iommusim.hw.pagetable.Pte;

/**
 * The zero-time functional walker (not the IOMMU the devices talk to: that is the timed
 * {@code hw.iommu.datapath.TimedIommu}, which runs this walker and replays its trace). Models the
 * IOMMU's translation of one DMA without caches: context/PASID lookup, then a
 * one-stage walk (a root's kernel table or a shadow) or the two-stage walk in hardware order:
 * for each stage-1 level, the table pointer (a GPA) is translated through stage 2, then the
 * stage-1 PTE is read; finally the output GPA is translated through stage 2. A cold walk of
 * an n-level child on an m-level parent reads n·m + n + m PTEs; a large leaf ends its
 * stage's walk early. Every read goes to the {@link WalkTrace}.
 *
 * <p>A fault in a shadow is handed to the host ({@link ControlPlane}): with lazy fill it
 * fills the shadow from the guest table and the walk is retried; otherwise it classifies the
 * fault (reason and stage as the guest would see them, or stale). The hit path allocates
 * nothing. Does not model the IOTLB, walk caches, ATS or timing: those belong to the timing
 * layer, which replays the trace. Not thread-safe: one instance per simulation thread.
 */
public final class FunctionalWalker {
    private static final int MAX_ATTEMPTS = 16;

    private final ControlPlane controlPlane;
    private final PhysicalMemory memory;
    private final Resolution resolution = new Resolution();
    // Output of the last walkStage / walk call (fields, so the hot path allocates nothing).
    private long walkAddr;
    private int walkShift;
    private int walkPerms;
    private int faultStage;
    private long faultAddr;
    private int faultNeed;
    // The 2D walk in progress, for the guest reader's callbacks (fields: no allocation per walk).
    private final GuestTableReader guest;
    private final GuestTableReader.TablePages stageTwoPages = this::stageTwoPage;
    private final GuestTableReader.EntryListener guestReads =
            (level, entryHpa, pte) -> this.nestTrace.record(this.nestGuestTag, level, this.nestIova, entryHpa, pte);
    private IoasidView nestParent;
    private long nestParentRoot;
    private long nestParentTag;
    private long nestGuestTag;
    private long nestIova;
    private WalkTrace nestTrace;
    private FaultReason stageTwoFault;

    public FunctionalWalker(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
        this.memory = controlPlane.hostMemory();
        this.guest = new GuestTableReader(memory);
    }

    /** Translates a DMA; returns {@code out.ok}. {@code trace} and {@code out} are cleared first. */
    public boolean translate(int device, int pasid, long iova, Access access, WalkTrace trace, Translation out) {
        out.reset();
        trace.clear();
        IoasidView x = controlPlane.attached(device, pasid);
        if (x == null) {
            return out.fault(FaultReason.NO_ATTACHMENT, 0, iova);
        }
        out.ioasid = x.id();
        if (!x.inAperture(iova)) {
            return out.fault(FaultReason.OUT_OF_RANGE, 1, iova);
        }
        int need = access.mask();
        long lastFill = -1L;
        for (int attempt = 1; ; attempt++) {
            FaultReason r = x.walkShape() == WalkShape.NESTED ? walkNested(x, iova, need, trace)
                    : walkOne(x, iova, need, trace);
            if (r == null) {
                out.ok = true;
                out.hpa = walkAddr;
                out.pageShift = walkShift;
                out.perms = walkPerms;
                return true;
            }
            if (faultStage == 1 && !x.nesting().strategy().hostClassifiesFaults()) {
                return out.fault(r, 1, faultAddr);
            }
            IoasidView shadowed = faultStage == 1 ? x : x.parent();
            if (!shadowed.nesting().strategy().hostClassifiesFaults()) {
                return out.fault(r, 2, faultAddr);
            }
            long fillKey = faultAddr ^ ((long) shadowed.id() << 57);
            if (r == FaultReason.NOT_PRESENT && shadowed.lazyFill() && attempt < MAX_ATTEMPTS && fillKey != lastFill) {
                lastFill = fillKey;
                Effects fill = controlPlane.lazyFill(shadowed.id(), faultAddr);
                out.addLazyFill(fill);
                if (fill.shadowPtesWritten() > 0) {
                    trace.newAttempt();
                    continue;
                }
            }
            return classify(shadowed, faultStage, access, r, out);
        }
    }

    private boolean classify(IoasidView shadowed, int stage, Access access, FaultReason shadowReason, Translation out) {
        Resolution res = resolution;
        boolean translates = stage == 1 ? controlPlane.classify(shadowed.id(), faultAddr, access, res)
                : controlPlane.resolveAsParent(shadowed.id(), faultAddr, faultNeed, res);
        out.shadowFault = true;
        out.hostGuestPtesRead = res.guestPtesRead;
        out.stale = translates || res.stale;
        controlPlane.countShadowFault(shadowed.id(), out.stale);
        // A fault in the attached IOASID's own shadow may belong to either stage of the
        // composition; a fault in the parent's shadow during a two-stage walk is stage 2.
        int reported = stage == 1 && !translates ? res.stage : stage;
        return out.fault(translates ? shadowReason : res.reason, reported, faultAddr);
    }

    /** One stage: the kernel table of a root, or a shadow. */
    private FaultReason walkOne(IoasidView x, long iova, int need, WalkTrace t) {
        TableKind kind = x.walkShape() == WalkShape.SHADOW ? TableKind.SHADOW : TableKind.KERNEL;
        faultStage = 1;
        faultAddr = iova;
        faultNeed = need;
        return walkStage(x.singleStageRoot(), x.levels(), iova, need, WalkTrace.tag(x.id(), kind, 1), t);
    }

    /** The two-dimensional walk: stage 1 = x's bound table, stage 2 = the parent's single-stage table. */
    private FaultReason walkNested(IoasidView x, long iova, int need, WalkTrace t) {
        IoasidView p = x.parent();
        nestParent = p;
        nestParentRoot = p.singleStageRoot();
        nestParentTag = parentTag(p);
        nestGuestTag = WalkTrace.tag(x.id(), TableKind.GUEST, 1);
        nestIova = iova;
        nestTrace = t;
        long table = x.boundRoot();
        faultStage = 1;
        faultAddr = iova;
        faultNeed = need;
        if (table == -1L) {
            return FaultReason.NOT_PRESENT;
        }
        GuestTableReader.Stop stop = guest.walk(table, x.levels(), iova, 1, stageTwoPages, guestReads);
        if (stop == GuestTableReader.Stop.NO_TABLE_PAGE) {
            return stageTwoFault;
        }
        faultStage = 1;
        faultAddr = iova;
        if (stop == GuestTableReader.Stop.NOT_PRESENT) {
            return FaultReason.NOT_PRESENT;
        }
        int perms = guest.pathPerms();
        if ((perms & need) != need) {
            return FaultReason.PERMISSION;
        }
        int shift = guest.leafShift();
        FaultReason r = stage2(p, nestParentRoot, p.levels(), nestParentTag, guest.output(iova), need, t);
        if (r != null) {
            return r;
        }
        walkShift = Math.min(walkShift, shift);
        walkPerms &= perms;
        return null;
    }

    /**
     * The stage-2 translation of {@code gpa} alone, through the parent of hardware-nested
     * {@code child} (how an SMMUv3 reads a context descriptor given by IPA): its reads go to
     * {@code t} (cleared first). Returns the host-physical address, or -1 when stage 2 faults.
     */
    public long stageTwo(IoasidView child, long gpa, WalkTrace t) {
        t.clear();
        IoasidView p = child.parent();
        return stage2(p, p.singleStageRoot(), p.levels(), parentTag(p), gpa, (int) Pte.READ, t) == null ? walkAddr : -1L;
    }

    private static long parentTag(IoasidView p) {
        return WalkTrace.tag(p.id(), p.walkShape() == WalkShape.SHADOW ? TableKind.SHADOW : TableKind.KERNEL, 2);
    }

    /** A guest table page of the 2D walk: its GPA translated through stage 2 (reads recorded). */
    private long stageTwoPage(long tableGpa, int level) {
        FaultReason r = stage2(nestParent, nestParentRoot, nestParent.levels(), nestParentTag, tableGpa,
                (int) Pte.READ, nestTrace);
        if (r != null) {
            stageTwoFault = r;
            return GuestTableReader.NO_PAGE;
        }
        return walkAddr;
    }

    private FaultReason stage2(IoasidView p, long root, int levels, long tag, long gpa, int need, WalkTrace t) {
        faultStage = 2;
        faultAddr = gpa;
        faultNeed = need;
        if (!p.inAperture(gpa)) {
            return FaultReason.OUT_OF_RANGE;
        }
        return walkStage(root, levels, gpa, need, tag, t);
    }

    /** Walks one single-stage table; on success sets walkAddr/walkShift/walkPerms. */
    private FaultReason walkStage(long root, int levels, long addr, int need, long tag, WalkTrace t) {
        long table = root;
        int perms = Pte.PERM_MASK;
        for (int level = levels; ; level--) {
            long pteAddr = table + Pte.indexOffset(addr, level);
            long pte = memory.read(pteAddr);
            t.record(tag, level, addr, pteAddr, pte);
            if ((pte & Pte.PRESENT) == 0) {
                return FaultReason.NOT_PRESENT;
            }
            perms &= (int) pte;
            if (level == 1 || (level <= 3 && (pte & Pte.PAGE_SIZE) != 0)) {
                if ((perms & need) != need) {
                    return FaultReason.PERMISSION;
                }
                int shift = Pte.leafShift(pte, level);
                walkAddr = Pte.leafBase(pte, shift) | (addr & ((1L << shift) - 1));
                walkShift = shift;
                walkPerms = perms & Pte.PERM_MASK;
                return null;
            }
            table = pte & Pte.ADDR_MASK;
        }
    }
}

package org.iommusim.hw.iommu.inval;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.hw.ioasid.Invalidation;
import org.iommusim.hw.ioasid.IoasidView;
import org.iommusim.hw.nesting.Nesting;

/**
 * What a {@link QueueDriver} may ask about the system while it writes commands: which IOASIDs
 * are hardware-nested children and of which parent, which devices have ATS (and their
 * (device, PASID) targets in a domain), the configured stage-2 flush and range limit. Also the
 * helpers every driver uses for device-ATC commands (one aligned span per ATS device for a
 * range — VT-d device-TLB, SMMUv3 ATC_INV, AMD INVALIDATE_IOTLB_PAGES all encode a span — and
 * one whole-PASID command per ATS target for a wider scope).
 */
public final class DriverView {
    private final IommuInvalidations invalidations;
    private final InvQueueConfig config;

    DriverView(IommuInvalidations invalidations, InvQueueConfig config) {
        this.invalidations = invalidations;
        this.config = config;
    }

    /** The stage-2 flush the scenario chose. */
    public Stage2Flush stage2Flush() {
        return config.stage2Flush();
    }

    /** The widest range one page-selective command covers before the driver widens the scope. */
    public long maxRangePages() {
        return config.maxRangePages();
    }

    /** Whether the hardware takes range commands (SMMUv3 {@code IDR3.RIL}; always true for VT-d and AMD-Vi). */
    public boolean rangeInvalidation() {
        return config.rangeInvalidation();
    }

    /** The parent of {@code ioasid} if it is a hardware-nested child, else -1. */
    public int nestedParent(int ioasid) {
        IoasidView x = invalidations.controlPlane().ioasid(ioasid);
        if (x == null || x.nesting() != Nesting.HARDWARE || x.parent() == null) {
            return -1;
        }
        return x.parent().id();
    }

    /**
     * The range invalidations of the stage-2 parent of hardware-nested child {@code child} in
     * {@code op}: what a range stage-2 flush repeats on the child's domain. Empty under a
     * domain-wide stage-2 flush (the driver then flushes the child's whole domain).
     */
    public List<Invalidation> parentRanges(List<Invalidation> op, int child) {
        if (stage2Flush() != Stage2Flush.RANGE) {
            return List.of();
        }
        int parent = nestedParent(child);
        List<Invalidation> out = new ArrayList<>();
        for (Invalidation p : op) {
            if (p.ioasid() == parent && p.scope() == Invalidation.Scope.RANGE) {
                out.add(p);
            }
        }
        return out;
    }

    /** Whether {@code ioasid} is the stage-2 parent of hardware-nested children (seen so far). */
    public boolean nestParent(int ioasid) {
        return invalidations.nestedChildren(ioasid).length > 0;
    }

    /**
     * Whether {@code op.get(i)} is the first stage-2-change flush of a child of {@code parent}
     * in {@code op} (for commands a driver issues once per VMID).
     */
    public static boolean firstChildFlush(List<Invalidation> op, int i, int parent, DriverView v) {
        for (int j = 0; j < i; j++) {
            Invalidation o = op.get(j);
            if (o.cause() == Invalidation.Cause.PARENT_CHANGE && o.scope() == Invalidation.Scope.ALL
                    && v.nestedParent(o.ioasid()) == parent) {
                return false;
            }
        }
        return true;
    }

    /** One device-ATC command per ATS device covering {@code [firstPage, firstPage + pages)}. */
    public int atcRange(InvBatch b, InvCommand command, int pasid, long firstPage, long pages) {
        int n = 0;
        for (int device : invalidations.atcs().devices()) {
            n += b.addCover(command, InvKind.DEVICE_ATC, device, pasid, firstPage, pages, false);
        }
        return n;
    }

    /** One whole-PASID device-ATC command per ATS (device, PASID) of {@code domain} ({@code pasid} or all). */
    public int atcScope(InvBatch b, InvCommand command, int domain, int pasid) {
        return invalidations.atcs().scopeTargets(domain, pasid,
                (device, p) -> b.add(command, InvKind.DEVICE_ATC, device, p, 0, 0, false));
    }

    /** First page of a RANGE invalidation. */
    public static long firstPage(Invalidation inv) {
        return inv.start() >>> 12;
    }

    /** Pages of a RANGE invalidation (partial pages at either end count whole). */
    public static long pages(Invalidation inv) {
        return ((inv.end() + 0xFFFL) >>> 12) - (inv.start() >>> 12);
    }

    /** The PASID of a RANGE or PASID invalidation, {@link InvBatch#ANY_PASID} when it has none. */
    public static int pasid(Invalidation inv) {
        return inv.pasid() >= 0 ? inv.pasid() : InvBatch.ANY_PASID;
    }
}

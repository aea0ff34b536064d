package org.iommusim.hw.iommu.inval;

import static org.iommusim.hw.iommu.inval.InvCommand.VTD_CONTEXT_CACHE;
import static org.iommusim.hw.iommu.inval.InvCommand.VTD_DEVTLB;
import static org.iommusim.hw.iommu.inval.InvCommand.VTD_IOTLB_DSI;
import static org.iommusim.hw.iommu.inval.InvCommand.VTD_IOTLB_PSI;
import static org.iommusim.hw.iommu.inval.InvCommand.VTD_PASID_CACHE;
import static org.iommusim.hw.iommu.inval.InvCommand.VTD_PASID_DEVTLB;
import static org.iommusim.hw.iommu.inval.InvCommand.VTD_PIOTLB_PASID;
import static org.iommusim.hw.iommu.inval.InvCommand.VTD_PIOTLB_PSI;

import java.util.List;
import org.iommusim.hw.ioasid.Invalidation;
import org.iommusim.hw.pagetable.RangeSplitter;

/**
 * What Linux's intel-iommu driver writes into the VT-d invalidation queue (each batch ends with
 * one invalidation-wait descriptor, {@code qi_submit_sync}):
 * <ul>
 *   <li>Range of a host (second-stage) domain — unmap, shadow update: one page-selective IOTLB
 *       descriptor (DID, AM of the smallest aligned block covering the range, IH = leaf hint;
 *       {@code cache_tag_flush_range} → {@code calculate_psi_aligned_address}), domain-selective
 *       when AM would exceed MAMV; one device-TLB descriptor per ATS device.</li>
 *   <li>Guest range of a nested (first-stage) domain: one PASID-based IOTLB page-selective
 *       descriptor, PASID-based device-TLB per ATS device ({@code intel_nested_cache_invalidate_user}).
 *       Guest PASID-wide or whole-domain: a PASID-selective PASID-based IOTLB descriptor.</li>
 *   <li>Stage-2 change under nesting ({@code CACHE_TAG_NESTING_IOTLB}): per nested DID, one
 *       page-selective IOTLB descriptor per changed parent range (stage-2 flush {@code range}),
 *       or one domain-selective ({@code domain}); each nested device's whole device TLB
 *       ({@code CACHE_TAG_NESTING_DEVTLB}).</li>
 *   <li>PASID teardown ({@code intel_pasid_tear_down_entry}): PASID-cache, PASID-based IOTLB
 *       (PASID-selective), device TLB. Domain detach/free: context-cache then domain-selective
 *       IOTLB; a new bound table (PASID entry change): PASID-cache then PASID-based IOTLB.</li>
 * </ul>
 * Does not model: first-stage host DMA domains (Linux ≥ 6.x may use P_IOTLB there; the count
 * is the same), the DID-less global invalidation Linux uses only at initialisation.
 */
final class VtdDriver implements QueueDriver {
    static final VtdDriver INSTANCE = new VtdDriver();

    private VtdDriver() {
    }

    @Override
    public int emit(List<Invalidation> op, int i, DriverView v, InvBatch b) {
        Invalidation inv = op.get(i);
        int dom = inv.ioasid();
        boolean guest = inv.cause() == Invalidation.Cause.GUEST_REQUEST;
        return switch (inv.scope()) {
            case RANGE -> {
                long first = DriverView.firstPage(inv);
                long pages = DriverView.pages(inv);
                int pasid = DriverView.pasid(inv);
                if (guest) {
                    yield b.addCover(VTD_PIOTLB_PSI, InvKind.IOTLB_RANGE, dom, pasid, first, pages, inv.leafOnly())
                            + v.atcRange(b, VTD_PASID_DEVTLB, pasid, first, pages);
                }
                yield psiOrDsi(b, v, InvKind.IOTLB_RANGE, dom, first, pages, inv.leafOnly())
                        + v.atcRange(b, VTD_DEVTLB, pasid, first, pages);
            }
            case PASID -> {
                int n = inv.cause() == Invalidation.Cause.DETACH
                        ? b.add(VTD_PASID_CACHE, InvKind.CONTEXT, dom, inv.pasid(), 0, 0, false) : 0;
                yield n + b.add(VTD_PIOTLB_PASID, InvKind.PASID, dom, inv.pasid(), 0, 0, false)
                        + v.atcScope(b, VTD_PASID_DEVTLB, dom, inv.pasid());
            }
            case ALL -> all(op, inv, v, b) + v.atcScope(b, VTD_DEVTLB, dom, InvBatch.ANY_PASID);
        };
    }

    /**
     * Explicit commands: page-selective IOTLB (PASID-based when a PASID is given) with AM and IH,
     * a range as the unmap path writes it, PASID-selective P_IOTLB, domain-selective and global
     * IOTLB, device-TLB.
     */
    @Override
    public int explicit(ExplicitInvalidation e, DriverView v, InvBatch b) {
        int dom = e.domain();
        int pasid = e.descriptorPasid();
        return switch (e.kind()) {
            case PAGES, RANGE -> e.pasid() >= 0
                    ? b.addCover(VTD_PIOTLB_PSI, InvKind.IOTLB_RANGE, dom, pasid, e.firstPage(), e.pages(), e.leafOnly())
                    : psiOrDsi(b, v, InvKind.IOTLB_RANGE, dom, e.firstPage(), e.pages(), e.leafOnly());
            case PASID -> b.add(VTD_PIOTLB_PASID, InvKind.PASID, dom, pasid, 0, 0, false);
            case DOMAIN -> b.add(VTD_IOTLB_DSI, InvKind.DOMAIN, dom, InvBatch.ANY_PASID, 0, 0, false);
            case GLOBAL -> b.add(InvCommand.VTD_IOTLB_GLOBAL, InvKind.GLOBAL, 0, InvBatch.ANY_PASID, 0, 0, false);
            case DEVICE_TLB -> v.atcRange(b, e.pasid() >= 0 ? VTD_PASID_DEVTLB : VTD_DEVTLB, pasid, e.firstPage(),
                    e.pages());
        };
    }

    private static int all(List<Invalidation> op, Invalidation inv, DriverView v, InvBatch b) {
        int dom = inv.ioasid();
        switch (inv.cause()) {
            case PARENT_CHANGE -> {
                int n = 0;
                for (Invalidation p : v.parentRanges(op, dom)) {
                    n += psiOrDsi(b, v, InvKind.NESTED_RANGE, dom, DriverView.firstPage(p), DriverView.pages(p),
                            p.leafOnly());
                }
                // domain-selective on the nested DID: all its entries, stage-2 ones included (pages 0)
                return n > 0 ? n : b.add(VTD_IOTLB_DSI, InvKind.NESTED_RANGE, dom, InvBatch.ANY_PASID, 0, 0, false);
            }
            case GUEST_REQUEST -> {
                return b.add(VTD_PIOTLB_PASID, InvKind.PASID, dom, InvBatch.ANY_PASID, 0, 0, false);
            }
            case FREE, DETACH -> {
                return b.add(VTD_CONTEXT_CACHE, InvKind.CONTEXT, dom, InvBatch.ANY_PASID, 0, 0, false)
                        + b.add(VTD_IOTLB_DSI, InvKind.DOMAIN, dom, InvBatch.ANY_PASID, 0, 0, false);
            }
            case BIND -> {
                return b.add(VTD_PASID_CACHE, InvKind.CONTEXT, dom, InvBatch.ANY_PASID, 0, 0, false)
                        + b.add(VTD_PIOTLB_PASID, InvKind.PASID, dom, InvBatch.ANY_PASID, 0, 0, false);
            }
            default -> {
                return b.add(VTD_IOTLB_DSI, InvKind.DOMAIN, dom, InvBatch.ANY_PASID, 0, 0, false);
            }
        }
    }

    /**
     * One page-selective IOTLB descriptor covering the range, or a domain-selective one when its
     * address mask would exceed MAMV ({@code cache_tag_flush_iotlb}: {@code mask > cap_max_amask_val}).
     */
    private static int psiOrDsi(InvBatch b, DriverView v, InvKind effect, int dom, long first, long pages,
                                boolean leaf) {
        int order = RangeSplitter.coverOrder(first, pages);
        if (order > 62 || (1L << order) > v.maxRangePages()) {
            InvKind dsi = effect == InvKind.NESTED_RANGE ? InvKind.NESTED_RANGE : InvKind.DOMAIN; // pages 0: all
            return b.add(VTD_IOTLB_DSI, dsi, dom, InvBatch.ANY_PASID, 0, 0, false);
        }
        return b.addCover(VTD_IOTLB_PSI, effect, dom, InvBatch.ANY_PASID, first, pages, leaf);
    }
}

package org.iommusim.hw.iommu.inval;

import static org.iommusim.hw.iommu.inval.InvCommand.AMD_INVALIDATE_DEVTAB_ENTRY;
import static org.iommusim.hw.iommu.inval.InvCommand.AMD_INVALIDATE_IOMMU_PAGES;
import static org.iommusim.hw.iommu.inval.InvCommand.AMD_INVALIDATE_IOTLB_PAGES;

import java.util.List;
import org.iommusim.hw.ioasid.Invalidation;

/**
 * What Linux's AMD IOMMU driver writes into the command buffer (each flush ends with one
 * COMPLETION_WAIT, {@code domain_flush_complete} / {@code iommu_completion_wait}):
 * <ul>
 *   <li>Range of a host domain ({@code amd_iommu_domain_flush_pages} → {@code build_inv_address}):
 *       one INVALIDATE_IOMMU_PAGES (DomainID, S = the smallest aligned block covering the
 *       range, PDE always set — "we want to flush everything, not only the PTEs" — so the leaf
 *       hint is lost); one INVALIDATE_IOTLB_PAGES per ATS device.</li>
 *   <li>Stage-2 change under nesting ({@code amd_iommu_alloc_domain_nested}: "the
 *       INVALIDATE_IOMMU_PAGES command must be issued for each hDomID"): per nested host
 *       DomainID, INVALIDATE_IOMMU_PAGES for each changed parent range (stage-2 flush
 *       {@code range}) or for all pages ({@code domain}).</li>
 *   <li>Guest invalidations: upstream Linux has no iommufd path for AMD nested domains; the
 *       guest writes its own commands through the hardware vIOMMU's guest command buffer:
 *       INVALIDATE_IOMMU_PAGES with GN = 1 and the PASID for a range or a PASID, GN = 0 and all
 *       pages for everything.</li>
 *   <li>PASID teardown ({@code amd_iommu_dev_flush_pasid_all}): INVALIDATE_IOMMU_PAGES, GN = 1,
 *       all pages. Detach/free/bind: INVALIDATE_DEVTAB_ENTRY then all pages of the DomainID.</li>
 * </ul>
 * Does not model: INVALIDATE_IOMMU_ALL on the unmap path (Linux uses it only at init/resume),
 * one command per IOMMU of a domain spanning several IOMMUs.
 */
final class AmdViDriver implements QueueDriver {
    static final AmdViDriver INSTANCE = new AmdViDriver();

    private AmdViDriver() {
    }

    @Override
    public int emit(List<Invalidation> op, int i, DriverView v, InvBatch b) {
        Invalidation inv = op.get(i);
        int dom = inv.ioasid();
        return switch (inv.scope()) {
            case RANGE -> {
                long first = DriverView.firstPage(inv);
                long pages = DriverView.pages(inv);
                int pasid = DriverView.pasid(inv);
                yield b.addCover(AMD_INVALIDATE_IOMMU_PAGES, InvKind.IOTLB_RANGE, dom, pasid, first, pages, false)
                        + v.atcRange(b, AMD_INVALIDATE_IOTLB_PAGES, pasid, first, pages);
            }
            case PASID -> b.add(AMD_INVALIDATE_IOMMU_PAGES, InvKind.PASID, dom, inv.pasid(), 0, 0, false)
                    + v.atcScope(b, AMD_INVALIDATE_IOTLB_PAGES, dom, inv.pasid());
            case ALL -> all(op, inv, v, b) + v.atcScope(b, AMD_INVALIDATE_IOTLB_PAGES, dom, InvBatch.ANY_PASID);
        };
    }

    /**
     * Explicit commands: INVALIDATE_IOMMU_PAGES with S (GN and the PASID when one is given) and
     * PDE = 0 for the leaf hint (the hardware allows it; Linux always sets PDE), all pages for a
     * PASID or the domain, INVALIDATE_IOMMU_ALL, INVALIDATE_IOTLB_PAGES.
     */
    @Override
    public int explicit(ExplicitInvalidation e, DriverView v, InvBatch b) {
        int dom = e.domain();
        return switch (e.kind()) {
            case PAGES, RANGE -> b.addCover(AMD_INVALIDATE_IOMMU_PAGES, InvKind.IOTLB_RANGE, dom, e.descriptorPasid(),
                    e.firstPage(), e.pages(), e.leafOnly());
            case PASID -> b.add(AMD_INVALIDATE_IOMMU_PAGES, InvKind.PASID, dom, e.pasid(), 0, 0, false);
            case DOMAIN -> allPages(dom, b);
            case GLOBAL -> b.add(InvCommand.AMD_INVALIDATE_IOMMU_ALL, InvKind.GLOBAL, 0, InvBatch.ANY_PASID, 0, 0,
                    false);
            case DEVICE_TLB -> v.atcRange(b, AMD_INVALIDATE_IOTLB_PAGES, e.descriptorPasid(), e.firstPage(),
                    e.pages());
        };
    }

    private static int all(List<Invalidation> op, Invalidation inv, DriverView v, InvBatch b) {
        int dom = inv.ioasid();
        switch (inv.cause()) {
            case PARENT_CHANGE -> {
                int n = 0;
                for (Invalidation p : v.parentRanges(op, dom)) {
                    n += b.addCover(AMD_INVALIDATE_IOMMU_PAGES, InvKind.NESTED_RANGE, dom, InvBatch.ANY_PASID,
                            DriverView.firstPage(p), DriverView.pages(p), false);
                }
                return n > 0 ? n // all pages of the nested DomainID: its stage-2 entries too (pages 0)
                        : b.add(AMD_INVALIDATE_IOMMU_PAGES, InvKind.NESTED_RANGE, dom, InvBatch.ANY_PASID, 0, 0, false);
            }
            case FREE, DETACH, BIND -> {
                return b.add(AMD_INVALIDATE_DEVTAB_ENTRY, InvKind.CONTEXT, dom, InvBatch.ANY_PASID, 0, 0, false)
                        + allPages(dom, b);
            }
            default -> {
                return allPages(dom, b);
            }
        }
    }

    /** INVALIDATE_IOMMU_PAGES with the all-pages address ({@code CMD_INV_IOMMU_ALL_PAGES_ADDRESS}). */
    private static int allPages(int dom, InvBatch b) {
        return b.add(AMD_INVALIDATE_IOMMU_PAGES, InvKind.DOMAIN, dom, InvBatch.ANY_PASID, 0, 0, false);
    }
}

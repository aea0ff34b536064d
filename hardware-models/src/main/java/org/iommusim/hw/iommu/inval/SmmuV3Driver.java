package org.iommusim.hw.iommu.inval;

import static org.iommusim.hw.iommu.inval.InvCommand.SMMU_ATC_INV;
import static org.iommusim.hw.iommu.inval.InvCommand.SMMU_CFGI_CD;
import static org.iommusim.hw.iommu.inval.InvCommand.SMMU_CFGI_STE;
import static org.iommusim.hw.iommu.inval.InvCommand.SMMU_TLBI_NH_ALL;
import static org.iommusim.hw.iommu.inval.InvCommand.SMMU_TLBI_NH_ASID;
import static org.iommusim.hw.iommu.inval.InvCommand.SMMU_TLBI_NH_VA;
import static org.iommusim.hw.iommu.inval.InvCommand.SMMU_TLBI_S12_VMALL;
import static org.iommusim.hw.iommu.inval.InvCommand.SMMU_TLBI_S2_IPA;

import java.util.List;
import org.iommusim.hw.ioasid.Invalidation;

/**
 * What Linux's arm-smmu-v3 driver writes into the SMMUv3 command queue (each batch ends with
 * one CMD_SYNC, {@code arm_smmu_cmdq_batch_submit}); range commands (RIL, SMMUv3.2) are
 * assumed present, as on current server SMMUs:
 * <ul>
 *   <li>Range of a host domain ({@code arm_smmu_tlb_inv_range_domain} →
 *       {@code __arm_smmu_tlb_inv_range}): TLBI_NH_VA range commands for a stage-1 domain, or
 *       TLBI_S2_IPA for a stage-2 domain (a nesting parent), NUM × 2^SCALE pages each, LEAF =
 *       leaf hint; then one ATC_INV per ATS master ({@code arm_smmu_atc_inv_domain}).</li>
 *   <li>Stage-2 change under nesting: after the parent's TLBI_S2_IPA, one TLBI_NH_ALL for the
 *       VMID ("When the S2 domain changes all the nested S1 ASIDs have to be flushed too"),
 *       stage-2 flush {@code range}; or one TLBI_S12_VMALL instead of both ({@code domain}).</li>
 *   <li>Guest commands through the vSMMU ({@code arm_vsmmu_convert_user_cmd}): TLBI_NH_VA
 *       range, TLBI_NH_ASID for a PASID (ASID), TLBI_NH_ALL for everything (VMID forced).</li>
 *   <li>PASID teardown: CFGI_CD, TLBI_NH_ASID, ATC_INV. Detach/free: CFGI_STE then TLBI_NH_ASID
 *       (stage 1) or TLBI_S12_VMALL (stage 2) ({@code arm_smmu_tlb_inv_context}).</li>
 * </ul>
 * Does not model: SMMUs without RIL (one TLBI per page; Linux switches to ASID/VMID-wide above
 * 512 pages), the TTL hint, per-SID CFGI fan-out.
 */
final class SmmuV3Driver implements QueueDriver {
    static final SmmuV3Driver INSTANCE = new SmmuV3Driver();

    private SmmuV3Driver() {
    }

    @Override
    public int emit(List<Invalidation> op, int i, DriverView v, InvBatch b) {
        Invalidation inv = op.get(i);
        int dom = inv.ioasid();
        return switch (inv.scope()) {
            case RANGE -> range(inv, v, b);
            case PASID -> (inv.cause() == Invalidation.Cause.DETACH
                    ? b.add(SMMU_CFGI_CD, InvKind.CONTEXT, dom, inv.pasid(), 0, 0, false) : 0)
                    + b.add(SMMU_TLBI_NH_ASID, InvKind.PASID, dom, inv.pasid(), 0, 0, false)
                    + v.atcScope(b, SMMU_ATC_INV, dom, inv.pasid());
            case ALL -> all(op, i, v, b) + v.atcScope(b, SMMU_ATC_INV, dom, InvBatch.ANY_PASID);
        };
    }

    /**
     * Explicit commands: TLBI_NH_VA range commands (TLBI_S2_IPA on a stage-2 domain) with LEAF,
     * TLBI_NH_ASID, TLBI_NH_ASID / TLBI_S12_VMALL for a domain, TLBI_NSNH_ALL, ATC_INV.
     */
    @Override
    public int explicit(ExplicitInvalidation e, DriverView v, InvBatch b) {
        int dom = e.domain();
        return switch (e.kind()) {
            case PAGES, RANGE -> b.addRangeCommands(v.nestParent(dom) ? SMMU_TLBI_S2_IPA : SMMU_TLBI_NH_VA,
                    InvKind.IOTLB_RANGE, dom, e.descriptorPasid(), e.firstPage(), e.pages(), e.leafOnly());
            case PASID -> b.add(SMMU_TLBI_NH_ASID, InvKind.PASID, dom, e.pasid(), 0, 0, false);
            case DOMAIN -> flushAll(v, dom, b);
            case GLOBAL -> b.add(InvCommand.SMMU_TLBI_NSNH_ALL, InvKind.GLOBAL, 0, InvBatch.ANY_PASID, 0, 0, false);
            case DEVICE_TLB -> v.atcRange(b, SMMU_ATC_INV, e.descriptorPasid(), e.firstPage(), e.pages());
        };
    }

    private static int range(Invalidation inv, DriverView v, InvBatch b) {
        int dom = inv.ioasid();
        long first = DriverView.firstPage(inv);
        long pages = DriverView.pages(inv);
        int pasid = DriverView.pasid(inv);
        int n = 0;
        if (!v.nestParent(dom) || inv.cause() == Invalidation.Cause.GUEST_REQUEST) {
            n += b.addRangeCommands(SMMU_TLBI_NH_VA, InvKind.IOTLB_RANGE, dom, pasid, first, pages, inv.leafOnly());
        } else if (v.stage2Flush() == Stage2Flush.RANGE) {
            n += b.addRangeCommands(SMMU_TLBI_S2_IPA, InvKind.IOTLB_RANGE, dom, pasid, first, pages, inv.leafOnly());
        } else {
            n += b.add(SMMU_TLBI_S12_VMALL, InvKind.VMID_ALL, dom, InvBatch.ANY_PASID, 0, 0, false);
        }
        return n + v.atcRange(b, SMMU_ATC_INV, pasid, first, pages);
    }

    private static int all(List<Invalidation> op, int i, DriverView v, InvBatch b) {
        Invalidation inv = op.get(i);
        int dom = inv.ioasid();
        switch (inv.cause()) {
            case PARENT_CHANGE -> {
                int parent = v.nestedParent(dom);
                if (parent < 0 || v.stage2Flush() == Stage2Flush.DOMAIN || !hasParentRange(op, parent)) {
                    // the parent's TLBI_S12_VMALL (written with its range) covers every child
                    return hasParentRange(op, parent) ? 0
                            : b.add(SMMU_TLBI_S12_VMALL, InvKind.VMID_ALL, parent < 0 ? dom : parent,
                                    InvBatch.ANY_PASID, 0, 0, false);
                }
                return DriverView.firstChildFlush(op, i, parent, v)
                        ? b.add(SMMU_TLBI_NH_ALL, InvKind.VMID_STAGE1, parent, InvBatch.ANY_PASID, 0, 0, false) : 0;
            }
            case GUEST_REQUEST -> {
                int parent = v.nestedParent(dom);
                return parent < 0 ? b.add(SMMU_TLBI_NH_ASID, InvKind.DOMAIN, dom, InvBatch.ANY_PASID, 0, 0, false)
                        : b.add(SMMU_TLBI_NH_ALL, InvKind.VMID_STAGE1, parent, InvBatch.ANY_PASID, 0, 0, false);
            }
            case FREE, DETACH, BIND -> {
                return b.add(SMMU_CFGI_STE, InvKind.CONTEXT, dom, InvBatch.ANY_PASID, 0, 0, false) + flushAll(v, dom, b);
            }
            default -> {
                return flushAll(v, dom, b);
            }
        }
    }

    /** {@code arm_smmu_tlb_inv_context}: TLBI_NH_ASID for a stage-1 domain, TLBI_S12_VMALL for a stage-2 one. */
    private static int flushAll(DriverView v, int dom, InvBatch b) {
        return v.nestParent(dom) ? b.add(SMMU_TLBI_S12_VMALL, InvKind.VMID_ALL, dom, InvBatch.ANY_PASID, 0, 0, false)
                : b.add(SMMU_TLBI_NH_ASID, InvKind.DOMAIN, dom, InvBatch.ANY_PASID, 0, 0, false);
    }

    private static boolean hasParentRange(List<Invalidation> op, int parent) {
        for (Invalidation p : op) {
            if (p.ioasid() == parent && p.scope() == Invalidation.Scope.RANGE) {
                return true;
            }
        }
        return false;
    }
}

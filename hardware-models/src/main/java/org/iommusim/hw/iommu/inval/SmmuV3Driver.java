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
 * one CMD_SYNC, {@code arm_smmu_cmdq_batch_submit}). A page range becomes range commands when
 * the SMMU implements them ({@code IDR3.RIL}, SMMUv3.2; {@code iommu.invalidationQueue.rangeInvalidation}),
 * else one command per 4 KiB granule; a range of {@link #MAX_TLBI_OPS} pages or more becomes one
 * ASID-wide (TLBI_NH_ASID) or VMID-wide (TLBI_S12_VMALL) command instead
 * ({@code arm_smmu_inv_size_too_big}: {@code CMDQ_MAX_TLBI_OPS}, cloned from arm64's
 * {@code MAX_TLBI_OPS}, commit d5afb4b47e13 for SVA, extended to every range by
 * {@code arm_smmu_domain_inv_range}):
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
 * Does not model: the TTL hint, per-SID CFGI fan-out, granules other than 4 KiB.
 */
final class SmmuV3Driver implements QueueDriver {
    static final SmmuV3Driver INSTANCE = new SmmuV3Driver();
    /** {@code CMDQ_MAX_TLBI_OPS} for the 4 KiB granule: 1 << (12 - 3) per-page commands at most. */
    static final long MAX_TLBI_OPS = 1L << (12 - 3);

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
            case PAGES, RANGE -> tlbi(v, b, !v.nestParent(dom), dom, e.descriptorPasid(), e.firstPage(), e.pages(),
                    e.leafOnly());
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
            n += tlbi(v, b, true, dom, pasid, first, pages, inv.leafOnly());
        } else if (v.stage2Flush() == Stage2Flush.RANGE) {
            n += tlbi(v, b, false, dom, pasid, first, pages, inv.leafOnly());
        } else {
            n += b.add(SMMU_TLBI_S12_VMALL, InvKind.VMID_ALL, dom, InvBatch.ANY_PASID, 0, 0, false);
        }
        return n + v.atcRange(b, SMMU_ATC_INV, pasid, first, pages);
    }

    /**
     * The TLBIs of a page range ({@code arm_smmu_inv_to_cmdq_batch}): TLBI_NH_VA for stage 1
     * ({@code stage1}), TLBI_S2_IPA for stage 2 — range commands with RIL, else one per page;
     * without RIL, {@link #MAX_TLBI_OPS} pages or more give one TLBI_NH_ASID (the PASID's ASID,
     * or the domain's) or TLBI_S12_VMALL.
     */
    private static int tlbi(DriverView v, InvBatch b, boolean stage1, int dom, int pasid, long first, long pages,
                            boolean leaf) {
        InvCommand cmd = stage1 ? SMMU_TLBI_NH_VA : SMMU_TLBI_S2_IPA;
        if (v.rangeInvalidation()) {
            return b.addRangeCommands(cmd, InvKind.IOTLB_RANGE, dom, pasid, first, pages, leaf);
        }
        if (pages >= MAX_TLBI_OPS) {
            if (!stage1) {
                return b.add(SMMU_TLBI_S12_VMALL, InvKind.VMID_ALL, dom, InvBatch.ANY_PASID, 0, 0, false);
            }
            return b.add(SMMU_TLBI_NH_ASID, pasid == InvBatch.ANY_PASID ? InvKind.DOMAIN : InvKind.PASID, dom, pasid,
                    0, 0, false);
        }
        for (long p = 0; p < pages; p++) {
            b.add(cmd, InvKind.IOTLB_RANGE, dom, pasid, first + p, 1, leaf);
        }
        return (int) pages;
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

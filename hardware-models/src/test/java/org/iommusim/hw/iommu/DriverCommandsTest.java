package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.hw.ioasid.Invalidation;
import org.iommusim.hw.ioasid.Invalidation.Cause;
import org.iommusim.hw.ioasid.Invalidation.Scope;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.iommu.ats.AtsConfig;
import org.iommusim.hw.iommu.inval.InvBatch;
import org.iommusim.hw.iommu.inval.InvQueueConfig;
import org.iommusim.hw.iommu.inval.InvalidationQueue;
import org.iommusim.hw.iommu.inval.InvalidationSubmitter;
import org.iommusim.hw.iommu.inval.QueueFormats;
import org.iommusim.hw.iommu.inval.Stage2Flush;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Per architecture, the exact command list its Linux driver writes for each control-plane
 * operation (docs/CALIBRATION.md "Command and invalidation queues" names the functions): host
 * unmap, each kind of guest invalidation, PASID teardown, domain free, stage-2 change under
 * hardware nesting (both stage-2 flushes). A device with ATS is attached to the host domain and
 * one to the nested child; range commands reach every ATS device, whole-PASID device-ATC
 * commands only (device, PASID)s that have used ATS — none has here, so scope operations list
 * the IOMMU's commands alone. The wait command the submitter appends is not in these lists.
 */
class DriverCommandsTest {
    private static final long PAGE = 4096;

    /** Host domain {@code root} (device 1, ATS), parent {@code parent} with nested child {@code child} (device 2, ATS). */
    private static final class Setup {
        final TreeFixture f = new TreeFixture();
        final int root = f.root(4);
        final int parent = f.root(4);
        final int child = f.child(parent, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4);
        final InvalidationSubmitter submitter;

        Setup(QueueFormats format, Stage2Flush flush) {
            this(format, flush, true);
        }

        Setup(QueueFormats format, Stage2Flush flush, boolean rangeInvalidation) {
            f.attach(1, 0, root);
            f.attach(2, 0, child);
            TimedRig rig = new TimedRig(f, TimedIommuConfig.defaults().withCachesOff(), 100);
            rig.iommu.enableAts(1, AtsConfig.defaults());
            rig.iommu.enableAts(2, AtsConfig.defaults());
            InvalidationQueue q = new InvalidationQueue(rig.sim, rig.stats, "invq",
                    InvQueueConfig.defaults(format).withStage2Flush(flush).withRangeInvalidation(rangeInvalidation), rig.iommu.effectHook());
            submitter = new InvalidationSubmitter(q, rig.iommu.invalidations());
        }

        List<String> commands(Invalidation... op) {
            InvBatch b = submitter.preview(List.of(op));
            List<String> out = new ArrayList<>();
            for (int i = 0; i < b.size(); i++) {
                String range = b.pages(i) == 0 ? "" : "@" + b.firstPage(i) + "+" + b.pages(i);
                out.add(b.command(i).statName() + range + (b.leafOnly(i) ? ":leaf" : ""));
            }
            return out;
        }

        /** Unmap of pages 5..7 (3 pages, unaligned) of the host domain, leaf-only. */
        Invalidation unmap() {
            return new Invalidation(root, Scope.RANGE, 5 * PAGE, 3 * PAGE, -1, true, 1, Cause.UNMAP);
        }

        Invalidation guest(Scope scope) {
            long len = scope == Scope.RANGE ? 3 * PAGE : 0;
            return new Invalidation(child, scope, scope == Scope.RANGE ? 5 * PAGE : 0, len,
                    scope == Scope.PASID ? 0 : -1, scope == Scope.RANGE, 1, Cause.GUEST_REQUEST);
        }

        Invalidation[] stage2Change() {
            return new Invalidation[] {new Invalidation(parent, Scope.RANGE, 16 * PAGE, 2 * PAGE, -1, false, 1,
                    Cause.UNMAP), new Invalidation(child, Scope.ALL, 0, 0, -1, false, 1, Cause.PARENT_CHANGE)};
        }

        Invalidation pasidTeardown() {
            return new Invalidation(root, Scope.PASID, 0, 0, 0, false, 1, Cause.DETACH);
        }

        Invalidation free() {
            return new Invalidation(root, Scope.ALL, 0, 0, -1, false, 1, Cause.FREE);
        }

        /**
         * The commands of each operation in turn: unmap, guest range, guest PASID, guest all, PASID
         * teardown, free, stage-2 change.
         */
        List<List<String>> everyOperation() {
            return List.of(commands(unmap()), commands(guest(Scope.RANGE)), commands(guest(Scope.PASID)),
                    commands(guest(Scope.ALL)), commands(pasidTeardown()), commands(free()), commands(stage2Change()));
        }
    }

    @Test
    void intelVtd_eachOperation_emitsTheIntelIommuDescriptors() {
        Setup s = new Setup(QueueFormats.INTEL_VTD, Stage2Flush.RANGE);
        assertThat(s.everyOperation()).containsExactly(
                // one PSI with AM = 2 covering pages 4..7 (calculate_psi_aligned_address), IH = leaf; a device TLB per ATS device
                List.of("iotlb-psi@4+4:leaf", "devtlb@4+4", "devtlb@4+4"),
                List.of("piotlb-psi@4+4:leaf", "pasid-devtlb@4+4", "pasid-devtlb@4+4"),
                List.of("piotlb-pasid"), List.of("piotlb-pasid"), List.of("pasid-cache", "piotlb-pasid"),
                List.of("context-cache", "iotlb-dsi"),
                // S2 range on the parent's DID, then a PSI of the same GPAs on the nested DID, whole device TLB
                List.of("iotlb-psi@16+2", "devtlb@16+2", "devtlb@16+2", "iotlb-psi@16+2"));
        Setup d = new Setup(QueueFormats.INTEL_VTD, Stage2Flush.DOMAIN);
        assertThat(d.commands(d.stage2Change()))
                .containsExactly("iotlb-psi@16+2", "devtlb@16+2", "devtlb@16+2", "iotlb-dsi");
    }

    @Test
    void intelVtd_rangeWiderThanMamv_fallsBackToDomainSelective() {
        Setup s = new Setup(QueueFormats.INTEL_VTD, Stage2Flush.RANGE);
        Invalidation wide = new Invalidation(s.root, Scope.RANGE, PAGE, (1L << 18) * PAGE, -1, false, 1, Cause.UNMAP);
        assertThat(s.commands(wide).get(0)).isEqualTo("iotlb-dsi");
    }

    @Test
    void armSmmuv3_eachOperation_emitsTheArmSmmuV3Commands() {
        Setup s = new Setup(QueueFormats.ARM_SMMUV3, Stage2Flush.RANGE);
        assertThat(s.everyOperation()).containsExactly(
                // RIL: 3 pages = NUM 3 x 2^0 in one TLBI_NH_VA; ATC_INV span covers 4..7
                List.of("tlbi-nh-va@5+3:leaf", "atc-inv@4+4", "atc-inv@4+4"),
                List.of("tlbi-nh-va@5+3:leaf", "atc-inv@4+4", "atc-inv@4+4"),
                List.of("tlbi-nh-asid"), List.of("tlbi-nh-all"), List.of("cfgi-cd", "tlbi-nh-asid"),
                List.of("cfgi-ste", "tlbi-nh-asid"),
                // arm_smmu_tlb_inv_range_domain on a nest parent: TLBI_S2_IPA, then TLBI_NH_ALL for the VMID
                List.of("tlbi-s2-ipa@16+2", "atc-inv@16+2", "atc-inv@16+2", "tlbi-nh-all"));
        Setup d = new Setup(QueueFormats.ARM_SMMUV3, Stage2Flush.DOMAIN);
        d.commands(d.stage2Change()); // registers the child with its parent (a nest parent from now on)
        assertThat(d.commands(d.stage2Change()))
                .containsExactly("tlbi-s12-vmall", "atc-inv@16+2", "atc-inv@16+2");
    }

    @Test
    void armSmmuv3_rangeCommands_coverNumTimesTwoToTheScale() {
        Setup s = new Setup(QueueFormats.ARM_SMMUV3, Stage2Flush.RANGE);
        // 35 pages = 0b100011: SCALE 0 NUM 3, then SCALE 5 NUM 1 (__arm_smmu_tlb_inv_range)
        Invalidation r = new Invalidation(s.root, Scope.RANGE, 0, 35 * PAGE, -1, true, 1, Cause.UNMAP);
        assertThat(s.commands(r)).startsWith("tlbi-nh-va@0+3:leaf", "tlbi-nh-va@3+32:leaf");
        // a non-leaf range with NUM field 1 grows by a page: 33 -> 34 = SCALE 1 NUM 17
        Invalidation n = new Invalidation(s.root, Scope.RANGE, 0, 33 * PAGE, -1, false, 1, Cause.UNMAP);
        assertThat(s.commands(n)).startsWith("tlbi-nh-va@0+34", "atc-inv@0+64");
    }

    @Test
    void armSmmuv3WithoutRil_range_emitsOneTlbiPerPageBelowCmdqMaxTlbiOps() {
        Setup s = new Setup(QueueFormats.ARM_SMMUV3, Stage2Flush.RANGE, false);
        assertThat(s.commands(s.unmap())).containsExactly("tlbi-nh-va@5+1:leaf", "tlbi-nh-va@6+1:leaf",
                "tlbi-nh-va@7+1:leaf", "atc-inv@4+4", "atc-inv@4+4");
        Invalidation r511 = new Invalidation(s.root, Scope.RANGE, 0, 511 * PAGE, -1, true, 1, Cause.UNMAP);
        List<String> c = s.commands(r511);
        assertThat(c.stream().filter(x -> x.startsWith("tlbi-nh-va@")).count()).isEqualTo(511);
        assertThat(c).startsWith("tlbi-nh-va@0+1:leaf", "tlbi-nh-va@1+1:leaf").contains("tlbi-nh-va@510+1:leaf");
        // the guest's own range on a nested child: the same per-page TLBI_NH_VA
        assertThat(s.commands(s.guest(Scope.RANGE))).startsWith("tlbi-nh-va@5+1:leaf", "tlbi-nh-va@6+1:leaf",
                "tlbi-nh-va@7+1:leaf");
    }

    @Test
    void armSmmuv3WithoutRil_rangeOfCmdqMaxTlbiOpsPages_becomesOneAsidOrVmidWideTlbi() {
        Setup s = new Setup(QueueFormats.ARM_SMMUV3, Stage2Flush.RANGE, false);
        Invalidation r512 = new Invalidation(s.root, Scope.RANGE, 0, 512 * PAGE, -1, true, 1, Cause.UNMAP);
        assertThat(s.commands(r512)).containsExactly("tlbi-nh-asid", "atc-inv@0+512", "atc-inv@0+512");
        s.commands(s.stage2Change()); // the parent is a nest parent from now on
        Invalidation[] wide = {new Invalidation(s.parent, Scope.RANGE, 0, 600 * PAGE, -1, false, 1, Cause.UNMAP),
            new Invalidation(s.child, Scope.ALL, 0, 0, -1, false, 1, Cause.PARENT_CHANGE)};
        assertThat(s.commands(wide)).startsWith("tlbi-s12-vmall").contains("tlbi-nh-all");
        // with RIL the 512 pages are one range command (NUM 1 x 2^9)
        Setup ril = new Setup(QueueFormats.ARM_SMMUV3, Stage2Flush.RANGE, true);
        assertThat(ril.commands(r512)).startsWith("tlbi-nh-va@0+512:leaf");
    }

    @ParameterizedTest(name = "{0} ril={1}, {2} pages")
    @CsvSource({"INTEL_VTD,true,1", "INTEL_VTD,true,3", "INTEL_VTD,true,600", "AMD_VI,true,35", "AMD_VI,true,600",
        "ARM_SMMUV3,true,1", "ARM_SMMUV3,true,35", "ARM_SMMUV3,true,600", "ARM_SMMUV3,false,3", "ARM_SMMUV3,false,511",
        "ARM_SMMUV3,false,512"})
    void guestDriversCommandCount_isWhatTheSameArchitecturesDriverWritesForTheRange(QueueFormats format, boolean ril,
                                                                                   long pages) {
        Setup s = new Setup(format, Stage2Flush.RANGE, ril);
        Invalidation g = new Invalidation(s.child, Scope.RANGE, 0, pages * PAGE, -1, true, 1, Cause.GUEST_REQUEST);
        long iotlbCommands = s.commands(g).stream().filter(c -> !c.contains("atc-inv") && !c.contains("devtlb")
                && !c.contains("iotlb-pages@")).count();
        assertThat(format.guestCommands(ril).count(pages, true)).isEqualTo(iotlbCommands);
    }

    @Test
    void rangeInvalidationOff_onAnotherFormat_isRejected() {
        assertThatThrownBy(() -> InvQueueConfig.defaults(QueueFormats.INTEL_VTD).withRangeInvalidation(false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SMMU_IDR3.RIL");
    }

    @Test
    void amdVi_eachOperation_emitsTheAmdIommuCommands() {
        Setup s = new Setup(QueueFormats.AMD_VI, Stage2Flush.RANGE);
        assertThat(s.everyOperation()).containsExactly(
                // build_inv_address: S bit covering 4..7, PDE always set (no leaf hint)
                List.of("invalidate-iommu-pages@4+4", "invalidate-iotlb-pages@4+4", "invalidate-iotlb-pages@4+4"),
                List.of("invalidate-iommu-pages@4+4", "invalidate-iotlb-pages@4+4", "invalidate-iotlb-pages@4+4"),
                List.of("invalidate-iommu-pages"), List.of("invalidate-iommu-pages"), List.of("invalidate-iommu-pages"),
                List.of("invalidate-devtab-entry", "invalidate-iommu-pages"),
                List.of("invalidate-iommu-pages@16+2", "invalidate-iotlb-pages@16+2", "invalidate-iotlb-pages@16+2",
                        "invalidate-iommu-pages@16+2"));
        Setup d = new Setup(QueueFormats.AMD_VI, Stage2Flush.DOMAIN);
        assertThat(d.commands(d.stage2Change()).get(3)).isEqualTo("invalidate-iommu-pages");
    }
}

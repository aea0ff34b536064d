package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.stats.Counter;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.iommu.inval.InvKind;
import org.iommusim.hw.iommu.inval.InvQueueConfig;
import org.iommusim.hw.iommu.inval.QueueFormats;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;

/**
 * The host CPU a control-plane operation is charged for its invalidation commands is priced on
 * the commands the architecture's driver submits for the whole operation (one rule: the
 * driver's list for the operation, plus the wait): per architecture, a stage-2 unmap under two
 * hardware-nested children, whose children's flushes depend on the parent's range in the same
 * operation (SMMUv3: one TLBI_NH_ALL per VMID for both children; VT-d and AMD-Vi: the parent's
 * range repeated on each child's domain). Regression: each invalidation was priced alone, so an
 * SMMUv3 child flush was priced as a TLBI_S12_VMALL per child while one TLBI_NH_ALL was submitted.
 */
class ControlPricingTest {
    private static final long PAGE = 4096;
    private static final long HPA = 0x40_0000_0000L;
    private static final long DATA = 0x10_0000L;

    private static long[] stage2UnmapUnderTwoChildren(QueueFormats format) {
        TreeFixture f = TreeFixture.anyDepth();
        int parent = f.root(4);
        f.map(parent, 0, HPA, DATA, PageSize.SIZE_4K);
        f.map(parent, DATA, HPA + DATA, PAGE, PageSize.SIZE_4K); // the children's data page
        f.map(parent, DATA + PAGE, HPA + DATA + PAGE, 3 * PAGE, PageSize.SIZE_4K); // the one unmapped
        for (int d = 1; d <= 2; d++) {
            int child = f.child(parent, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4);
            GuestPageTable t = f.guestTable(child, 0, DATA);
            TreeFixture.ok(t.map(0x20_0000L, DATA, PageSize.SIZE_4K, Prot.RW));
            f.attach(d, 0, child);
        }
        ControlRig c = new ControlRig(f, TimedIommuConfig.defaults(), 80 * SimTime.NS, 1, UnmapPolicy.strictPolicy(),
                InvQueueConfig.defaults(format));
        List<Result<Effects>> done = new ArrayList<>();
        c.tcp.unmap(parent, DATA + PAGE, 3 * PAGE, false, (r, l) -> done.add(r)); // 3 pages, unaligned
        c.rig.sim.run();
        assertThat(done).hasSize(1);
        assertThat(done.get(0).isOk()).as("%s", done.get(0)).isTrue();
        assertThat(done.get(0).value().invalidations()).extracting(i -> i.cause().name())
                .containsExactly("UNMAP", "PARENT_CHANGE", "PARENT_CHANGE");
        long submitted = 0;
        for (InvKind k : InvKind.values()) {
            String name = "invq.descriptors." + k.statName(); // a format registers the kinds it writes
            submitted += c.rig.stats.get(name) == null ? 0 : counter(c, name);
        }
        return new long[] {counter(c, "cp.cpu.descriptors"), submitted * c.costs.descriptorPs(), submitted};
    }

    private static long counter(ControlRig c, String name) {
        return ((Counter) c.rig.stats.get(name)).get();
    }

    @Test
    void armSmmuv3_stage2ChangeUnderTwoChildren_isPricedOnTheSubmittedCommands() {
        long[] r = stage2UnmapUnderTwoChildren(QueueFormats.ARM_SMMUV3);
        // TLBI_S2_IPA (one range command), one TLBI_NH_ALL for the VMID, CMD_SYNC
        assertThat(r[2]).isEqualTo(3);
        assertThat(r[0]).isEqualTo(r[1]);
    }

    @Test
    void intelVtd_stage2ChangeUnderTwoChildren_isPricedOnTheSubmittedCommands() {
        long[] r = stage2UnmapUnderTwoChildren(QueueFormats.INTEL_VTD);
        // PSI on the parent's DID, the same PSI on each nested DID, invalidation wait
        assertThat(r[2]).isEqualTo(4);
        assertThat(r[0]).isEqualTo(r[1]);
    }

    @Test
    void amdVi_stage2ChangeUnderTwoChildren_isPricedOnTheSubmittedCommands() {
        long[] r = stage2UnmapUnderTwoChildren(QueueFormats.AMD_VI);
        // INVALIDATE_IOMMU_PAGES on the parent's and on each nested host DomainID, COMPLETION_WAIT
        assertThat(r[2]).isEqualTo(4);
        assertThat(r[0]).isEqualTo(r[1]);
    }
}

package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.hw.functional.Outcome;
import org.iommusim.hw.functional.Translation;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.iommu.ats.AtsConfig;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.pagetable.Pte;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * 64 KiB pages (16 contiguous-hint level-1 leaves, {@link Pte#CONTIGUOUS}) through the table,
 * the functional walker and its oracle, the IOTLB, the timed walker and ATS, and guest tables
 * under hardware nesting and a software shadow. Closed forms: a walk of a 4-level table reads 4
 * PTEs whatever the page size below 2 MiB; touching every 4 KiB page of N 64 KiB pages once
 * costs N walks (4 KiB pages: 16 N), as long as N entries fit the IOTLB.
 */
class ContiguousPageTest {
    private static final long IOVA = 0x4000_0000L;
    private static final long HPA = 0x40_0000_0000L;
    private static final long PAGE = 4096;
    private static final long SPAN = 1L << 20; // 16 pages of 64 KiB

    private static TreeFixture host(PageSize size) {
        TreeFixture f = new TreeFixture();
        int root = f.root(4);
        f.map(root, IOVA, HPA, SPAN, size);
        f.attach(1, 0, root);
        return f;
    }

    @Test
    void map64K_writes16ContiguousLeaves_andEveryWalkReadsOneLeafOf64K() {
        TreeFixture f = host(PageSize.SIZE_64K);
        for (long off = 0; off < SPAN; off += PAGE) {
            Translation t = f.translate(1, 0, IOVA + off + 0x10, Access.WRITE);
            assertThat(t.ok).isTrue();
            assertThat(t.hpa).isEqualTo(HPA + off + 0x10);
            assertThat(t.pageShift).as("one 64 KiB page to the hardware").isEqualTo(16);
            assertThat(f.trace.size()).as("4 levels, one leaf read").isEqualTo(4);
            assertThat(f.trace.pteValue(3) & Pte.CONTIGUOUS).isNotZero();
            assertThat(f.expected(1, 0, IOVA + off + 0x10, Access.WRITE)).isEqualTo(Outcome.hpa(HPA + off + 0x10));
        }
        assertThat(f.translate(1, 0, IOVA + SPAN, Access.READ).ok).isFalse();
    }

    /** Closed form: 256 distinct 4 KiB pages over 1 MiB, each touched once; an IOTLB that holds 16 entries. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PageSize.class, names = {"SIZE_4K", "SIZE_64K"})
    void iotlbReach_oneWalkPerPage_16xFewerWith64K(PageSize size) {
        TimedRig rig = new TimedRig(host(size), TimedIommuConfig.defaults(), 80 * SimTime.NS);
        for (long off = 0; off < SPAN; off += PAGE) {
            assertThat(rig.translateNow(1, IOVA + off).ok()).isTrue();
        }
        long walks = rig.counter("walk.count");
        long pages = SPAN / size.bytes();
        System.out.printf("%s: %d walks, %d IOTLB hits for %d 4 KiB pages%n", size, walks, rig.counter("iotlb-served"),
                SPAN / PAGE);
        assertThat(walks).isEqualTo(pages);
        assertThat(rig.counter("iotlb-served")).isEqualTo(SPAN / PAGE - pages);
        LatencyHistogram reads = rig.histogram("walk.pte-reads-per-walk");
        assertThat(reads.count()).isEqualTo(walks);
        assertThat(reads.mean()).as("one read per level, the 64 KiB leaf once").isLessThanOrEqualTo(4.0);
    }

    @Test
    void ats_oneTranslationCompletionCovers64K() {
        TimedRig rig = new TimedRig(host(PageSize.SIZE_64K), TimedIommuConfig.defaults(), 80 * SimTime.NS);
        rig.iommu.enableAts(1, AtsConfig.defaults());
        for (long off = 0; off < 1L << 16; off += PAGE) {
            TimedRig.Done d = rig.translateNow(1, IOVA + off);
            assertThat(d.ok()).isTrue();
            assertThat(d.hpa()).isEqualTo(HPA + off);
        }
        assertThat(rig.counter("atc.device1.hits")).as("15 of 16 pages from the ATC entry").isEqualTo(15);
        assertThat(rig.counter("walk.count")).isEqualTo(1);
    }

    @Test
    void guest64K_nestedWalkSees64K_shadowWrites4KPieces_unmapClearsAll16() {
        for (Nesting nesting : new Nesting[] {Nesting.HARDWARE, Nesting.SOFTWARE}) {
            TreeFixture f = TreeFixture.anyDepth();
            int parent = f.root(4);
            f.map(parent, 0, HPA, 1L << 21, PageSize.SIZE_4K);
            int child = f.child(parent, Mode.BIND_INVALIDATE, nesting, 4);
            GuestPageTable t = f.guestTable(child, 0x10_0000L, 0x20_0000L);
            var edit = TreeFixture.ok(t.map(IOVA, 0x40000, PageSize.SIZE_64K, Prot.RW));
            assertThat(edit.length()).isEqualTo(1L << 16);
            if (nesting == Nesting.SOFTWARE) {
                f.invalidate(child, IOVA, 1L << 16);
            }
            f.attach(1, 0, child);
            Translation tr = f.translate(1, 0, IOVA + 0x5010, Access.READ);
            assertThat(tr.ok).as("%s", nesting).isTrue();
            assertThat(tr.hpa).isEqualTo(HPA + 0x45010);
            // hardware nesting: the guest's 64 KiB leaf on a 4 KiB-mapped parent gives 4 KiB;
            // the shadow writes 4 KiB leaves (it does not set the hint)
            assertThat(tr.pageShift).isEqualTo(12);
            assertThat(t.map(IOVA + 0x3000, 0x90000, PageSize.SIZE_4K, Prot.RW).isOk()).as("inside the run").isFalse();

            var cleared = TreeFixture.ok(t.unmap(IOVA + 0x7000));
            assertThat(cleared.start()).isEqualTo(IOVA);
            assertThat(cleared.length()).isEqualTo(1L << 16);
            if (nesting == Nesting.SOFTWARE) {
                f.invalidate(child, IOVA, 1L << 16);
            }
            for (long off = 0; off < 1L << 16; off += PAGE) {
                assertThat(f.translate(1, 0, IOVA + off, Access.READ).ok).as("%s +0x%x", nesting, off).isFalse();
            }
        }
    }

    @Test
    void guest64K_onA64KParent_nestedWalkCaches64K() {
        TreeFixture f = TreeFixture.anyDepth();
        int parent = f.root(4);
        f.map(parent, 0, HPA, 1L << 21, PageSize.SIZE_64K);
        int child = f.child(parent, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4);
        GuestPageTable t = f.guestTable(child, 0x10_0000L, 0x20_0000L);
        TreeFixture.ok(t.map(IOVA, 0x40000, PageSize.SIZE_64K, Prot.RW));
        f.attach(1, 0, child);
        Translation tr = f.translate(1, 0, IOVA + 0xF008, Access.WRITE);
        assertThat(tr.ok).isTrue();
        assertThat(tr.hpa).isEqualTo(HPA + 0x4F008);
        assertThat(tr.pageShift).isEqualTo(16);
        assertThat(f.expected(1, 0, IOVA + 0xF008, Access.WRITE)).isEqualTo(Outcome.hpa(HPA + 0x4F008));
    }
}

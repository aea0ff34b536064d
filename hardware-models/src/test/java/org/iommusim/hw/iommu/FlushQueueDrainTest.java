package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.stats.Counter;
import org.iommusim.hw.iommu.control.HostPath;
import org.iommusim.hw.iommu.control.OpStats;
import org.iommusim.hw.iommu.inval.InvCommand;
import org.iommusim.hw.iommu.inval.InvQueueConfig;
import org.iommusim.hw.iommu.inval.QueueFormats;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lazy-unmap flush queue as Linux's {@code dma-iommu.c} drives it: a lazy unmap writes no
 * invalidation; the drain writes one domain-wide flush per domain ({@code iommu_flush_iotlb_all})
 * and one wait, not one page-selective command per entry; the unmap that finds the queue full
 * drains it on its core before queueing its own entry ({@code queue_iova}), paying the drain's
 * commands and spinning on its wait; the unmapped translations stay in the IOTLB until the drain.
 * Times from the default cost model and queue times (domain-wide 300 ns, wait 50 ns).
 */
class FlushQueueDrainTest {
    private static final long PAGE = 4096;
    private static final long IOVA = 0x20_0000L;
    private static final long HPA = 0x40_0000_0000L;

    private static ControlRig rig(int batch, QueueFormats format) {
        TreeFixture f = new TreeFixture();
        int root = f.root(4);
        f.attach(1, 0, root);
        return new ControlRig(f, TimedIommuConfig.defaults(), 80 * SimTime.NS, 1, UnmapPolicy.lazy(batch, SimTime.MS),
                InvQueueConfig.defaults(format));
    }

    private static long counter(ControlRig c, String name) {
        Counter k = (Counter) c.rig.stats.get(name);
        return k == null ? 0 : k.get();
    }

    /** Maps pages 0..n-1 and caches their translations, then lazily unmaps them one by one; returns the latencies. */
    private static List<Long> unmapEach(ControlRig c, int n) {
        int root = c.rig.f.cp.attached(1, 0).id();
        for (int i = 0; i < n; i++) {
            c.rig.f.map(root, IOVA + i * PAGE, HPA + i * PAGE, PAGE, PageSize.SIZE_4K);
            c.rig.translateNow(1, IOVA + i * PAGE);
        }
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            c.tcp.unmap(root, IOVA + i * PAGE, PAGE, HostPath.DMA_API, false, (r, l) -> latencies.add(l));
            c.rig.sim.runUntil(c.rig.sim.now() + 10 * SimTime.US);
        }
        return latencies;
    }

    @Test
    void lazyUnmaps_writeNothing_andStayCachedUntilTheDrain() {
        ControlRig c = rig(4, QueueFormats.INTEL_VTD);
        List<Long> latencies = unmapEach(c, 4);
        assertThat(counter(c, "invq.submissions")).as("no command before the drain").isZero();
        assertThat(c.tcp.deferred()).isEqualTo(4);
        assertThat(c.rig.iommu.iotlb().size()).as("the unmapped translations are still usable").isEqualTo(4);
        assertThat(latencies).allMatch(l -> l.equals(latencies.get(0)));
        c.tcp.flush();
        c.rig.sim.run();
        assertThat(c.rig.iommu.iotlb().size()).isZero();
        assertThat(c.tcp.deferred()).isZero();
    }

    @ParameterizedTest(name = "{0}: one {1}, no {2}")
    @CsvSource({"INTEL_VTD,VTD_IOTLB_DSI,VTD_IOTLB_PSI", "ARM_SMMUV3,SMMU_TLBI_NH_ASID,SMMU_TLBI_NH_VA",
        "AMD_VI,AMD_INVALIDATE_IOMMU_PAGES,VTD_IOTLB_PSI"})
    void drain_writesOneDomainWideFlushPerDomain_notOnePerEntry(QueueFormats format, InvCommand domainWide,
                                                                InvCommand perRange) {
        ControlRig c = rig(256, format);
        unmapEach(c, 5);
        c.tcp.flush();
        c.rig.sim.run();
        assertThat(counter(c, "invq.cmd." + domainWide.statName())).isEqualTo(1);
        assertThat(counter(c, "invq.cmd." + perRange.statName())).isZero();
        assertThat(counter(c, "invq.descriptors.iotlb-range")).as("no page-range command at all").isZero();
        assertThat(counter(c, "cp.flush-queue.flushes")).isEqualTo(1);
    }

    @Test
    void unmapFindingTheQueueFull_drainsItOnItsCore_andPaysTheFlushAndItsWait() {
        ControlRig c = rig(2, QueueFormats.INTEL_VTD);
        List<Long> latencies = unmapEach(c, 3);
        long plain = latencies.get(0);
        // the third unmap found 2 entries: one domain-selective descriptor written, then it spins on DSI + wait
        assertThat(latencies.get(1)).isEqualTo(plain);
        assertThat(latencies.get(2)).isEqualTo(plain + c.costs.descriptorPs() * 2 + 300 * SimTime.NS + 50 * SimTime.NS);
        assertThat(c.tcp.deferred()).as("its own entry queued after the drain").isEqualTo(1);
        assertThat(c.rig.iommu.iotlb().size()).as("the drain flushed the domain, the third page included").isZero();
        assertThat(c.tcp.stats().cpuTime(OpStats.Kind.UNMAP)).as("the core spun on the drain's wait")
                .isEqualTo(3 * plain + c.costs.descriptorPs() * 2 + 350 * SimTime.NS);
    }
}

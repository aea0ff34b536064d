package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.iommu.ats.AtsConfig;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.pagetable.Access;
import org.junit.jupiter.api.Test;

/**
 * A device with an ATS translation cache: a hit never reaches the IOMMU; a miss is a round trip
 * over the link around an ordinary IOMMU translation, then fills the ATC; an unmap's
 * invalidation includes a device-ATC descriptor (a 1 µs round trip in the queue); with lazy
 * unmap, DMAs served from stale ATC entries are counted until that descriptor takes effect.
 */
class AtsTest {
    private static final long PAGE = AtsRig.PAGE;
    private static final long IOVA = AtsRig.IOVA;
    private static final long HPA = AtsRig.HPA;

    private static ControlRig rig(UnmapPolicy policy) {
        return AtsRig.rig(policy, AtsConfig.defaults());
    }

    @Test
    void atcMiss_roundTripsToTheIommu_thenHitsStayOnTheDevice() {
        ControlRig c = rig(UnmapPolicy.strictPolicy());
        AtsConfig a = AtsConfig.defaults();

        TimedRig.Done first = c.rig.translateNow(1, IOVA + 0x10);
        TimedRig.Done second = c.rig.translateNow(1, IOVA + 0x20);

        assertThat(first.hpa()).isEqualTo(HPA + 0x10);
        assertThat(first.latency()).as("ATC lookup, link, 4-read walk, link")
                .isEqualTo(AtsRig.missRoundTrip(a));
        assertThat(second.hpa()).isEqualTo(HPA + 0x20);
        assertThat(second.latency()).isEqualTo(a.atc().latencyPs());
        assertThat(c.rig.counter("walk.count")).isEqualTo(1);
        assertThat(c.rig.counter("atc.device1.hits")).isEqualTo(1);
        assertThat(((org.iommusim.core.stats.TimeWeighted) c.rig.stats.get("iommu.in-flight")).max())
                .as("the hit never took an IOMMU slot").isEqualTo(1);
    }

    @Test
    void strictUnmap_waitsForTheDeviceAtcRoundTrip_andLeavesNoStaleEntry() {
        ControlRig c = rig(UnmapPolicy.strictPolicy());
        int root = c.rig.f.cp.attached(1, 0).id();
        c.rig.translateNow(1, IOVA);
        List<Long> latency = new ArrayList<>();
        Effects[] effects = new Effects[1];

        c.tcp.unmap(root, IOVA, PAGE, false, (r, l) -> {
            effects[0] = r.value();
            latency.add(l);
        });
        c.rig.sim.run();

        long cpu = c.costs.syscallPs() + effects[0].ptesRead() * c.costs.pteReadPs()
                + effects[0].ptesWritten() * c.costs.pteWritePs() + c.costs.unmapPagePs()
                + 3 * c.costs.descriptorPs(); // IOTLB range, device ATC, wait
        long queue = 200 * SimTime.NS + SimTime.US + 50 * SimTime.NS;
        assertThat(latency).containsExactly(cpu + queue);
        assertThat(c.rig.iommu.invalidations().atcs().atc(1).size()).isZero();
        assertThat(c.rig.iommu.invalidations().pendingRemovals()).isZero();
        assertThat(c.rig.translateNow(1, IOVA).ok()).isFalse();
        assertThat(c.rig.counter("stale-uses")).isZero();
    }

    @Test
    void lazyUnmap_dmaServedByTheStaleAtcEntry_isCountedUntilTheDeviceAtcDescriptor() {
        ControlRig c = rig(UnmapPolicy.lazy(256, SimTime.US));
        int root = c.rig.f.cp.attached(1, 0).id();
        c.rig.translateNow(1, IOVA);
        c.tcp.unmap(root, IOVA, PAGE, org.iommusim.hw.iommu.control.HostPath.DMA_API, false, (r, l) -> { });
        c.rig.sim.runUntil(c.rig.sim.now() + 1000 * SimTime.NS); // unmap returned (at 910 ns), flush not yet

        TimedRig.Done stale = c.rig.translateNow(1, IOVA);
        // Flush at 1 us: the drain's domain-selective descriptor takes effect 300 ns later, the
        // device-ATC one 1 us after that. A DMA between the two still hits the ATC and is still stale.
        long flushAt = c.rig.sim.now();
        c.rig.sim.runUntil(flushAt + 2 * SimTime.US);
        c.rig.sim.run();
        TimedRig.Done after = c.rig.translateNow(1, IOVA);

        assertThat(stale.ok()).isTrue();
        assertThat(c.rig.counter("stale-uses")).isEqualTo(1);
        assertThat(after.ok()).isFalse();
        assertThat(c.rig.iommu.invalidations().pendingRemovals()).isZero();
    }

    @Test
    void staleAtcHitBetweenIotlbAndDeviceAtcDescriptors_isCounted() {
        ControlRig c = rig(UnmapPolicy.lazy(256, SimTime.MS));
        int root = c.rig.f.cp.attached(1, 0).id();
        c.rig.translateNow(1, IOVA);
        // The queue is drained when the unmap returns (T; a lazy unmap writes nothing itself): the
        // drain's domain-selective IOTLB descriptor takes effect at T + 300 ns, the device-ATC one
        // at T + 1300 ns. DMAs at T + 600 ns and T + 1400 ns.
        c.tcp.unmap(root, IOVA, PAGE, org.iommusim.hw.iommu.control.HostPath.DMA_API, false, (r, l) -> {
            c.tcp.flush();
            c.rig.sim.schedule(org.iommusim.core.kernel.Event.of(() -> c.rig.translate(1, IOVA, 600)),
                    600 * SimTime.NS);
            c.rig.sim.schedule(org.iommusim.core.kernel.Event.of(() -> c.rig.translate(1, IOVA, 1400)),
                    1400 * SimTime.NS);
        });
        c.rig.sim.run();

        assertThat(c.rig.done).extracting(TimedRig.Done::tag).containsExactly(0L, 600L, 1400L);
        assertThat(c.rig.done.get(1).ok()).as("still in the ATC").isTrue();
        assertThat(c.rig.done.get(2).ok()).as("ATC entry gone: the IOMMU walks and faults").isFalse();
        assertThat(c.rig.counter("stale-uses")).as("the DMA between the two descriptors").isEqualTo(1);
        assertThat(c.rig.iommu.invalidations().pendingRemovals()).isZero();
    }

    @Test
    void iommuTranslationsOfOtherDevices_areUnaffected() {
        ControlRig c = rig(UnmapPolicy.strictPolicy());
        int root = c.rig.f.cp.attached(1, 0).id();
        c.rig.f.attach(2, 0, root);

        TimedRig.Done d = c.rig.translateNow(2, IOVA);

        assertThat(d.latency()).isEqualTo(4 * AtsRig.MEM);
        assertThat(c.rig.iommu.invalidations().atcs().atc(1).size()).isZero();
        assertThat(c.rig.iommu.iotlb().size()).isZero();
        assertThat(Access.READ.mask()).isPositive();
    }
}

package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.InvalidateRequest;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.iommu.ats.AtsConfig;
import org.iommusim.hw.iommu.control.OpStats;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;

/**
 * PASID- and domain-wide invalidations reach device ATCs through their own round trip: after the
 * IOMMU's PASID or domain descriptor (300 ns) comes one whole-PASID device-ATC descriptor per ATS
 * device of the domain (1 µs); a DMA served by the device's ATC between the two is a stale use,
 * and the removal stays pending until the device-ATC descriptor took effect (as for ranges,
 * {@link AtsTest}). Times from the default cost model and queue (wait 50 ns).
 */
class AtsScopeInvalidationTest {
    private static final long PAGE = 4096;
    private static final long IOVA = 0x20_0000L;
    private static final long HPA = 0x40_0000_0000L;
    private static final long MEM = 100 * SimTime.NS;
    private static final long SCOPE = 300 * SimTime.NS;
    private static final long ATC = SimTime.US;
    private static final long WAIT = 50 * SimTime.NS;
    private static final long CONTEXT = 300 * SimTime.NS;

    private static ControlRig hostRig() {
        TreeFixture f = new TreeFixture();
        int root = f.root(4);
        f.attach(1, 0, root);
        f.map(root, IOVA, HPA, PAGE, PageSize.SIZE_4K);
        ControlRig c = new ControlRig(f, TimedIommuConfig.defaults().withCachesOff(), MEM, 1,
                UnmapPolicy.strictPolicy());
        c.rig.iommu.enableAts(1, AtsConfig.defaults());
        return c;
    }

    private static void at(ControlRig c, long time, Runnable r) {
        c.rig.sim.schedule(Event.of(r), time - c.rig.sim.now());
    }

    @Test
    void detach_pasidScope_waitsForTheDeviceAtcRoundTrip_atcHitsUntilThenRaceTheDetach() {
        ControlRig c = hostRig();
        c.rig.translateNow(1, IOVA); // fills device 1's ATC
        long t0 = c.rig.sim.now();
        List<Long> latency = new ArrayList<>();

        c.tcp.run(OpStats.Kind.DETACH, false, () -> c.rig.f.cp.detach(1, 0), (r, l) -> latency.add(l));
        // Submitted at t0 + syscall + 4 VT-d descriptors (PASID cache, PASID-based IOTLB, device TLB,
        // wait; intel_pasid_tear_down_entry): the IOTLB one takes effect 300 + 300 ns later, the
        // device-TLB one 1 us after that.
        long submitted = t0 + c.costs.syscallPs() + 4 * c.costs.descriptorPs() + CONTEXT;
        at(c, submitted + SCOPE + ATC / 2, () -> c.rig.translate(1, IOVA, 1));
        at(c, submitted + SCOPE + ATC + 10 * SimTime.NS, () -> c.rig.translate(1, IOVA, 2));
        c.rig.sim.run();

        assertThat(latency).containsExactly(submitted - t0 + SCOPE + ATC + WAIT);
        assertThat(((org.iommusim.core.stats.Counter) c.rig.stats.get("invq.descriptors.device-atc")).get())
                .isEqualTo(1);
        assertThat(c.rig.done.get(1).ok()).as("between the descriptors: still in the ATC").isTrue();
        assertThat(c.rig.done.get(1).latency()).isEqualTo(AtsConfig.defaults().atc().latencyPs());
        assertThat(c.rig.done.get(2).ok()).as("ATC entry gone: the IOMMU finds no attachment").isFalse();
        assertThat(c.rig.done.get(2).reason()).isEqualTo(FaultReason.NO_ATTACHMENT);
        assertThat(c.rig.counter("stale-uses")).as("the DMA between the two raced the detach, which had not"
                + " returned: not a stale use").isZero();
        assertThat(c.rig.iommu.invalidations().pendingRemovals()).isZero();
    }

    @Test
    void deviceAttachedElsewhere_getsNoRoundTrip() {
        ControlRig c = hostRig();
        int other = c.rig.f.root(4);
        c.rig.f.map(other, IOVA, HPA + PAGE, PAGE, PageSize.SIZE_4K);
        c.rig.f.attach(2, 0, other);
        c.rig.iommu.enableAts(2, AtsConfig.defaults());
        c.rig.translateNow(1, IOVA);
        c.rig.translateNow(2, IOVA);
        List<Long> latency = new ArrayList<>();

        c.tcp.run(OpStats.Kind.DETACH, false, () -> c.rig.f.cp.detach(2, 0), (r, l) -> latency.add(l));
        c.rig.sim.run();

        assertThat(latency).containsExactly(c.costs.syscallPs() + 4 * c.costs.descriptorPs() + CONTEXT + SCOPE + ATC
                + WAIT);
        assertThat(c.rig.iommu.invalidations().atcs().atc(2).size()).isZero();
        assertThat(c.rig.iommu.invalidations().atcs().atc(1).size()).as("device 1 is in another domain").isEqualTo(1);
    }

    /** A hardware-nested bound child with device 1 (ATS) attached and IOVA mapped in the guest table. */
    private static ControlRig guestRig(GuestPageTable[] table) {
        TreeFixture f = new TreeFixture();
        int parent = f.root(4);
        f.map(parent, 0, HPA, 1L << 21, PageSize.SIZE_4K);
        int child = f.child(parent, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4);
        table[0] = f.guestTable(child, 0, 0x10_0000L);
        TreeFixture.ok(table[0].map(IOVA, 0x10_0000L, PageSize.SIZE_4K, Prot.RW));
        f.attach(1, 0, child);
        ControlRig c = new ControlRig(f, TimedIommuConfig.defaults().withCachesOff(), MEM, 1,
                UnmapPolicy.strictPolicy());
        c.rig.iommu.enableAts(1, AtsConfig.defaults());
        return c;
    }

    /** Guest clears IOVA's PTE and invalidates everything; DMAs at the given offsets after the op starts. */
    private static List<Long> guestClearAndInvalidateAll(ControlRig c, GuestPageTable table, long... dmaAt) {
        int child = table.ioasid();
        c.rig.translateNow(1, IOVA);
        long t0 = c.rig.sim.now();
        c.tcp.guestEdited(child, TreeFixture.ok(table.unmap(IOVA)));
        List<Long> latency = new ArrayList<>();
        Effects[] e = new Effects[1];
        c.tcp.invalidate(child, new InvalidateRequest.All(), true, (r, l) -> {
            e[0] = r.value();
            latency.add(l);
        });
        for (int i = 0; i < dmaAt.length; i++) {
            int tag = i + 1;
            at(c, t0 + dmaAt[i], () -> c.rig.translate(1, IOVA, tag));
        }
        c.rig.sim.run();
        return latency;
    }

    @Test
    void guestInvalidateAll_domainScope_staleAtcHitCountedUntilTheDeviceAtcDescriptor() {
        GuestPageTable[] table = new GuestPageTable[1];
        // A first run finds when the descriptors were submitted (latency minus the queue times).
        long latency = guestClearAndInvalidateAll(guestRig(table), table[0]).get(0);
        long submitted = latency - SCOPE - ATC - WAIT;
        ControlRig c = guestRig(table);

        guestClearAndInvalidateAll(c, table[0], submitted + SCOPE + ATC / 2, submitted + SCOPE + ATC + 10);

        assertThat(submitted).isPositive();
        assertThat(((org.iommusim.core.stats.Counter) c.rig.stats.get("invq.descriptors.pasid")).get())
                .as("VT-d: a guest's invalidate-all of a nested (first-stage) domain is a PASID-selective P_IOTLB")
                .isEqualTo(1);
        assertThat(((org.iommusim.core.stats.Counter) c.rig.stats.get("invq.descriptors.device-atc")).get())
                .isEqualTo(1);
        assertThat(c.rig.done.get(1).ok()).as("between the descriptors: served by the stale ATC entry").isTrue();
        assertThat(c.rig.done.get(2).ok()).as("after: the IOMMU walks the cleared guest PTE").isFalse();
        assertThat(c.rig.counter("stale-uses")).isEqualTo(1);
        assertThat(c.rig.iommu.invalidations().pendingRemovals()).isZero();
    }
}

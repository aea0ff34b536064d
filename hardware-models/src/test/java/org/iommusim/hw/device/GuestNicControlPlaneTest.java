package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.stats.Tally;
import org.iommusim.hw.iommu.control.CostModel;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.iommu.control.OpStats;
import org.iommusim.hw.pagetable.PageSize;
import org.junit.jupiter.api.Test;

/**
 * What a guest NIC's driver costs the host control plane ({@link GuestNicRig}, the timing of
 * {@link GuestNicPresetTest}): per packet, hardware nesting pays one guest invalidation (trap +
 * ioctl + descriptors) for the unmap and nothing for the map; software nesting in caching mode
 * pays two (map and unmap), each also a shadow sync (guest PTEs read, shadow PTEs written); a
 * pre-mapped pool pays one invalidation at start and nothing per packet. The driver never uses
 * the host's map/unmap.
 */
class GuestNicControlPlaneTest {
    private static final CostModel COSTS = CostModel.defaults();

    private static long entryPs() {
        return COSTS.syscallPs() + COSTS.trapPs();
    }

    private static void assertNoHostMapUnmap(GuestNicRig r) {
        assertThat(r.counter("cp.op.map.count")).isZero();
        assertThat(r.counter("cp.op.unmap.count")).isZero();
        assertThat(r.counter("cp.op.invalidate.rejected")).isZero();
    }

    @Test
    void hardwareNesting_chargesOneGuestInvalidationPerPacket_forTheUnmap() {
        GuestNicRig r = new GuestNicRig(7, Nesting.HARDWARE, false, false, GuestNicPresetTest.RX_ONLY)
                .run(GuestNicPresetTest.RUN);
        long n = GuestNicPresetTest.arrived(r, "rx", GuestNicPresetTest.RX_ONLY);
        long s = GuestNicPresetTest.SETUP_INVALIDATIONS;
        assertThat(r.counter("nic.rx.packets")).isEqualTo(n);
        assertNoHostMapUnmap(r);
        assertThat(r.counter("cp.op.invalidate.count")).as("one per unmap, and the ring memory's").isEqualTo(n + s);
        assertThat(r.child().invalidations()).isEqualTo(n + s);
        assertThat(r.child().userDescriptors()).as("one range each").isEqualTo(n + s);
        assertThat(r.counter("invq.submissions")).as("each passed through to the IOTLB, with a wait")
                .isEqualTo(n + s);
        assertThat(r.tcp.stats().cpuTime(OpStats.Kind.INVALIDATE)).as("a trap and an ioctl each, at least")
                .isGreaterThanOrEqualTo(n * entryPs());
        assertThat(r.counter("cp.shadow.guest-ptes-read")).isZero();
        assertThat(r.counter("cp.shadow.ptes-written")).isZero();
        assertThat(r.child().shadowSyncs()).isZero();
        Tally packetTime = (Tally) r.stats.get("nic.rx.packet-time");
        assertThat(packetTime.mean())
                .as("a buffer is free only after its data and write-back DMAs, the interrupt and its unmap's"
                        + " invalidation")
                .isGreaterThan(2 * r.engine.stats().meanLatencyPs()
                        + r.tcp.stats().latency(OpStats.Kind.INVALIDATE).mean());
    }

    @Test
    void softwareNestingInCachingMode_chargesMapAndUnmapInvalidationsPlusShadowSync() {
        GuestNicRig r = new GuestNicRig(7, Nesting.SOFTWARE, true, false, GuestNicPresetTest.RX_ONLY)
                .run(GuestNicPresetTest.RUN);
        long n = GuestNicPresetTest.arrived(r, "rx", GuestNicPresetTest.RX_ONLY);
        long s = GuestNicPresetTest.SETUP_INVALIDATIONS;
        assertThat(r.counter("nic.rx.packets")).isEqualTo(n);
        assertNoHostMapUnmap(r);
        assertThat(r.counter("cp.op.invalidate.count")).as("map and unmap, and the ring memory's")
                .isEqualTo(2 * n + s);
        assertThat(r.child().mapOnlyInvalidations()).as("the price of caching mode (the ring memory's too)")
                .isEqualTo(n + s);
        assertThat(r.child().shadowSyncs()).as("one per invalidation, plus the bind").isEqualTo(2 * n + s + 1);
        assertThat(r.counter("invq.submissions")).as("only the unmaps remove IOTLB entries").isEqualTo(n);
        long guestReads = r.counter("cp.shadow.guest-ptes-read");
        long shadowWrites = r.counter("cp.shadow.ptes-written");
        assertThat(guestReads).isGreaterThanOrEqualTo(2 * n);
        assertThat(shadowWrites).as("a leaf set and cleared per packet, at least").isGreaterThanOrEqualTo(2 * n);
        assertThat(r.tcp.stats().cpuTime(OpStats.Kind.INVALIDATE)).as("traps, ioctls and the shadow sync work")
                .isGreaterThanOrEqualTo(2 * n * entryPs() + guestReads * COSTS.guestReadPs()
                        + shadowWrites * COSTS.shadowWritePs());
    }

    @Test
    void softwareNesting_costsMoreHostCpuThanHardwareNesting() {
        GuestNicRig hw = new GuestNicRig(7, Nesting.HARDWARE, false, false, GuestNicPresetTest.RX_ONLY)
                .run(GuestNicPresetTest.RUN);
        GuestNicRig sw = new GuestNicRig(7, Nesting.SOFTWARE, true, false, GuestNicPresetTest.RX_ONLY)
                .run(GuestNicPresetTest.RUN);
        long hwCpu = hw.tcp.stats().cpuTime(OpStats.Kind.INVALIDATE);
        long swCpu = sw.tcp.stats().cpuTime(OpStats.Kind.INVALIDATE);
        System.out.printf("guest NIC, %d packets: host CPU hardware %d ps, software (caching mode) %d ps%n",
                hw.counter("nic.rx.packets"), hwCpu, swCpu);
        assertThat((double) swCpu).isGreaterThanOrEqualTo(1.5 * hwCpu);
    }

    private static void assertPoolCostsOneInvalidationOnly(Nesting nesting) {
        NicConfig c = GuestNicPresetTest.RX_ONLY.withDriver(NicConfig.Driver.PREMAPPED_POOL, PageSize.SIZE_4K);
        GuestNicRig r = new GuestNicRig(7, nesting, false, false, c);
        r.nic.start();
        while (r.counter("nic.rx.packets") == 0) {
            r.sim.runEvents(1);
        }
        assertThat(r.counter("cp.op.invalidate.count")).as("the ring memory's and the pool's, before the first packet").isEqualTo(2);
        long guestWrites = r.child().guestWrites();
        long cpu = r.tcp.stats().cpuTime(OpStats.Kind.INVALIDATE);
        r.sim.runUntil(GuestNicPresetTest.RUN);
        r.nic.stop();
        r.sim.run();
        long packets = r.counter("nic.rx.packets");
        assertThat(packets).as("arrivals from the end of the pool setup").isGreaterThanOrEqualTo(80);
        assertThat(r.engine.stats().completed()).as("data and write-back per packet, refill fetches, MSI-X")
                .isEqualTo(2 * packets + r.counter("nic.rx.descriptor-fetches") + r.counter("nic.rx.interrupts"));
        assertThat(r.faults()).isZero();
        assertThat(r.counter("nic.rx.map-failures")).isZero();
        assertThat(r.counter("cp.op.invalidate.count")).as("nothing per packet").isEqualTo(2);
        assertNoHostMapUnmap(r);
        assertThat(r.tcp.stats().cpuTime(OpStats.Kind.INVALIDATE)).isEqualTo(cpu);
        assertThat(r.child().guestWrites()).as("no guest PTE writes per packet").isEqualTo(guestWrites);
        assertThat(r.child().invalidations()).as("the ring memory's and the pool's").isEqualTo(2);
    }

    @Test
    void poolInGuestUnderHardwareNesting_oneInvalidationAtStart_noPerPacketControlPlaneWork() {
        assertPoolCostsOneInvalidationOnly(Nesting.HARDWARE);
    }

    @Test
    void poolInGuestUnderSoftwareNesting_oneInvalidationAtStart_noPerPacketControlPlaneWork() {
        assertPoolCostsOneInvalidationOnly(Nesting.SOFTWARE);
    }
}

package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.results.Snapshot;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;

/**
 * A NIC inside a VM ({@link Nic#inGuest}, {@link GuestNicRig}) whose per-packet driver maps
 * each buffer by a guest PTE write and unmaps it by a guest PTE write plus a guest invalidation:
 * the data path under hardware nesting, and under software nesting with and without caching
 * mode (without it, the map is invisible to the shadow: each DMA faults, or lazily fills when
 * the IOASID asks for lazy fill). 1 Gb/s line rate (a packet every 12.3 µs, the control plane
 * keeps up, nothing is dropped); arrivals for 1 ms, then drained. The driver maps the ring memory
 * (descriptors, MSI page) at start, one guest invalidation, before the first packet.
 */
class GuestNicPresetTest {
    static final double SLOW_LINE = 1e9;
    static final long RUN = SimTime.MS;
    static final NicConfig RX_ONLY = NicConfig.defaults().withRings(64, 0).withLineRate(SLOW_LINE);

    /** The guest invalidation of the ring memory the driver maps at start. */
    static final int SETUP_INVALIDATIONS = 1;

    /** At most the arrivals per ring in [0, RUN] (at 0, 12.3 µs, ..., 996.6 µs): 82. */
    static long arrivals(NicConfig c) {
        return (long) (RUN / (1e12 / c.packetsPerSecond())) + 1;
    }

    /**
     * The packets that arrived at {@code ring}: the 1 ms of arrivals less those before the ring
     * memory was mapped and, for RX, the ring fetched (a few microseconds: at most one).
     */
    static long arrived(GuestNicRig r, String ring, NicConfig c) {
        long n = r.counter("nic." + ring + ".arrivals");
        assertThat(n).as(ring + " arrivals").isBetween(arrivals(c) - 1, arrivals(c));
        return n;
    }

    private static long assertEveryDmaSucceeded(GuestNicRig r, String ring, NicConfig c) {
        long n = arrived(r, ring, c);
        assertThat(r.counter("nic." + ring + ".packets")).as(ring + " packets").isEqualTo(n);
        assertThat(r.counter("nic." + ring + ".dma-failures")).isZero();
        assertThat(r.counter("nic." + ring + ".map-failures")).isZero();
        assertThat(r.counter("nic." + ring + ".dropped")).isZero();
        return n;
    }

    private static void assertAllRingsClean(GuestNicRig r, NicConfig c) {
        assertThat(arrivals(c)).isEqualTo(82);
        long rx = assertEveryDmaSucceeded(r, "rx", c);
        long tx = assertEveryDmaSucceeded(r, "tx", c);
        // RX: data + write-back per packet; TX: descriptor fetch + data + write-back; plus the RX
        // refill fetches and every MSI-X write
        assertThat(r.engine.stats().completed()).isEqualTo(2 * rx + 3 * tx + r.counter("nic.rx.descriptor-fetches")
                + r.counter("nic.rx.interrupts") + r.counter("nic.tx.interrupts"));
        assertThat(r.engine.stats().aborted()).isZero();
        assertThat(r.faults()).isZero();
        assertThat(r.counter("iommu.stale-uses")).isZero();
    }

    @Test
    void hardwareNesting_everyDmaSucceeds() {
        NicConfig c = RX_ONLY.withRings(64, 64);
        GuestNicRig r = new GuestNicRig(7, Nesting.HARDWARE, false, false, c).run(RUN);
        assertAllRingsClean(r, c);
    }

    @Test
    void softwareNestingInCachingMode_everyDmaSucceeds() {
        NicConfig c = RX_ONLY.withRings(64, 64);
        GuestNicRig r = new GuestNicRig(7, Nesting.SOFTWARE, true, false, c).run(RUN);
        assertAllRingsClean(r, c);
        assertThat(r.child().shadowFaults()).isZero();
    }

    @Test
    void softwareNestingWithoutCachingMode_everyDmaFaultsOnTheShadow() {
        GuestNicRig r = new GuestNicRig(7, Nesting.SOFTWARE, false, false, RX_ONLY).run(RUN);
        long n = arrived(r, "rx", RX_ONLY);
        assertThat(r.counter("nic.rx.packets")).as("no DMA saw its buffer").isZero();
        assertThat(r.counter("nic.rx.dma-failures")).isEqualTo(n);
        assertThat(r.engine.stats().aborted()).isEqualTo(n);
        long tlps = org.iommusim.hw.pcie.Tlps.count(0, RX_ONLY.packetBytes(), 256);
        assertThat(r.engine.stats().faults(FaultReason.NOT_PRESENT)).as("every request TLP of every packet")
                .isEqualTo(n * tlps);
        assertThat(r.faults()).isEqualTo(n * tlps);
        assertThat(r.child().shadowFaults()).as("one walk per packet; its other TLPs join it").isEqualTo(n);
        assertThat(r.child().staleShadowFaults()).as("the guest table did translate").isEqualTo(n);
        assertThat(r.child().lazyFills()).isZero();
        assertThat(r.counter("nic.rx.map-failures")).isZero();
        assertThat(r.counter("cp.op.invalidate.count")).as("the unmaps still invalidate")
                .isEqualTo(n + SETUP_INVALIDATIONS);
    }

    @Test
    void softwareNestingWithoutCachingModeWithLazyFill_everyDmaFillsTheShadowOnce() {
        GuestNicRig r = new GuestNicRig(7, Nesting.SOFTWARE, false, true, RX_ONLY).run(RUN);
        long n = arrived(r, "rx", RX_ONLY);
        assertThat(r.child().lazyFills()).isEqualTo(n);
        assertThat(r.child().shadowFaults()).isZero();
        assertThat(r.counter("nic.rx.packets")).isEqualTo(n);
        assertThat(r.faults()).isZero();
        assertThat(r.counter("iommu.stale-uses")).isZero();
        assertThat(r.counter("cp.op.invalidate.count")).as("unmaps only").isEqualTo(n + SETUP_INVALIDATIONS);
    }

    @Test
    void rejectedGuestEdit_countsAsMapFailure() {
        GuestNicRig r = new GuestNicRig(7, Nesting.HARDWARE, false, false, RX_ONLY);
        // Descriptor 0's slot is already present: its every map is rejected (EEXIST).
        TreeFixture.ok(r.table.map(GuestNicRig.BUF_IOVA, GuestNicRig.BUF_GPA, PageSize.SIZE_4K, Prot.RW));
        r.run(RUN);
        long n = arrived(r, "rx", RX_ONLY);
        assertThat(r.counter("nic.rx.map-failures")).as("descriptor 0 at arrivals 0 and 64").isEqualTo(2);
        assertThat(r.counter("nic.rx.packets")).isEqualTo(n - 2);
        assertThat(r.counter("nic.rx.dropped")).isZero();
        assertThat(r.counter("cp.op.invalidate.count")).as("no unmap for a failed map")
                .isEqualTo(n - 2 + SETUP_INVALIDATIONS);
    }

    /** 10 Gb/s on both rings: the host cores saturate, so queueing decides which packets drop. */
    private static Snapshot snapshot(long seed) {
        GuestNicRig r = new GuestNicRig(seed, Nesting.SOFTWARE, true, false, RX_ONLY.withRings(64, 64)
                .withLineRate(10e9));
        r.run(RUN);
        return r.stats.snapshot();
    }

    @Test
    void sameSeed_identicalStatistics() {
        Snapshot a = snapshot(3);
        assertThat(snapshot(3)).isEqualTo(a);
        assertThat(a.get("nic.rx.packets").primary()).isGreaterThan(100);
        assertThat(a.get("nic.rx.dropped").primary()).as("a contended run: 2 cores cannot keep up").isPositive();
        assertThat(a.get("cp.op.invalidate.count").primary()).isGreaterThan(400);
    }
}

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
 * keeps up, nothing is dropped); arrivals for 1 ms, then drained.
 */
class GuestNicPresetTest {
    static final double SLOW_LINE = 1e9;
    static final long RUN = SimTime.MS;
    static final NicConfig RX_ONLY = NicConfig.defaults().withRings(64, 0).withLineRate(SLOW_LINE);

    /** Arrivals per ring in [0, RUN]: at 0, 12.3 µs, ..., 996.6 µs. */
    static long arrivals(NicConfig c) {
        return (long) (RUN / (1e12 / c.packetsPerSecond())) + 1;
    }

    private static void assertEveryDmaSucceeded(GuestNicRig r, String ring, long n) {
        assertThat(r.counter("nic." + ring + ".packets")).as(ring + " packets").isEqualTo(n);
        assertThat(r.counter("nic." + ring + ".dma-failures")).isZero();
        assertThat(r.counter("nic." + ring + ".map-failures")).isZero();
        assertThat(r.counter("nic." + ring + ".dropped")).isZero();
    }

    private static void assertAllRingsClean(GuestNicRig r, NicConfig c) {
        long n = arrivals(c);
        assertThat(n).isEqualTo(82);
        assertEveryDmaSucceeded(r, "rx", n);
        assertEveryDmaSucceeded(r, "tx", n);
        assertThat(r.engine.stats().completed()).isEqualTo(2 * n);
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
        long n = arrivals(RX_ONLY);
        GuestNicRig r = new GuestNicRig(7, Nesting.SOFTWARE, false, false, RX_ONLY).run(RUN);
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
        assertThat(r.counter("cp.op.invalidate.count")).as("the unmaps still invalidate").isEqualTo(n);
    }

    @Test
    void softwareNestingWithoutCachingModeWithLazyFill_everyDmaFillsTheShadowOnce() {
        long n = arrivals(RX_ONLY);
        GuestNicRig r = new GuestNicRig(7, Nesting.SOFTWARE, false, true, RX_ONLY).run(RUN);
        assertThat(r.child().lazyFills()).isEqualTo(n);
        assertThat(r.child().shadowFaults()).isZero();
        assertThat(r.counter("nic.rx.packets")).isEqualTo(n);
        assertThat(r.faults()).isZero();
        assertThat(r.counter("iommu.stale-uses")).isZero();
        assertThat(r.counter("cp.op.invalidate.count")).as("unmaps only").isEqualTo(n);
    }

    @Test
    void rejectedGuestEdit_countsAsMapFailure() {
        GuestNicRig r = new GuestNicRig(7, Nesting.HARDWARE, false, false, RX_ONLY);
        // Descriptor 0's slot is already present: its every map is rejected (EEXIST).
        TreeFixture.ok(r.table.map(GuestNicRig.BUF_IOVA, GuestNicRig.BUF_GPA, PageSize.SIZE_4K, Prot.RW));
        r.run(RUN);
        long n = arrivals(RX_ONLY);
        assertThat(r.counter("nic.rx.map-failures")).as("descriptor 0 at arrivals 0 and 64").isEqualTo(2);
        assertThat(r.counter("nic.rx.packets")).isEqualTo(n - 2);
        assertThat(r.counter("nic.rx.dropped")).isZero();
        assertThat(r.counter("cp.op.invalidate.count")).as("no unmap for a failed map").isEqualTo(n - 2);
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

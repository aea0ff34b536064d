package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.pagetable.PageSize;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's NIC tests: per-packet strict map/unmap misses the IOTLB at least once per buffer
 * (the strict unmap invalidates the entry the next use of the buffer would hit), while the same
 * ring from a pre-mapped pool hits; a pre-mapped ring larger than a fully associative LRU IOTLB
 * misses on every packet (cyclic sweep), and a 2 MiB pool mapping removes the misses.
 */
class NicPresetTest {
    /** 1 Gb/s: 81 kpps, one packet every 12.3 µs — the control plane keeps up with per-packet map/unmap. */
    private static final double SLOW_LINE = 1e9;

    private static NicRig runRx(TimedIommuConfig iommu, UnmapPolicy policy, NicConfig config, long warmPackets,
                                long countedPackets) {
        NicRig r = new NicRig(7, iommu, policy, config);
        r.nic.start();
        while (r.counter("nic.rx.packets") < warmPackets) {
            r.rig.sim.runEvents(1);
        }
        r.rig.stats.reset();
        while (r.counter("nic.rx.packets") < countedPackets) {
            r.rig.sim.runEvents(1);
        }
        return r;
    }

    @Test
    void perPacketStrictUnmap_missesIotlbAtLeastOncePerBuffer() {
        NicConfig c = NicConfig.defaults().withRings(64, 0).withLineRate(SLOW_LINE);
        NicRig r = runRx(TimedIommuConfig.defaults(), UnmapPolicy.strictPolicy(), c, 256, 1024);
        long packets = r.counter("dev1.completed");
        long misses = r.counter("iommu.iotlb.misses");
        System.out.printf("strict per-packet: %d DMAs, %d IOTLB misses, %d dropped, %d stale uses%n", packets, misses,
                r.counter("nic.rx.dropped"), r.counter("iommu.stale-uses"));
        assertThat(packets).isGreaterThanOrEqualTo(1024);
        assertThat(misses).isGreaterThanOrEqualTo(packets);
        assertThat(r.counter("nic.rx.dropped")).isZero();
        assertThat(r.counter("iommu.stale-uses")).isZero();
    }

    @Test
    void perPacketLazyUnmap_keepsHittingTheDeferredEntries() {
        NicConfig c = NicConfig.defaults().withRings(64, 0).withLineRate(SLOW_LINE);
        NicRig r = runRx(TimedIommuConfig.defaults(), UnmapPolicy.defaults(), c, 256, 1024);
        long packets = r.counter("dev1.completed");
        long misses = r.counter("iommu.iotlb.misses");
        System.out.printf("lazy per-packet: %d DMAs, %d IOTLB misses, %d flushes%n", packets, misses,
                r.counter("cp.flush-queue.flushes"));
        assertThat(r.counter("iommu.walk.count")).as("entries survive until the flush queue drains")
                .isLessThan(packets / 2);
    }

    @Test
    void premappedPoolSmallerThanIotlb_hitsAfterWarmUp() {
        NicConfig c = NicConfig.defaults().withRings(64, 0).withLineRate(SLOW_LINE)
                .withDriver(NicConfig.Driver.PREMAPPED_POOL, PageSize.SIZE_4K);
        NicRig r = runRx(TimedIommuConfig.defaults(), UnmapPolicy.strictPolicy(), c, 256, 1024);
        System.out.printf("pool, 64 buffers, 2048-entry IOTLB: %d IOTLB misses%n", r.counter("iommu.iotlb.misses"));
        assertThat(r.counter("iommu.iotlb.misses")).isZero();
        assertThat(r.counter("cp.op.unmap.count")).isZero();
    }

    private static TimedIommuConfig smallLruIotlb() {
        TimedIommuConfig d = TimedIommuConfig.defaults();
        return d.withCaches(new CacheConfig(64, 0, "lru", true, d.iotlb().latencyPs()), d.pwc(), d.nestedTlb());
    }

    private static NicRig poolSweep(PageSize poolPages) {
        NicConfig c = NicConfig.defaults().withRings(128, 0).withDriver(NicConfig.Driver.PREMAPPED_POOL, poolPages);
        return runRx(smallLruIotlb(), UnmapPolicy.defaults(), c, 2 * 128, 10 * 128);
    }

    @Test
    void premappedRingLargerThanLruIotlb_missesEveryPacket() {
        NicRig r = poolSweep(PageSize.SIZE_4K);
        long lookups = r.counter("iommu.iotlb.lookups");
        long misses = r.counter("iommu.iotlb.misses");
        System.out.printf("pool 128 x 4 KiB, 64-entry LRU IOTLB, 100 Gb/s: %d lookups, %d misses, %d DMAs, %d dropped%n",
                lookups, misses, r.counter("dev1.completed"), r.counter("nic.rx.dropped"));
        assertThat(lookups).isGreaterThanOrEqualTo(8 * 128);
        // every data TLP misses; only the ring memory's DMAs (descriptors, MSI-X) may hit
        long ringDmas = r.counter("nic.rx.write-backs") + r.counter("nic.rx.descriptor-fetches")
                + r.counter("nic.rx.interrupts");
        assertThat(lookups - misses).isLessThanOrEqualTo(ringDmas);
        assertThat(misses).isGreaterThanOrEqualTo(lookups - ringDmas);
    }

    @Test
    void premappedRingOnTwoMegabytePages_removesTheMisses() {
        NicRig r = poolSweep(PageSize.SIZE_2M);
        long lookups = r.counter("iommu.iotlb.lookups");
        System.out.printf("pool on 2 MiB: %d lookups, %d misses%n", lookups, r.counter("iommu.iotlb.misses"));
        assertThat(lookups).isGreaterThanOrEqualTo(8 * 128);
        assertThat(r.counter("iommu.iotlb.misses")).isZero();
    }

    @Test
    void defaults_arriveAtLineRate() {
        NicConfig c = NicConfig.defaults();
        assertThat(c.packetsPerSecond()).isCloseTo(100e9 / (1538 * 8), org.assertj.core.data.Offset.offset(1.0));
        NicRig r = new NicRig(1, TimedIommuConfig.defaults(), UnmapPolicy.defaults(),
                c.withDriver(NicConfig.Driver.PREMAPPED_POOL, PageSize.SIZE_2M));
        r.nic.start();
        // Pinning the two 4 MiB pools takes ~205 µs each (1024 pages x 200 ns); count 100 µs after that.
        r.rig.sim.runUntil(500 * SimTime.US);
        r.rig.stats.reset();
        r.rig.sim.runUntil(600 * SimTime.US);
        System.out.printf("100 us at 100 Gb/s after warm-up: rx %d packets, %d dropped; tx %d packets; maps %d rejected %d, now %d%n",
                r.counter("nic.rx.packets"), r.counter("nic.rx.dropped"), r.counter("nic.tx.packets"), r.counter("cp.op.map.count"), r.counter("cp.op.map.rejected"), r.rig.sim.now());
        assertThat(r.counter("nic.rx.packets") + r.counter("nic.rx.dropped")).as("8130 pps x 100 us, +- in flight")
                .isBetween(800L, 830L);
        assertThat(r.counter("nic.tx.packets") + r.counter("nic.tx.dropped")).isBetween(800L, 830L);
    }
}

package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.LinkConfig;
import org.junit.jupiter.api.Test;

/**
 * DESIGN/issue 5: a cyclic sweep over more pages than a fully associative LRU IOTLB misses on
 * every page after warm-up (each page's reuse distance, 128, exceeds the 64 entries), and one
 * 2 MiB mapping covering the ring removes the misses.
 */
class CyclicSweepIotlbTest {
    private static final int RING = 128;

    private static DeviceRig sweep(PageSize size) {
        TimedIommuConfig d = TimedIommuConfig.defaults();
        TimedIommuConfig c = d.withCaches(new CacheConfig(64, 0, "lru", true, d.iotlb().latencyPs()), d.pwc(),
                d.nestedTlb());
        DeviceRig rig = new DeviceRig(3, c, 80 * SimTime.NS, LinkConfig.defaults(), 2L << 20, size);
        DmaEngine e = rig.device(DmaConfig.defaults(), new IssueMode.ClosedLoop(4),
                PatternSpec.of("cyclic", DeviceRig.BASE, RING * 4096L, 4096));
        e.start();
        // Warm-up: two laps; then (counters reset to zero) eight more laps are counted.
        while (rig.counter("dev1.completed") < 2 * RING) {
            rig.sim.runEvents(1);
        }
        rig.stats.reset();
        while (rig.counter("dev1.completed") < 8 * RING) {
            rig.sim.runEvents(1);
        }
        return rig;
    }

    @Test
    void cyclicRingLargerThanLruIotlb_missesEveryPage() {
        DeviceRig rig = sweep(PageSize.SIZE_4K);
        long lookups = rig.counter("iommu.iotlb.lookups");
        long misses = rig.counter("iommu.iotlb.misses");
        System.out.printf("4 KiB: %d IOTLB lookups, %d misses, %d device translations%n", lookups, misses,
                rig.counter("dev1.translations"));
        assertThat(lookups).isGreaterThanOrEqualTo(8 * RING);
        assertThat(misses).isEqualTo(lookups);
        assertThat(rig.counter("iommu.iotlb-served")).isZero();
    }

    @Test
    void twoMegabyteMapping_removesTheMisses() {
        DeviceRig rig = sweep(PageSize.SIZE_2M);
        long lookups = rig.counter("iommu.iotlb.lookups");
        System.out.printf("2 MiB: %d IOTLB lookups, %d misses%n", lookups, rig.counter("iommu.iotlb.misses"));
        assertThat(lookups).isGreaterThanOrEqualTo(8 * RING);
        assertThat(rig.counter("iommu.iotlb.misses")).isZero();
    }
}

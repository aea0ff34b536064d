package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.iommu.datapath.TranslationCallback;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;

/**
 * The data path allocates nothing in steady state: after a warm-up that grows every pool and
 * array to its working size, 200 000 more translations (IOTLB hits, walks with walk-cache hits
 * and misses, joins, back-pressure) allocate less than a small slack (JIT and histogram
 * resizing noise), far below one object per translation.
 */
class SteadyStateAllocationTest {
    private static final long SEED = 77;
    private static final int PAGES = 4096;

    private static final class Loop implements TranslationCallback {
        final TimedIommu iommu;
        final SplittableRandom rnd = new SplittableRandom(SEED);
        long left;

        Loop(TimedIommu iommu) {
            this.iommu = iommu;
        }

        void issue() {
            iommu.translate(1, 0, (long) rnd.nextInt(PAGES) << 12, Access.READ, 0, this);
        }

        @Override
        public void translated(long tag, boolean ok, long hpa, org.iommusim.hw.pagetable.FaultReason reason,
                               int stage, long latencyPs) {
            if (left-- > 0) {
                issue();
            }
        }
    }

    @Test
    void translations_allocateNothingInSteadyState() {
        TreeFixture f = new TreeFixture();
        int root = f.root(4);
        f.map(root, 0, 0x40_0000_0000L, (long) PAGES << 12, PageSize.SIZE_4K);
        f.attach(1, 0, root);
        TimedIommuConfig d = TimedIommuConfig.defaults();
        TimedIommuConfig c = d.withCaches(new CacheConfig(256, 4, "lru", true, d.iotlb().latencyPs()), d.pwc(),
                d.nestedTlb()).withWalkers(4).withInFlight(24, 16);
        TimedRig rig = new TimedRig(f, c, 80 * SimTime.NS);
        Loop loop = new Loop(rig.iommu);
        loop.left = 100_000;
        for (int i = 0; i < 32; i++) {
            loop.issue();
        }
        rig.sim.run();

        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        loop.left = 200_000;
        for (int i = 0; i < 32; i++) {
            loop.issue();
        }
        long before = mx.getThreadAllocatedBytes(tid);
        rig.sim.run();
        long allocated = mx.getThreadAllocatedBytes(tid) - before;

        System.out.printf("seed %d: %d bytes allocated over 200000 translations; walks %d, joined %d, "
                + "IOTLB served %d%n", SEED, allocated, rig.counter("walk.count"), rig.counter("walk.joined"),
                rig.counter("iotlb-served"));
        assertThat(rig.counter("walk.joined")).isPositive();
        assertThat(allocated).as("seed %d", SEED).isLessThan(64 * 1024);
    }
}

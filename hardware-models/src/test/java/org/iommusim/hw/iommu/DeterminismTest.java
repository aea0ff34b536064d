package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.results.Snapshot;
import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.hw.iommu.datapath.TranslationCallback;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;

/**
 * VALIDATION item 10 for this package: the same workload and seeds give an identical statistics
 * snapshot (every counter, histogram percentile and time-weighted mean), including a cache with
 * random replacement, which draws from its named stream.
 */
class DeterminismTest {
    private static final long SEED = 2024;

    private static Snapshot run() {
        TreeFixture f = new TreeFixture();
        int root = f.root(4);
        f.map(root, 0, 0x40_0000_0000L, 2048L << 12, PageSize.SIZE_4K);
        f.attach(1, 0, root);
        f.attach(2, 0, root);
        TimedIommuConfig d = TimedIommuConfig.defaults();
        TimedIommuConfig c = d.withCaches(new CacheConfig(128, 4, "random", true, d.iotlb().latencyPs()), d.pwc(),
                d.nestedTlb()).withWalkers(2).withInFlight(8, 4);
        TimedRig rig = new TimedRig(f, c, 80 * SimTime.NS);
        SplittableRandom rnd = new SplittableRandom(SEED);
        long[] left = {20_000};
        TranslationCallback[] again = new TranslationCallback[1];
        again[0] = (tag, ok, hpa, reason, stage, latency) -> {
            if (left[0]-- > 0) {
                rig.iommu.translate((int) tag, 0, (long) rnd.nextInt(2048) << 12, Access.READ, tag, again[0]);
            }
        };
        for (int i = 0; i < 12; i++) {
            int device = 1 + i % 2;
            rig.iommu.translate(device, 0, (long) rnd.nextInt(2048) << 12, Access.READ, device, again[0]);
        }
        rig.sim.run();
        return rig.stats.snapshot();
    }

    @Test
    void sameSeeds_giveIdenticalStatistics() {
        Snapshot a = run();
        Snapshot b = run();

        assertThat(a.values()).as("seed %d", SEED).hasSizeGreaterThan(50);
        assertThat(b).as("seed %d", SEED).isEqualTo(a);
    }
}

package org.iommusim.hw.iommu.datapath;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.datapath.TwinIommus.Dma;
import org.iommusim.hw.iommu.datapath.TwinIommus.Side;
import org.junit.jupiter.api.Test;

/**
 * The IOMMU's events through {@link org.iommusim.core.kernel.TimeBatch}es — IOTLB misses found one
 * lookup latency after their lookups ({@link IommuUnits#misses}), the walks' planned delays
 * ({@link WalkUnits#steps}), the memory model's read completions: those of one instant from one
 * kernel event — against each on its own kernel event ({@code -Diommusim.timeBatches=false}): on the
 * random workloads and configurations of {@link TwinIommus} (TLPs sent in runs or one by one), the
 * callbacks come in the same order at the same instants and every statistic ends the same. (That a
 * batch fires in the kernel's own order whatever else happens at the instant is
 * {@code TimeBatchTest}'s.)
 */
class TimeBatchesTest {

    /** A side whose misses are each scheduled on their own, as before the batch. */
    private static Side unbatched(TimedIommuConfig c) {
        System.setProperty("iommusim.timeBatches", "false");
        try {
            return new Side(c);
        } finally {
            System.clearProperty("iommusim.timeBatches");
        }
    }

    @Test
    void batchedEvents_matchEventsOnTheirOwn_onRandomWorkloadsAndConfigurations() {
        long fresh = System.nanoTime();
        long[] seeds = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, fresh};
        long batched = 0;
        for (long seed : seeds) {
            System.out.println("TimeBatchesTest seed " + seed);
            Random r = new Random(seed);
            TimedIommuConfig c = TwinIommus.config(r);
            Side plain = unbatched(c);
            Side viaBatch = new Side(c);
            List<Dma> dmas = TwinIommus.randomDmas(r);
            boolean runs = r.nextBoolean();
            TwinIommus.drive(plain, runs, viaBatch, runs, dmas, r, true);
            assertThat(viaBatch.log).as("seed %d: taken in", seed).isEqualTo(plain.log);
            assertThat(viaBatch.back).as("seed %d: handed back", seed).isEqualTo(plain.back);
            assertThat(viaBatch.statistics()).as("seed %d: statistics", seed).isEqualTo(plain.statistics());
            assertThat(viaBatch.sim.now()).isEqualTo(plain.sim.now());
            assertThat(plain.iommu.missesBatched()).isZero();
            System.out.println("  misses batched " + viaBatch.iommu.missesBatched() + ", events "
                    + plain.sim.eventsExecuted() + " -> " + viaBatch.sim.eventsExecuted());
            batched += viaBatch.iommu.missesBatched();
        }
        assertThat(batched).as("misses that went through the batch (the fast path was taken)").isPositive();
    }
}

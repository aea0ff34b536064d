package org.iommusim.hw.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.nesting.Nesting;
import org.junit.jupiter.api.Test;

/**
 * The {@code gpa-churn} crossover question (seed thread: "how to efficiently mix map/unmap on
 * the GPA when there are SW nested levels below it"): the host remaps the 512 pinned DMA
 * buffer pages (2 MiB of guest memory) at 2, 8 and 32 × that region per second for 20 ms, under
 * hardware and under software nesting (seed 11, 2 host cores, strict invalidation).
 * <ul>
 *   <li>Both run the same remaps (same functional churn).</li>
 *   <li>Software nesting: each remap's unmap removes the shadow entry derived from the page and
 *       its map re-derives it through the reverse map — 2 reverse-map entries and 2 shadow PTE
 *       writes per remap — so the shadow-maintenance CPU time (software minus hardware, same
 *       operations otherwise) grows in proportion to the churn rate (tolerance 15 %).</li>
 *   <li>Hardware nesting: no shadow maintenance at any rate (zero), and the CPU per remap is
 *       flat across rates (within 1 %); a parent change is one child-domain flush instead.</li>
 * </ul>
 * Figures (default cost model): 2.32 µs of host CPU per remap in hardware nesting, +40 ns of
 * shadow maintenance per remap in software nesting.
 */
class ParentChurnSweepTest {
    private static final long RUN = 20 * SimTime.MS;
    private static final double[] FRACTIONS = {2, 8, 32};

    record Point(long remaps, long rejected, long cpuPs, long rmapEntries, long shadowWrites, long domainFlushes) {
        double cpuPerRemap() {
            return cpuPs / (double) remaps;
        }
    }

    static Point run(Nesting nesting, double fraction) {
        NestingRig rig = new NestingRig(11, nesting, false, 2);
        ControlWorkload churn = rig.workload(ParentChurnConfig.defaults(rig.parent, NestingRig.DMA_GPA,
                NestingRig.PINNED_PAGES * 4096L, NestingRig.HPA + NestingRig.DMA_GPA, NestingRig.ALT_HPA)
                .withFraction(fraction), "churn");
        churn.start();
        rig.sim.runUntil(RUN);
        churn.stop();
        rig.sim.run();
        Point p = new Point(rig.counter("churn.pages-remapped"), churn.stats().rejected(), rig.controlCpuPs(),
                rig.counter("cp.shadow.rmap-entries"), rig.counter("cp.shadow.ptes-written"),
                rig.counter("iommu.invalidation.parent-change-flushes"));
        System.out.printf("%s churn %.0f/s: %s, %.0f ps CPU per remap%n", nesting.configName(), fraction, p,
                p.cpuPerRemap());
        return p;
    }

    @Test
    void parentChurnCost_growsWithRateUnderSoftwareNesting_flatUnderHardwareNesting() {
        Point[] hw = new Point[FRACTIONS.length];
        Point[] sw = new Point[FRACTIONS.length];
        long[] extra = new long[FRACTIONS.length];
        for (int i = 0; i < FRACTIONS.length; i++) {
            hw[i] = run(Nesting.HARDWARE, FRACTIONS[i]);
            sw[i] = run(Nesting.SOFTWARE, FRACTIONS[i]);
            assertThat(sw[i].remaps()).as("same churn").isEqualTo(hw[i].remaps()).isPositive();
            assertThat(hw[i].rejected()).isZero();
            assertThat(sw[i].rejected()).isZero();
            assertThat(sw[i].rmapEntries()).as("one derived entry removed, one re-derived")
                    .isEqualTo(2 * sw[i].remaps());
            assertThat(sw[i].shadowWrites()).isEqualTo(2 * sw[i].remaps());
            assertThat(hw[i].rmapEntries() + hw[i].shadowWrites()).as("no shadow under hardware nesting").isZero();
            assertThat(hw[i].domainFlushes()).as("a parent unmap flushes the nested child")
                    .isEqualTo(hw[i].remaps());
            extra[i] = sw[i].cpuPs() - hw[i].cpuPs();
            assertThat(extra[i]).as("shadow maintenance costs host CPU").isPositive();
        }
        for (int i = 1; i < FRACTIONS.length; i++) {
            double rateRatio = sw[i].remaps() / (double) sw[0].remaps();
            assertThat(rateRatio).as("the sweep's rates").isCloseTo(FRACTIONS[i] / FRACTIONS[0],
                    within(0.15 * FRACTIONS[i] / FRACTIONS[0]));
            assertThat(extra[i] / (double) extra[0]).as("shadow cost proportional to churn")
                    .isCloseTo(rateRatio, within(0.15 * rateRatio));
            assertThat(hw[i].cpuPerRemap()).as("hardware nesting: per-remap cost flat")
                    .isCloseTo(hw[0].cpuPerRemap(), within(0.01 * hw[0].cpuPerRemap()));
        }
    }
}

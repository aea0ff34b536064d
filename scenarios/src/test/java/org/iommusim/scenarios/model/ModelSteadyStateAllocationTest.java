package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import org.iommusim.scenarios.bench.ModelBench;
import org.iommusim.scenarios.bench.ModelWorkload;
import org.iommusim.scenarios.config.EffectiveConfig;
import org.iommusim.scenarios.schema.Scenario;
import org.junit.jupiter.api.Test;

/**
 * Allocation in steady state of the three `bench model` workloads (issue 20): a whole model
 * (devices, links, the IOMMU, its control plane with guest edits, shadow syncs, range
 * invalidations and parent remaps, statistics) runs a first three quarters of its simulated time
 * that grow every pool, scratch buffer and busy histogram's dense counts to their working size;
 * then the bytes the simulating thread allocates over the last quarter are divided by that
 * quarter's translations. Time series are off ({@code sampling=0ps}): they are output that grows
 * with simulated time, not with translations.
 *
 * <p>The data path allocates nothing per translation (bound: slack for one-off growth). The
 * control plane of shadow-churn makes its operations' changes into each operation's reusable
 * {@code EffectsBuilder} and reports to the workloads through {@code Status} callbacks (no
 * {@code Result}, {@code Effects} or shadow-sync records), interns the range invalidations it
 * hands to the invalidation queue, and its workloads reuse their invalidation requests; what is
 * left per operation is the guest table's edit results ({@code GuestEdit}, its {@code Result} and
 * message lambdas) and parent-change invalidations that do not recur: 1.35 bytes per translation in session 9
 * (2.5 before; 9.8 before session 8's scratch buffers and pooled operations).
  */
class ModelSteadyStateAllocationTest {
    /** Bytes per translation the last quarter may allocate on the data path (one-off growth only). */
    private static final double DATA_PATH_BOUND = 0.5;
    /** Bytes per translation of shadow-churn: the guest table edits' results, nothing per translation. */
    private static final double SHADOW_CHURN_BOUND = 2.0;

    @Test
    void iotlbHit_allocatesNothingPerTranslationInSteadyState() {
        assertSteady("iotlb-hit", "duration=4ms", DATA_PATH_BOUND);
    }

    @Test
    void nestedMiss_allocatesNothingPerTranslationInSteadyState() {
        assertSteady("nested-miss", "duration=8ms", DATA_PATH_BOUND);
    }

    @Test
    void shadowChurn_allocatesOnlyTheGuestEditsResults() {
        assertSteady("shadow-churn", "duration=10ms", SHADOW_CHURN_BOUND);
    }

    private static void assertSteady(String workload, String duration, double bound) {
        EffectiveConfig<Scenario> config = ModelBench.load(ModelWorkload.named(workload).orElseThrow(),
                List.of(duration, "sampling=0ps"));
        Assembly a = new Assembly(config.value(), Path.of("."), new Located(config), config.value().seed(), 0);
        long warm = config.value().duration() * 3 / 4;
        long[] marks = {0, -1, 0}; // simulated time so far, then bytes and translations when it passed warm
        long[] end = new long[2];
        a.run(new Assembly.Monitor() {
            @Override
            public void progressed(long simulatedPs, long events) {
                marks[0] += simulatedPs;
                if (marks[1] < 0 && marks[0] >= warm) {
                    marks[1] = allocatedBytes();
                    marks[2] = a.translationsRequested();
                }
                end[0] = allocatedBytes();
                end[1] = a.translationsRequested();
            }
        });
        long bytes = end[0] - marks[1];
        long translations = end[1] - marks[2];
        double perTranslation = bytes / (double) Math.max(1, translations);
        System.out.printf("%s: %d bytes over the last quarter's %d translations = %.3f B per translation%n",
                workload, bytes, translations, perTranslation);
        assertThat(translations).as(workload).isGreaterThan(10_000);
        assertThat(perTranslation).as("%s: bytes per translation in steady state", workload).isLessThan(bound);
    }

    /** Looked up once: each lookup through ManagementFactory allocates (streams over the platform beans). */
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}

package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.SplittableRandom;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.LinkConfig;
import org.junit.jupiter.api.Test;

/**
 * Replaying a trace through a driven engine allocates nothing per request in steady state:
 * after 150 000 of 300 000 records (pools grown, including requests waiting for tags), the
 * rest allocate less than a small slack.
 */
class TraceReplayAllocationTest {
    private static final int RECORDS = 600_000;
    @Test
    void replay_allocatesNothingInSteadyState() {
        long seed = 8;
        SplittableRandom random = new SplittableRandom(seed);
        Trace trace = new Trace();
        long t = 0;
        for (int i = 0; i < RECORDS; i++) {
            t += random.nextLong(800 * SimTime.NS);
            trace.add(t, DeviceRig.DEVICE, 0, DeviceRig.BASE + random.nextLong(4096) * 4096, 4096,
                    random.nextBoolean() ? Access.READ : Access.WRITE, i + 1);
        }
        DeviceRig rig = new DeviceRig(seed, TimedIommuConfig.defaults(), 80 * SimTime.NS, LinkConfig.defaults(),
                4096L * 4096, PageSize.SIZE_4K);
        DmaEngine e = new DmaEngine(rig.sim, rig.stats, rig.streams, "dev1", DeviceRig.DEVICE,
                DmaConfig.defaults().withMaxOutstanding(2), new IssueMode.Driven(), null, rig.iommu, rig.link);
        e.start();
        TraceReplay replay = new TraceReplay(rig.sim, trace, Map.of(DeviceRig.DEVICE, e), "generated");
        replay.start();
        // warm-up: per-TLP translation keeps the pools and histograms growing for a while
        while (replay.submitted() < RECORDS - 50_000) {
            rig.sim.runEvents(1000);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        rig.sim.run();
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        System.out.printf("seed %d: %d bytes allocated over the last 50000 records; backlog mean %.2f%n", seed,
                allocated, ((org.iommusim.core.stats.TimeWeighted) rig.stats.get("dev1.backlog")).mean());
        assertThat(replay.finished()).isTrue();
        assertThat(rig.counter("dev1.completed")).isEqualTo(RECORDS);
        assertThat(allocated).as("seed %d", seed).isLessThan(64 * 1024);
    }
}

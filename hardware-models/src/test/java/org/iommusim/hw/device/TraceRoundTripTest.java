package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.LinkConfig;
import org.junit.jupiter.api.Test;

/**
 * Issue 5: a trace recorded from a synthetic run ({@link TraceWriter}) and replayed
 * ({@link TraceReplay}) on an identical model gives the same statistics — every counter,
 * histogram and tally of the device, link and IOMMU — as the run that produced it. The run is an
 * open-loop Poisson source with mixed reads and writes, unaligned 6 KiB requests and only 4 tags,
 * so requests also wait for tags.
 */
class TraceRoundTripTest {
    private static final long PAGES = 2048;
    private static final long RUN = 2 * SimTime.MS;

    private static DeviceRig rig(long seed) {
        return new DeviceRig(seed, TimedIommuConfig.defaults(), 80 * SimTime.NS, LinkConfig.defaults(),
                PAGES * 4096, PageSize.SIZE_4K);
    }

    private static DmaConfig config() {
        return DmaConfig.defaults().withReadFraction(0.6).withRequestBytes(6144).withMaxOutstanding(4);
    }

    /** Scalars of every statistic but the backlog (the synthetic run drops arrivals still waiting at its end). */
    private static Map<String, Double> scalars(DeviceRig rig) {
        Map<String, Double> m = new TreeMap<>(rig.stats.snapshot().scalars());
        m.keySet().removeIf(k -> k.startsWith("dev1.backlog"));
        return m;
    }

    @Test
    void replayOfRecordedRun_givesSameStatistics() {
        long seed = 17;
        DeviceRig synthetic = rig(seed);
        DmaEngine source = synthetic.device(config(), new IssueMode.OpenLoop(2_500_000, true),
                PatternSpec.of("uniform", DeviceRig.BASE + 1024, (PAGES - 2) * 4096, 6144 / 3));
        StringBuilder text = new StringBuilder();
        TraceWriter writer = new TraceWriter(text, 0);
        source.setListener(writer);
        source.start();
        synthetic.sim.runUntil(RUN);
        source.stop();
        synthetic.sim.run();

        Trace trace = TraceReader.parse(text.toString(), "recorded.csv");
        assertThat(trace.size()).isEqualTo(writer.records()).isEqualTo(synthetic.counter("dev1.issued"));
        DeviceRig replayed = rig(seed);
        DmaEngine target = new DmaEngine(replayed.sim, replayed.stats, replayed.streams, "dev1", DeviceRig.DEVICE,
                config(), new IssueMode.Driven(), null, replayed.iommu, replayed.link);
        target.start();
        new TraceReplay(replayed.sim, trace, Map.of(DeviceRig.DEVICE, target), "recorded.csv").start();
        replayed.sim.run();

        Map<String, Double> a = scalars(synthetic);
        Map<String, Double> b = scalars(replayed);
        System.out.printf("seed %d: %d requests recorded, %.0f completed, %.0f IOTLB misses, mean latency %.1f ns,"
                + " max backlog wait visible in latency p99 %.1f ns%n", seed, trace.size(), a.get("dev1.completed"),
                a.get("iommu.iotlb.misses"), source.stats().meanLatencyPs() / 1e3,
                source.stats().dmaLatency().percentile(99) / 1e3);
        assertThat(a.get("dev1.completed")).as("seed %d", seed).isGreaterThan(3000);
        double waiting = ((org.iommusim.core.stats.TimeWeighted) synthetic.stats.get("dev1.backlog")).mean();
        assertThat(waiting).as("some requests waited for a tag").isPositive();
        assertThat(synthetic.counter("dev1.translations")).isGreaterThan(synthetic.counter("dev1.completed"));
        assertThat(b).as("seed %d", seed).isEqualTo(a);
    }
}

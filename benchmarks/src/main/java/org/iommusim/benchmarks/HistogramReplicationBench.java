package org.iommusim.benchmarks;

import java.util.SplittableRandom;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.results.StatValue;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The statistics' two costs outside one busy histogram's record (docs/PERFORMANCE.md,
 * "Statistics, round 4"). Only public API, so the same file builds against older commits:
 * <ul>
 *   <li>{@code replication}: what a short catalog replication does with one histogram — a fresh
 *   registry's histogram records {@code values} values spread over ~{@code buckets} buckets
 *   (0.1-30 µs in picoseconds, as a device's latencies), then its snapshot is taken. With
 *   HdrHistogram's packed storage this was array growth while recording and again while the
 *   snapshot copied it. ns per replication histogram.</li>
 *   <li>{@code churnRecords}: shadow churn's per-translation records into four busy histograms
 *   in turn (translation latency, the IOMMU's per-device latency — the same value —, admission
 *   wait, a PCIe link's wait), each spread over thousands of buckets, so their counts compete
 *   for the caches. ns per translation (four records).</li>
 * </ul>
 */
public class HistogramReplicationBench extends BenchSetup {
    private static final int VALUES = 1 << 16;

    @Param({"200", "20000"})
    public int values;

    private final long[] latencies = new long[VALUES];
    private final long[] waits = new long[VALUES];
    private final long[] linkWaits = new long[VALUES];
    private int next;
    private Simulator sim;
    private LatencyHistogram translation;
    private LatencyHistogram device;
    private LatencyHistogram admission;
    private LatencyHistogram link;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(13);
        for (int i = 0; i < VALUES; i++) {
            latencies[i] = 150_000 + (long) Math.exp(rnd.nextDouble(Math.log(30_000_000)));
            waits[i] = rnd.nextInt(4) == 0 ? 0 : (long) Math.exp(rnd.nextDouble(Math.log(20_000_000)));
            linkWaits[i] = rnd.nextLong(12_000_000);
        }
        sim = new Simulator();
        StatsRegistry stats = new StatsRegistry(sim);
        translation = stats.histogram("dev.d0.translation-latency", "ps", "d");
        device = stats.histogram("iommu.device0.latency", "ps", "d");
        admission = stats.histogram("iommu.admission.wait", "ps", "d");
        link = stats.histogram("dev.d0.link.up.wait-histogram", "ps", "d");
        for (int i = 0; i < 3 * VALUES; i++) { // busy: dense counts granted, every bucket touched
            churnRecords();
        }
    }

    /** A fresh histogram records {@code values} spread latencies; then its snapshot. */
    @Benchmark
    public StatValue replication() {
        LatencyHistogram h = new StatsRegistry(sim).histogram("dev.d0.translation-latency", "ps", "d");
        int n = values;
        int start = next;
        for (int i = 0; i < n; i++) {
            h.record(latencies[(start + i) & (VALUES - 1)]);
        }
        next = start + n;
        return h.snapshot();
    }

    /** One translation's records into the four busy histograms. */
    @Benchmark
    public void churnRecords() {
        int i = next++ & (VALUES - 1);
        long latency = latencies[i];
        translation.record(latency);
        device.record(latency);
        admission.record(waits[i]);
        link.record(linkWaits[i]);
    }
}

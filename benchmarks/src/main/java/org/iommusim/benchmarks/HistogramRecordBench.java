package org.iommusim.benchmarks;

import java.util.SplittableRandom;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.resource.Client;
import org.iommusim.core.resource.FifoServer;
import org.iommusim.core.resource.ServerConfig;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The statistics' data-path cost: one {@link LatencyHistogram#record(long)} of a busy histogram
 * (dense counts granted, as the registry does for the first busy ones), and one request and
 * release of a {@link FifoServer} slot that is free (an immediate grant: a zero wait into the
 * wait tally and histogram, the time in system into its tally, four time-weighted updates).
 * Values come from a 64 Ki-entry array drawn in {@code @Setup}, shaped like what
 * {@code bench model --workload shadow-churn} records (docs/PERFORMANCE.md):
 * {@code runs} — translation latencies, 0.15-30 µs in picoseconds over ~4,000 buckets, each
 * value repeated 1-4 times in a row (the TLPs of a run; ~27 % equal their predecessor);
 * {@code spread} — a PCIe link's waits, 0-12 µs, almost never the same twice;
 * {@code fixed} — one value (a walk's memory latency); {@code zero} — waits that did not happen.
 * How to read: ns per record or per request/release pair (lower is better).
 */
public class HistogramRecordBench extends BenchSetup {
    private static final int VALUES = 1 << 16;

    @Param({"runs", "spread", "fixed", "zero"})
    public String stream;

    private final long[] values = new long[VALUES];
    private int next;
    private LatencyHistogram histogram;
    private FifoServer server;
    private final Client client = (slot, waited) -> { };

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(9);
        for (int i = 0; i < VALUES; ) {
            long v;
            int repeat = 1;
            switch (stream) {
                case "runs" -> {
                    v = 150_000 + (long) Math.exp(rnd.nextDouble(Math.log(30_000_000)));
                    repeat = 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 4 : 1);
                }
                case "spread" -> v = rnd.nextLong(12_000_000);
                case "fixed" -> v = 92_500;
                case "zero" -> v = 0;
                default -> throw new IllegalArgumentException("stream " + stream);
            }
            for (int k = 0; k < repeat && i < VALUES; k++) {
                values[i++] = v;
            }
        }
        Simulator sim = new Simulator();
        StatsRegistry stats = new StatsRegistry(sim);
        histogram = stats.histogram("bench.latency", "ps", "recorded values");
        for (int i = 0; i < 10_000; i++) { // busy: dense counts granted
            histogram.record(values[i & (VALUES - 1)]);
        }
        server = new FifoServer(sim, stats, "bench.server", ServerConfig.unbounded(1));
    }

    /** Record the next value into the busy histogram. */
    @Benchmark
    public void record() {
        histogram.record(values[next++ & (VALUES - 1)]);
    }

    /** Take the free slot (granted at once, no wait) and release it. */
    @Benchmark
    public int requestAndRelease() {
        server.request(client);
        server.release(0);
        return server.busy();
    }
}

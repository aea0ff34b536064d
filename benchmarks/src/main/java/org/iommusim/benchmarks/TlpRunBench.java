package org.iommusim.benchmarks;

import java.util.SplittableRandom;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.iommu.PipelineConfig;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.datapath.PteMemory;
import org.iommusim.hw.iommu.datapath.RunCallback;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.memtiming.MemoryConfig;
import org.iommusim.hw.memtiming.MemoryModel;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.pcie.Tlps;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Runs of TLPs (issue 20, session 9): one operation is one 64 KiB read of {@value #TLPS} request
 * TLPs of 512 B whose 16 pages are all in the IOTLB, translated from arrival to hand-back with the
 * simulator run until all are delivered — the bench model's iotlb-hit workload without devices and
 * link. {@code runs} = {@code true}: each page's 8 TLPs go in with one
 * {@link TimedIommu#translateRun} (the first is looked up, the rest join it); {@code false}: 128
 * {@link TimedIommu#translate} calls, TLP by TLP (the path before). Both with the in-order
 * pipeline and 16 in-flight slots per device (the defaults of a scenario), so 112 of the 128 TLPs
 * wait for admission. How to read: ns per TLP translation (the score divides by {@value #TLPS});
 * the tear-down prints the translations delivered and how many travelled in runs.
 */
public class TlpRunBench extends BenchSetup {
    static final int TLPS = 128;
    private static final int TLP_BYTES = 512;
    private static final int PAGES = 64;
    private static final int DMAS = 1 << 12;
    private static final int DEVICE = 1;

    @Param({"true", "false"})
    public boolean runs;

    private Simulator sim;
    private TimedIommu iommu;
    private final long[] starts = new long[DMAS];
    private int next;
    private long delivered;
    private final RunCallback done = new RunCallback() {
        @Override
        public void translated(long tag, boolean ok, long hpa, FaultReason reason, int stage, long latencyPs) {
            if (!ok) {
                throw new IllegalStateException("TLP " + tag + " faulted: the mapping is wrong");
            }
            delivered++;
        }

        @Override
        public void acceptedRun(long firstTag, int count) {
        }

        @Override
        public void translatedRun(long firstTag, int count, long latencyPs) {
            delivered += count;
        }
    };

    @Setup(Level.Trial)
    public void setUp() {
        ControlPlane cp = new ControlPlane();
        mapRoot(cp, PAGES + 16, 1L << 40, DEVICE);
        sim = new Simulator();
        StatsRegistry stats = new StatsRegistry(sim);
        RandomStreams streams = new RandomStreams(42, 0);
        MemoryModel memory = new MemoryModel(sim, stats, streams, "mem", MemoryConfig.fixed(100_000));
        iommu = new TimedIommu(TimedIommuConfig.defaults().withPipeline(new PipelineConfig(true, 0, 5, 0, 0, true)),
                sim, stats, streams, cp, PteMemory.of(memory), "iommu");
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < DMAS; i++) {
            starts[i] = (long) rnd.nextInt(PAGES) << 12;
        }
        for (int p = 0; p < PAGES + 16; p++) { // every page cached: the measured reads only hit
            iommu.translate(DEVICE, 0, (long) p << 12, Access.READ, p, done);
        }
        sim.run();
    }

    /** One read's 128 TLPs, all arriving now, translated and handed back. */
    @Benchmark
    @OperationsPerInvocation(TLPS)
    public long read() {
        long start = starts[next++ & (DMAS - 1)];
        for (int i = 0; i < TLPS; ) {
            int n = runs ? Tlps.inSamePage(start, TLP_BYTES, i, TLPS) : 1;
            iommu.translateRun(DEVICE, 0, Tlps.start(start, TLP_BYTES, i), TLP_BYTES, n, Access.READ, i, done);
            i += n;
        }
        sim.run();
        return delivered;
    }

    @TearDown(Level.Trial)
    public void report() {
        System.out.printf("%n[tlp runs %s] translations delivered %,d, in runs %,d%n", runs, delivered,
                iommu.tlpsInRuns());
    }
}

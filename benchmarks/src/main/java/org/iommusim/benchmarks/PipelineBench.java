package org.iommusim.benchmarks;

import java.util.SplittableRandom;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.iommu.PipelineConfig;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.datapath.PteMemory;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.iommu.datapath.TranslationCallback;
import org.iommusim.hw.memtiming.MemoryConfig;
import org.iommusim.hw.memtiming.MemoryModel;
import org.iommusim.hw.pagetable.Access;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The timed IOMMU's per-device pipeline ({@code DevicePipelines} behind {@link TimedIommu}): one
 * operation is one DMA of {@value #TLPS} read TLPs of 512 bytes (a 16 KiB read at MRRS 512, four
 * 4 KiB pages) translated from arrival to hand-back, with the simulator run until all are
 * delivered — admission, IOTLB lookup, walks (fixed 100 ns PTE reads, 4-level table), walk joins
 * and the reorder buffer, i.e. the path per-TLP translation multiplied.
 *
 * <p>Parameters: {@code order} = {@code in-order} (translations leave in arrival order, 2 miss
 * slots per device, head-of-line stall) or {@code out-of-order} (the defaults: unlimited);
 * {@code pages} = the working set the DMAs draw their first page from (256: IOTLB hits after the
 * first round; 65536: mostly misses against the 2048-entry IOTLB). Per-device in-flight bound: the
 * default of {@link TimedIommuConfig#defaults()}. How to read: ns per TLP translation (the score
 * divides by {@value #TLPS}); the tear-down prints the translations delivered as a check.
 */
public class PipelineBench extends BenchSetup {
    static final int TLPS = 32;
    private static final int TLP_BYTES = 512;
    private static final int MAPPED_PAGES = 1 << 16;
    private static final int DMAS = 1 << 14;
    private static final long HPA_BASE = 1L << 40;
    private static final int DEVICE = 1;

    @Param({"in-order", "out-of-order"})
    public String order;

    @Param({"256", "65536"})
    public int pages;

    private Simulator sim;
    private TimedIommu iommu;
    private final long[] starts = new long[DMAS];
    private int next;
    private long delivered;
    private long failed;
    private final TranslationCallback done = (tag, ok, hpa, reason, stage, latency) -> {
        delivered++;
        if (!ok) {
            failed++;
        }
    };

    @Setup(Level.Trial)
    public void setUp() {
        PipelineConfig pipeline = switch (order) {
            case "in-order" -> new PipelineConfig(true, 0, 2, 0, 0, true);
            case "out-of-order" -> PipelineConfig.defaults();
            default -> throw new IllegalArgumentException("order must be in-order or out-of-order, got " + order);
        };
        ControlPlane cp = new ControlPlane();
        mapRoot(cp, MAPPED_PAGES, HPA_BASE, DEVICE);
        sim = new Simulator();
        StatsRegistry stats = new StatsRegistry(sim);
        RandomStreams streams = new RandomStreams(42, 0);
        MemoryModel memory = new MemoryModel(sim, stats, streams, "mem", MemoryConfig.fixed(100_000));
        iommu = new TimedIommu(TimedIommuConfig.defaults().withPipeline(pipeline), sim, stats, streams, cp,
                PteMemory.of(memory), "iommu");
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < DMAS; i++) {
            starts[i] = (long) rnd.nextInt(Math.min(pages, MAPPED_PAGES - 4)) << 12;
        }
    }

    /** One DMA's TLPs, all arriving now, translated and handed back. */
    @Benchmark
    @OperationsPerInvocation(TLPS)
    public long dma() {
        long start = starts[next++ & (DMAS - 1)];
        for (int i = 0; i < TLPS; i++) {
            iommu.translate(DEVICE, 0, start + (long) i * TLP_BYTES, Access.READ, i, done);
        }
        sim.run();
        return delivered;
    }

    @TearDown(Level.Trial)
    public void report() {
        System.out.printf("%n[pipeline %s, %d pages] translations delivered %,d, faulted %,d%n", order, pages,
                delivered, failed);
        if (failed > 0) {
            throw new IllegalStateException(failed + " translations faulted: the mapping is wrong");
        }
    }
}

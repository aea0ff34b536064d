package org.iommusim.hw.iommu;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.iommu.datapath.PteMemory;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.iommu.datapath.TranslationCallback;
import org.iommusim.hw.memtiming.MemoryConfig;
import org.iommusim.hw.memtiming.MemoryModel;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.testing.TreeFixture;

/** A timed IOMMU over a {@link TreeFixture}, with a fixed memory latency and a completion log. */
final class TimedRig {
    static final String P = "iommu";

    /** One completed translation. */
    record Done(long tag, boolean ok, long hpa, FaultReason reason, int stage, long latency, long at) {
    }

    final TreeFixture f;
    final Simulator sim = new Simulator();
    final StatsRegistry stats = new StatsRegistry(sim);
    final TimedIommu iommu;
    final List<Done> done = new ArrayList<>();
    private final TranslationCallback log = (tag, ok, hpa, reason, stage, latency) ->
            done.add(new Done(tag, ok, hpa, reason, stage, latency, sim.now()));

    TimedRig(TreeFixture f, TimedIommuConfig config, long memoryLatencyPs) {
        this.f = f;
        RandomStreams streams = new RandomStreams(42, 0);
        MemoryModel mem = new MemoryModel(sim, stats, streams, "mem", MemoryConfig.fixed(memoryLatencyPs));
        this.iommu = new TimedIommu(config, sim, stats, streams, f.cp, PteMemory.of(mem), P);
    }

    TimedRig(TreeFixture f, TimedIommuConfig config, PteMemory memory) {
        this.f = f;
        this.iommu = new TimedIommu(config, sim, stats, new RandomStreams(42, 0), f.cp, memory, P);
    }

    void translate(int device, long iova, long tag) {
        iommu.translate(device, 0, iova, Access.READ, tag, log);
    }

    /** Translates one DMA of PASID {@code pasid} and runs until it is done; returns its record. */
    Done translateNow(int device, int pasid, long iova) {
        int before = done.size();
        iommu.translate(device, pasid, iova, Access.READ, before, log);
        sim.run();
        return done.get(before);
    }

    /** Translates one DMA and runs until it is done; returns its record. */
    Done translateNow(int device, long iova) {
        int before = done.size();
        translate(device, iova, before);
        sim.run();
        return done.get(before);
    }

    long counter(String name) {
        return ((org.iommusim.core.stats.Counter) stats.get(P + "." + name)).get();
    }

    LatencyHistogram histogram(String name) {
        return (LatencyHistogram) stats.get(P + "." + name);
    }

    /** Longest walk so far (exact: the walker's time-in-system tally, request to release). */
    long walkTimeMax() {
        return (long) ((org.iommusim.core.stats.Tally) stats.get(P + ".walker.time-in-system")).max();
    }

    /** PTE memory reads so far (all stages and levels). */
    long reads() {
        long n = 0;
        for (int stage = 1; stage <= 2; stage++) {
            for (int level = 1; level <= 5; level++) {
                n += iommu.pteReads(stage, level);
            }
        }
        return n;
    }

    /** Translates one DMA, runs to completion, returns the PTE memory reads it caused. */
    long readsFor(int device, long iova) {
        long before = reads();
        translateNow(device, iova);
        return reads() - before;
    }
}

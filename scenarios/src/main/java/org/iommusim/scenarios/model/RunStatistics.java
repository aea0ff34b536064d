package org.iommusim.scenarios.model;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.device.DmaEngine;
import org.iommusim.hw.ioasid.RmapFootprint;
import org.iommusim.hw.iommu.fault.FaultQueue;
import org.iommusim.hw.iommu.control.OpStats;
import org.iommusim.hw.iommu.control.TimedControlPlane;

/**
 * The model-wide headline statistics under {@code run.}, the ones reports compare across
 * variants: DMA throughput and translations per second over the measured window, translation and
 * DMA latency over all devices (histogram sums, free on the data path), IOTLB hit ratio, PTE
 * reads per walk, stale uses, faults, control-plane CPU time; and two time series, the IOTLB hit
 * ratio and the walk rate per sampling period; and, when a software shadow exists, the
 * reverse maps' memory footprint. Everything is read from the components'
 * own statistics, so nothing here touches the data path.
 */
final class RunStatistics {
    /** The time series a replication registers (both below; the memory estimate counts their samples). */
    static final int TIME_SERIES = 2;
    private final Simulator sim;
    private final long measureStart;
    private final List<DmaEngine> engines;
    private final Counter lookups;
    private final Counter hits;
    private final Counter walks;
    private long lastLookups;
    private long lastHits;
    private long lastWalks;
    private long lastTime;

    RunStatistics(Wiring w, List<DmaEngine> engines, long measureStart, FaultQueue faultq) {
        this.sim = w.sim();
        this.measureStart = measureStart;
        this.engines = List.copyOf(engines);
        StatsRegistry s = w.stats();
        lookups = (Counter) s.get("iommu.iotlb.lookups");
        hits = (Counter) s.get("iommu.iotlb.hits");
        walks = (Counter) s.get("iommu.walk.count");
        Counter staleUses = (Counter) s.get("iommu.stale-uses");
        LatencyHistogram pteReads = (LatencyHistogram) s.get("iommu.walk.pte-reads-per-walk");
        List<LatencyHistogram> translation = new ArrayList<>();
        List<LatencyHistogram> dma = new ArrayList<>();
        for (DmaEngine e : engines) {
            translation.add(e.stats().translationLatency());
            dma.add(e.stats().dmaLatency());
        }
        s.histogramSum("run.translation-latency", "ps", "latency of one translation (one per request TLP), all devices", translation);
        s.histogramSum("run.dma-latency", "ps", "DMA request arrival to completion or abort, all devices", dma);
        s.derived("run.dma-throughput", "bytes/s", "data bytes of completed DMAs per second, all devices",
                () -> perSecond(sum(Sum.BYTES)));
        s.derived("run.translations-per-second", "1/s", "translations (one per request TLP) per second, all devices",
                () -> perSecond(sum(Sum.TRANSLATIONS)));
        s.derived("run.dmas-completed", "requests", "DMA requests completed, all devices", () -> sum(Sum.COMPLETED));
        s.derived("run.dma-faults", "requests", "DMA requests aborted by a translation fault, all devices",
                () -> sum(Sum.ABORTED));
        s.derived("run.iotlb-hit-ratio", "ratio", "IOTLB hits per lookup",
                () -> lookups.get() == 0 ? Double.NaN : hits.get() / (double) lookups.get());
        s.derived("run.pte-reads-per-walk", "reads", "page-table memory reads per walk", pteReads::mean);
        s.derived("run.stale-uses", "translations", "DMA translations served from a cached entry whose source mapping "
                + "was removed or changed before the translation was requested (iommu.stale-uses: the definition)",
                staleUses::get);
        TimedControlPlane tcp = w.tcp();
        s.derived("run.control-cpu-time", "ps", "host CPU time of all control-plane operations, page requests, lazy"
                + " shadow fills and fault handling included", () -> {
            long t = faultq == null ? 0 : faultq.cpuTime();
            for (OpStats.Kind k : OpStats.Kind.values()) {
                t += tcp.stats().cpuTime(k);
            }
            return t;
        });
        footprint(s, w.spaces().controlPlane().reverseMapFootprint(), w.spaces().controlPlane().hasShadows());
        s.timeSeries("run.iotlb-hit-ratio.series", "ratio", "IOTLB hit ratio in each sampling period", this::windowHitRatio);
        s.timeSeries("run.walk-rate.series", "walks/s", "page walks per second in each sampling period", this::windowWalkRate);
    }

    /**
     * The reverse maps' host memory ({@code cp.shadow.rmap-footprint.*}), registered only when a
     * software shadow exists (a run without one has no reverse map to report).
     */
    private static void footprint(StatsRegistry s, RmapFootprint f, boolean shadows) {
        if (!shadows) {
            return;
        }
        String p = "cp.shadow.rmap-footprint.";
        s.derived(p + "entries", "entries", "reverse-map entries held at the end, all shadows", f::entries);
        s.derived(p + "bytes", "bytes", "host memory of the reverse maps at the end, all shadows", f::bytes);
        s.derived(p + "peak-entries", "entries", "most reverse-map entries held at once, all shadows",
                f::peakEntries);
        s.derived(p + "peak-bytes", "bytes", "most host memory the reverse maps took at once, all shadows",
                f::peakBytes);
    }

    private enum Sum { BYTES, TRANSLATIONS, COMPLETED, ABORTED }

    private long sum(Sum what) {
        long n = 0;
        for (DmaEngine e : engines) {
            n += switch (what) {
                case BYTES -> e.stats().bytes();
                case TRANSLATIONS -> e.stats().translations();
                case COMPLETED -> e.stats().completed();
                case ABORTED -> e.stats().aborted();
            };
        }
        return n;
    }

    /** The measured window starts now: the per-period series count from here. */
    void startWindow() {
        lastLookups = lookups.get();
        lastHits = hits.get();
        lastWalks = walks.get();
        lastTime = sim.now();
    }

    /** DMAs completed by every device so far in the measured window. */
    long dmasCompleted() {
        return sum(Sum.COMPLETED);
    }

    /** Page translations every device requested so far in the measured window. */
    long translationsRequested() {
        return sum(Sum.TRANSLATIONS);
    }

    private double perSecond(long n) {
        long window = sim.now() - measureStart;
        return window <= 0 ? 0 : n * (double) SimTime.S / window;
    }

    private double windowHitRatio() {
        long l = delta(lookups.get(), lastLookups);
        long h = delta(hits.get(), lastHits);
        lastLookups = lookups.get();
        lastHits = hits.get();
        return l <= 0 ? Double.NaN : h / (double) l;
    }

    /** The increase of a counter since {@code last}; a counter reset at the warm-up restarts from 0. */
    private static long delta(long current, long last) {
        return current >= last ? current - last : current;
    }

    private double windowWalkRate() {
        long now = sim.now();
        long n = delta(walks.get(), lastWalks);
        long dt = now - lastTime;
        lastWalks = walks.get();
        lastTime = now;
        return dt <= 0 ? 0 : n * (double) SimTime.S / dt;
    }
}

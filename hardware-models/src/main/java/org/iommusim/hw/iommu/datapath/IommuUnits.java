package org.iommusim.hw.iommu.datapath;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.iommusim.core.kernel.InstantBatch;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.kernel.TimeBatch;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.resource.FifoServer;
import org.iommusim.core.resource.ServerConfig;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.iommu.CacheInvalidation;
import org.iommusim.hw.iommu.ContextCache;
import org.iommusim.hw.iommu.ContextStageTwo;
import org.iommusim.hw.iommu.ats.DeviceAtcs;
import org.iommusim.hw.iommu.fault.FaultPath;
import org.iommusim.hw.iommu.inval.IommuInvalidations;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.TranslationCaches;
import org.iommusim.hw.iommu.stale.StaleUseOracle;
import org.iommusim.hw.functional.FunctionalWalker;

/**
 * The hardware units of one timed IOMMU that every {@link TranslationProcess} uses, built once
 * from the configuration: admission bounds, per-device pipelines, context/PASID cache,
 * translation caches and their latencies, device ATCs, the page walkers, the fault path, the
 * invalidation side, statistics and the stale-use oracle — plus the pool of idle processes and
 * the pass-through devices. It holds no flow: the steps live in {@link TranslationProcess} and
 * {@link Walk}.
 */
final class IommuUnits {
    final Simulator sim;
    final ControlPlane controlPlane;
    final PteMemory memory;
    final DataPathStats stats;
    final StaleUseOracle oracle;
    final TranslationCaches caches;
    final Admission admission;
    final DevicePipelines pipelines;
    final ContextCache context;
    final DeviceAtcs atcs;
    final IommuInvalidations invalidations;
    final FaultPath faults;
    final FifoServer walkerSlots;
    final PageWalkers walkers;
    /** Zero-latency hits of one instant complete from one kernel event, in their own order. */
    final InstantBatch hits;
    /**
     * IOTLB misses found one lookup latency after their lookups: those of one instant (the TLPs
     * admitted together when a walk's joiners complete) are found from one kernel event, in their
     * own order. {@code -Diommusim.timeBatches=false} schedules each on its own (for checks).
     */
    final TimeBatch misses;
    /** Runs of TLPs of one page that travel as one process ({@link TlpRuns}). */
    final TlpRuns runs;
    /** Lone TLPs joining their DMA's run waiting in admission. */
    final WaitingRuns waitingRuns;
    final long iotlbLatency;
    final long iotlbHitLatency;
    final long contextHitLatency;
    final long microTlbHitLatency;
    private final ArrayDeque<TranslationProcess> idle = new ArrayDeque<>();
    private int created;
    private boolean[] passThrough = new boolean[0];

    IommuUnits(TimedIommuConfig config, Simulator sim, StatsRegistry registry, RandomStreams streams,
               ControlPlane controlPlane, PteMemory memory, String prefix) {
        this.sim = sim;
        this.controlPlane = controlPlane;
        this.hits = new InstantBatch(sim);
        this.runs = new TlpRuns(this);
        this.waitingRuns = new WaitingRuns(this);
        this.misses = new TimeBatch(sim, !"false".equals(System.getProperty("iommusim.timeBatches")));
        this.memory = memory;
        this.stats = new DataPathStats(registry, prefix);
        this.oracle = new StaleUseOracle(stats.staleUses);
        this.caches = new TranslationCaches(config, registry, streams, prefix, oracle);
        this.walkerSlots = new FifoServer(sim, registry, prefix + ".walker", ServerConfig.unbounded(config.walkers()));
        this.admission = new Admission(sim, registry, prefix, config.maxInFlight(), config.maxInFlightPerDevice());
        this.iotlbLatency = config.iotlb().enabled() ? config.iotlb().latencyPs() : 0;
        this.iotlbHitLatency = config.pipeline().hitLatencyHidden() ? 0 : iotlbLatency;
        this.pipelines = new DevicePipelines(config.pipeline());
        this.microTlbHitLatency = config.pipeline().hitLatencyHidden() ? 0 : config.tbuMicroTlb().latencyPs();
        this.contextHitLatency = config.pipeline().hitLatencyHidden() || !config.contextCache().enabled() ? 0
                : config.contextCache().latencyPs();
        this.faults = new FaultPath(controlPlane, registry, prefix, stats.faultQueueOverflows, stats.pageRequests);
        this.context = new ContextCache(config, new ContextStageTwo(config, controlPlane, caches, registry, prefix),
                registry, streams, prefix);
        this.atcs = new DeviceAtcs(registry, streams, prefix, controlPlane);
        this.invalidations = new IommuInvalidations(new CacheInvalidation(caches, context), oracle.removals(),
                controlPlane, atcs);
        FifoServer fillPort = config.pipeline().fillPs() > 0
                ? new FifoServer(sim, registry, prefix + ".walk.fill-port", ServerConfig.unbounded(1)) : null;
        this.walkers = new PageWalkers(new WalkUnits(sim, walkerSlots, new FunctionalWalker(controlPlane),
                new WalkPlanner(caches, oracle, config.lazyFillPs()),
                new PteReadPort(memory, config.pipeline().pteReadsInFlight()), fillPort, config.pipeline().fillPs(),
                invalidations, stats, oracle));
    }

    /** An idle translation process (a new one while the pool grows). */
    TranslationProcess take() {
        TranslationProcess p = idle.poll();
        return p != null ? p : new TranslationProcess(this, created++);
    }

    /** {@code p} was handed back: idle again. */
    void recycle(TranslationProcess p) {
        idle.push(p);
    }

    void setPassThrough(int device) {
        if (device >= passThrough.length) {
            passThrough = Arrays.copyOf(passThrough, device + 1);
        }
        passThrough[device] = true;
    }

    boolean passThrough(int device) {
        return device < passThrough.length && passThrough[device];
    }
}

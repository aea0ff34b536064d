package org.iommusim.scenarios.schema;

import static org.iommusim.scenarios.config.Key.Kind.DURATION;

import java.util.List;
import org.iommusim.hw.iommu.PipelineConfig;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.WalkCacheLevels;
import org.iommusim.scenarios.config.Key;

/**
 * The {@code iommu} section: translation caches, walkers, in-flight bounds and the memory,
 * invalidation-queue, fault-queue and PRI models around them. Defaults and their provenance are
 * those of {@link TimedIommuConfig#defaults()} (gem5 SMMUv3 at an assumed 1 GHz, VT-d); the
 * scenario tests check they stay equal.
 */
public record IommuSpec(
        @Key(doc = "IOTLB: leaf translations tagged by domain and PASID") IotlbSpec iotlb,
        @Key(doc = "Paging-structure (walk) caches, one instance per stage x level") WalkCacheSpec walkCache,
        @Key(doc = "Overrides of single walk-cache instances by stage and level") List<WalkCacheLevelSpec> walkCacheLevels,
        @Key(doc = "Nested TLB: stage-2 translations of guest page-table pages") NestedTlbSpec nestedTlb,
        @Key(doc = "Context/PASID cache") ContextCacheSpec contextCache,
        @Key(doc = "Memory reads of a context-cache miss (VT-d scalable mode: root, context, PASID directory, PASID table)", def = "4", unit = "reads", min = "0", max = "16") int contextWalkReads,
        @Key(doc = "Concurrent page walks (gem5 ptw_slots)", def = "16", unit = "walks", min = "1", max = "4096") int walkers,
        @Key(doc = "Translations in the IOMMU at once (gem5 xlate_slots)", def = "64", unit = "translations", min = "1", max = "1048576") int maxInFlight,
        @Key(doc = "Translations of one device in the IOMMU at once (gem5 device xlate_slots)", def = "16", unit = "translations", min = "1", max = "1048576") int maxInFlightPerDevice,
        @Key(doc = "How long a DMA waits for one lazy shadow fill (an assumption: an interrupt and a software walk); the host core time is charged apart (host.costs.shadowFault plus the fill's reads and writes)", def = "2us", kind = DURATION, min = "0ps", max = "1s") long lazyFill,
        @Key(doc = "Translation pipeline: ordering per device, miss slots, walker read port and fill path") Pipeline pipeline,
        @Key(doc = "Memory that page-table entries are read from") MemorySpec memory,
        @Key(doc = "Invalidation queue") QueueSpecs.InvalidationQueue invalidationQueue,
        @Key(doc = "Fault queue and its software handler") QueueSpecs.FaultQueue faultQueue,
        @Key(doc = "Page requests (PCIe PRI): recoverable faults resolved by software") QueueSpecs.Pri pri) {

    /** The timed IOMMU's configuration. */
    public TimedIommuConfig toConfig() {
        WalkCacheLevels levels = WalkCacheLevels.NONE;
        for (WalkCacheLevelSpec l : walkCacheLevels) {
            levels = levels.with(l.stage(), l.level(), l.toConfig());
        }
        return new TimedIommuConfig(iotlb.toConfig(), walkCache.toConfig(), levels, nestedTlb.toConfig(),
                contextCache.toConfig(), contextWalkReads, walkers, maxInFlight, maxInFlightPerDevice, lazyFill,
                pipeline.toConfig());
    }

    /** The {@code pipeline} section ({@link PipelineConfig}; defaults: every mechanism off, hits free). */
    public record Pipeline(
            @Key(doc = "A device's translations leave in arrival order, and a miss waiting for a miss slot stalls the lookups behind it (head-of-line blocking)", def = "false") boolean inOrder,
            @Key(doc = "Without inOrder: a finished translation may overtake at most window-1 older ones of its device; 0 = unlimited", def = "0", unit = "translations", min = "0", max = "1048576") int reorderWindow,
            @Key(doc = "Pending-miss slots per device: misses beyond wait for one; 0 = unlimited (the walkers bound them)", def = "0", unit = "misses", min = "0", max = "1048576") int missesPerDevice,
            @Key(doc = "PTE reads the walkers may have outstanding at once (read port); 0 = unlimited", def = "0", unit = "reads", min = "0", max = "1048576") int pteReadsInFlight,
            @Key(doc = "Time a finished walk holds its walker slot and the one fill port to write the caches; 0 = no fill path", def = "0ps", kind = DURATION, min = "0ps", max = "1ms") long fill,
            @Key(doc = "A context-cache or IOTLB hit adds no latency (the lookups are pipelined); false charges their latencies on hits", def = "true") boolean hitLatencyHidden) {

        public PipelineConfig toConfig() {
            return new PipelineConfig(inOrder, reorderWindow, missesPerDevice, pteReadsInFlight, fill, hitLatencyHidden);
        }
    }
}

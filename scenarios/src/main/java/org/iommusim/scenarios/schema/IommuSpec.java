package org.iommusim.scenarios.schema;

import static org.iommusim.scenarios.config.Key.Kind.DURATION;

import java.util.List;
import org.iommusim.hw.iommu.PipelineConfig;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.WalkCacheLevels;
import org.iommusim.hw.iommu.arch.ArchPreset;
import org.iommusim.hw.iommu.arch.ArchPresets;
import org.iommusim.hw.iommu.inval.InvQueueConfig;
import org.iommusim.scenarios.config.Key;
import org.iommusim.scenarios.config.MovedKey;

/**
 * The {@code iommu} section: the architecture preset, translation caches, walkers, in-flight
 * bounds and the memory, invalidation-queue, fault-queue and PRI models around them. The defaults
 * of every key the preset covers come from the chosen {@link ArchPreset} ({@link #of}; the
 * schema's defaults, hence reference.yaml, are {@link ArchPresets#DEFAULT}'s), never from a
 * {@code def} text here; their sources are in the preset classes and docs/CALIBRATION.md. The
 * queue sections keep their own defaults until a preset gives them ({@link #of} leaves them null).
 */
public record IommuSpec(
        @Key(doc = "Architecture preset: the defaults of every iommu key this section leaves out", choices = PRESETS) String preset,
        @Key(doc = "SMMUv3 TBU micro-TLB: one per device in front of the shared IOTLB") TbuMicroTlbSpec tbuMicroTlb,
        @Key(doc = "IOTLB: leaf translations tagged by domain and PASID") IotlbSpec iotlb,
        @Key(doc = "Paging-structure (walk) caches, one instance per stage x level") WalkCacheSpec walkCache,
        @Key(doc = "Overrides of single walk-cache instances by stage and level (the one way to give levels different sizes); an element's missing keys take the generic values shown here, not the preset's walkCache: write entries and assoc out") List<WalkCacheLevelSpec> walkCacheLevels,
        @Key(doc = "Nested TLB: stage-2 translations of guest page-table pages") NestedTlbSpec nestedTlb,
        @Key(doc = "Context/PASID cache") ContextCacheSpec contextCache,
        @Key(doc = "Memory reads of a context-cache miss (VT-d scalable mode: root, context, PASID directory, PASID table)", unit = "reads", min = "0", max = "16") int contextWalkReads,
        @Key(doc = "How many of the last reads of a context-cache miss are addressed by IPA/GPA under hardware nesting (SMMUv3: the CD; AMD-Vi: the GCR3-table entry), so a nested child's miss first translates that address through stage 2; at most contextWalkReads + contextFirstStageReads", unit = "reads", min = "0", max = "16") int contextIpaReads,
        @Key(doc = "Memory reads a context-cache miss adds when the attachment uses a first-stage table: a PASID, or a hardware-nested child's guest table (AMD-Vi: the GCR3-table entry after the device-table entry; VT-d and SMMUv3 0, they read the same structures for every attachment)", unit = "reads", min = "0", max = "16") int contextFirstStageReads,
        @Key(doc = "Concurrent page walks (gem5 ptw_slots)", unit = "walks", min = "1", max = "4096") int walkers,
        @Key(doc = "Translations in the IOMMU at once (gem5 xlate_slots)", unit = "translations", min = "1", max = "1048576") int maxInFlight,
        @Key(doc = "Translations of one device in the IOMMU at once (gem5 device xlate_slots)", unit = "translations", min = "1", max = "1048576") int maxInFlightPerDevice,
        @Key(doc = "How long a DMA waits for one lazy shadow fill (an assumption: an interrupt and a software walk); the host core time is charged apart (host.costs.shadowFault plus the fill's reads and writes)", kind = DURATION, min = "0ps", max = "1s") long lazyFill,
        @Key(doc = "Translation pipeline: ordering per device, miss slots, walker read port and fill path") Pipeline pipeline,
        @Key(doc = "Memory that page-table entries are read from") MemorySpec memory,
        @Key(doc = "Invalidation queue") QueueSpecs.InvalidationQueue invalidationQueue,
        @Key(doc = "Fault queue and its software handler") QueueSpecs.FaultQueue faultQueue,
        @Key(doc = "Page requests (PCIe PRI): recoverable faults resolved by software") QueueSpecs.Pri pri) {

    /** The registry of architecture presets ({@code hw.iommu.arch.ArchPresets}). */
    public static final String PRESETS = "iommu-preset";

    /** The schema's defaults: those of the default preset. */
    static IommuSpec defaults() {
        return of(ArchPresets.DEFAULT);
    }

    /**
     * Every key {@code p} gives, as a section; the queue sections a preset does not name (the
     * generic IOMMU's) are null, so the schema and the loader take the sections' own defaults().
     */
    public static IommuSpec of(ArchPreset p) {
        TimedIommuConfig c = p.iommu();
        if (!c.pwcLevels().overrides().isEmpty()) {
            throw new IllegalArgumentException("preset " + p.name() + ": per-level walk-cache overrides are a scenario"
                    + " list (walkCacheLevels); a preset gives the shared walk cache only");
        }
        PipelineConfig q = c.pipeline();
        return new IommuSpec(p.name(), TbuMicroTlbSpec.of(c.tbuMicroTlb()), IotlbSpec.of(c.iotlb()), WalkCacheSpec.of(c.pwc()), List.of(),
                NestedTlbSpec.of(c.nestedTlb()), ContextCacheSpec.of(c.contextCache()), c.contextWalkReads(), c.contextIpaReads(),
                c.contextFirstStageReads(), c.walkers(), c.maxInFlight(), c.maxInFlightPerDevice(), c.lazyFillPs(),
                new Pipeline(q.inOrder(), q.reorderWindow(), q.missesPerDevice(), q.pteReadsInFlight(), q.fillPs(),
                        q.hitLatencyHidden(), q.missOccupancyPs()),
                MemorySpec.of(p.memory()),
                p.queues() == null ? null : QueueSpecs.InvalidationQueue.of(InvQueueConfig.defaults(p.queues())),
                p.faults() == null ? null : QueueSpecs.FaultQueue.of(p.faults()),
                p.faults() == null ? null : QueueSpecs.Pri.of(p.faults()));
    }

    /** The timed IOMMU's configuration. */
    public TimedIommuConfig toConfig() {
        WalkCacheLevels levels = WalkCacheLevels.NONE;
        for (WalkCacheLevelSpec l : walkCacheLevels) {
            levels = levels.with(l.stage(), l.level(), l.toConfig());
        }
        return new TimedIommuConfig(iotlb.toConfig(), walkCache.toConfig(), levels, nestedTlb.toConfig(),
                contextCache.toConfig(), contextWalkReads, contextIpaReads, contextFirstStageReads, walkers, maxInFlight, maxInFlightPerDevice, lazyFill,
                pipeline.toConfig(), tbuMicroTlb.toConfig());
    }

    /** The {@code pipeline} section ({@link PipelineConfig}; defaults: the preset's). */
    @MovedKey(key = "requestOccupancy", to = "devices.<d>.dma.requestOccupancy",
            why = "the time per request TLP is the device's own issue limit, not the IOMMU's; the IOMMU keeps missOccupancy")
    public record Pipeline(
            @Key(doc = "A device's translations leave in arrival order, and a miss waiting for a miss slot stalls the lookups behind it (head-of-line blocking)") boolean inOrder,
            @Key(doc = "Without inOrder: a finished translation may overtake at most window-1 older ones of its device; 0 = unlimited", unit = "translations", min = "0", max = "1048576") int reorderWindow,
            @Key(doc = "Pending-miss slots per device: misses beyond wait for one; 0 = unlimited (the walkers bound them)", unit = "misses", min = "0", max = "1048576") int missesPerDevice,
            @Key(doc = "PTE reads the walkers may have outstanding at once (read port); 0 = unlimited", unit = "reads", min = "0", max = "1048576") int pteReadsInFlight,
            @Key(doc = "Time a finished walk holds its walker slot and the one fill port to write the caches; 0 = no fill path", kind = DURATION, min = "0ps", max = "1ms") long fill,
            @Key(doc = "A context-cache or IOTLB hit adds no latency (the lookups are pipelined); false charges their latencies on hits") boolean hitLatencyHidden,
            @Key(doc = "Time an IOTLB miss holds its device's request stream (the root port's in-order translation stalls: page-walk-tracker allocation and re-dispatch of the request), so each miss adds a fixed serial time to the device's stream; the device's own time per request TLP is devices.<d>.dma.requestOccupancy", kind = DURATION, min = "0ps", max = "1ms") long missOccupancy) {

        public PipelineConfig toConfig() {
            return new PipelineConfig(inOrder, reorderWindow, missesPerDevice, pteReadsInFlight, fill, hitLatencyHidden,
                    missOccupancy);
        }
    }
}

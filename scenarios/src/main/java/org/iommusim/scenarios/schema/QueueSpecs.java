package org.iommusim.scenarios.schema;

import static org.iommusim.scenarios.config.Key.Kind.DURATION;

import org.iommusim.hw.iommu.fault.FaultFormats;
import org.iommusim.hw.iommu.fault.FaultQueueConfig;
import org.iommusim.hw.iommu.fault.PriConfig;
import org.iommusim.hw.iommu.inval.InvQueueConfig;
import org.iommusim.hw.iommu.inval.QueueFormats;
import org.iommusim.hw.iommu.inval.Stage2Flush;
import org.iommusim.scenarios.config.Key;

/**
 * The IOMMU's queues: invalidation queue, fault queue, page-request (PRI) path. Defaults are
 * those of {@link InvQueueConfig#defaults()}, {@link FaultQueueConfig#defaults()} and
 * {@link PriConfig#defaults()}; the per-descriptor times are assumptions of the order published
 * analyses of Linux strict unmap report (about a microsecond per synchronous invalidation).
 */
public final class QueueSpecs {
    private QueueSpecs() {
    }

    /** The {@code iommu.invalidationQueue} section. */
    public record InvalidationQueue(
            @Key(doc = "Architecture of the command/invalidation queue: its commands and what its Linux driver submits per operation (intel-vtd descriptors, arm-smmuv3 commands, amd-vi command buffer)") QueueFormats format,
            @Key(doc = "Queue depth (Linux: VT-d QI_LENGTH 256; SMMUv3 min(IDR1.CMDQS, 2^16); AMD 512)", unit = "descriptors", min = "1", max = "1048576") int depth,
            @Key(doc = "Widest page range of one descriptor, a power of two (VT-d MAMV; DESIGN: 2^18)", unit = "pages", min = "1", max = "4611686018427387904") long maxRangePages,
            @Key(doc = "Processing time of a page-range IOTLB descriptor (assumption)", kind = DURATION, min = "0ps", max = "1s") long range,
            @Key(doc = "Processing time of a PASID-wide descriptor (assumption)", kind = DURATION, min = "0ps", max = "1s") long pasid,
            @Key(doc = "Processing time of a domain-wide descriptor (assumption)", kind = DURATION, min = "0ps", max = "1s") long domain,
            @Key(doc = "Processing time of a global descriptor (assumption)", kind = DURATION, min = "0ps", max = "1s") long global,
            @Key(doc = "Processing time of a device-ATC descriptor: a PCIe round trip (assumption)", kind = DURATION, min = "0ps", max = "1s") long deviceAtc,
            @Key(doc = "Processing time of a wait descriptor: a status write (assumption)", kind = DURATION, min = "0ps", max = "1s") long waitDescriptor,
            @Key(doc = "Processing time of a context/PASID-cache (STE/CD, DTE) invalidation (assumption)", kind = DURATION, min = "0ps", max = "1s") long context,
            @Key(doc = "Flush of a stage-2 change under hardware nesting: range (Linux: VT-d page-selective per nested DID, SMMUv3 TLBI_S2_IPA + TLBI_NH_ALL, AMD pages per nested DomainID) or domain (VT-d domain-selective, SMMUv3 TLBI_S12_VMALL, AMD all pages)") Stage2Flush stage2Flush,
            @Key(doc = "Whether the IOMMU takes page-range commands: SMMUv3 IDR3.RIL (SMMUv3.2, e.g. MMU-700; the SMMUv3.1 MMU-600 lacks it). false: Linux writes one TLBI per 4 KiB page and, from CMDQ_MAX_TLBI_OPS = 512 pages on, one ASID/VMID-wide TLBI. Only arm-smmuv3 may be false (VT-d's address mask and AMD's S bit always encode a range)") boolean rangeInvalidation) {

        /** The defaults without a preset naming its queue (the generic IOMMU): VT-d's queue. */
        public static InvalidationQueue defaults() {
            return of(InvQueueConfig.defaults(QueueFormats.INTEL_VTD));
        }

        /** The section holding {@code c}'s values (an architecture preset's queue). */
        public static InvalidationQueue of(InvQueueConfig c) {
            return new InvalidationQueue(c.format(), c.depth(), c.maxRangePages(), c.rangePs(), c.pasidPs(), c.domainPs(),
                    c.globalPs(), c.deviceAtcPs(), c.waitPs(), c.contextPs(), c.stage2Flush(), c.rangeInvalidation());
        }

        public InvQueueConfig toConfig() {
            return new InvQueueConfig(format, depth, maxRangePages, range, pasid, domain, global, deviceAtc,
                    waitDescriptor, context, stage2Flush, rangeInvalidation);
        }
    }

    /** The {@code iommu.faultQueue} section. */
    public record FaultQueue(
            @Key(doc = "Fault records the hardware holds before it overflows (VT-d fault recording registers, SMMUv3 event queue, AMD event log; generic: DESIGN's 128)", unit = "records", min = "1", max = "1048576") int capacity,
            @Key(doc = "Software handler time per fault record: interrupt, MMIO reads, clear (assumption)", kind = DURATION, min = "0ps", max = "1s") long handlerService) {

        /** The defaults without a preset naming its fault queue (the generic IOMMU): DESIGN's 128 records. */
        public static FaultQueue defaults() {
            FaultQueueConfig c = FaultQueueConfig.defaults();
            return new FaultQueue(c.capacity(), c.handlerServicePs());
        }

        /** The section of architecture {@code f}: its fault records, the assumed handler time. */
        public static FaultQueue of(FaultFormats f) {
            return new FaultQueue(f.faultRecords(), FaultQueueConfig.DEFAULT_HANDLER_SERVICE_PS);
        }

        public FaultQueueConfig toConfig() {
            return new FaultQueueConfig(capacity, handlerService);
        }
    }

    /** The {@code iommu.pri} section. */
    public record Pri(
            @Key(doc = "Whether devices with recoverable faults may send page requests; faults of IOASIDs with pageRequests on are resolved by mapping the page, on a host core (host.costs.pageRequest plus the map); such devices need ats.enabled (rule: PCIe PRI requires ATS)") boolean enabled,
            @Key(doc = "Page request to page response: queue, interrupt, OS fault handling (assumption)", kind = DURATION, min = "0ps", max = "1s") long handlerLatency,
            @Key(doc = "Page request groups per DMA before it is aborted (a DMA's failed translations go out as one group, retried at its response)", min = "1", max = "64") int maxAttempts,
            @Key(doc = "Page requests the page request queue holds (VT-d: 2048 entries, hardware fills N-1; SMMUv3 PRI queue 2^16; AMD PPR log 512); a request that finds it full gets the hardware's automatic Success response and the device retries", unit = "requests", min = "1", max = "1048576") int queueDepth,
            @Key(doc = "Time from a request that found the queue full to the automatic response at the device (assumption)", kind = DURATION, min = "0ps", max = "1s") long autoResponse,
            @Key(doc = "Page requests each PRI device may have outstanding (the Outstanding Page Request Allocation the OS writes; Linux: VT-d PRQ_DEPTH 2048, AMD 32, SMMUv3 PRI patches 16); a DMA's page request group larger than what is free goes out in parts", unit = "requests", min = "1", max = "1048576") int outstandingRequests) {

        /** Page requests per DMA before it is aborted (an assumption: a few retries, then the DMA fails). */
        public static final int DEFAULT_MAX_ATTEMPTS = 3;

        /** The defaults without a preset naming its page-request queue (the generic IOMMU): VT-d's depth. */
        public static Pri defaults() {
            PriConfig c = PriConfig.defaults();
            return new Pri(false, c.handlerLatencyPs(), DEFAULT_MAX_ATTEMPTS, c.queueDepth(), c.autoResponsePs(),
                    c.outstandingRequests());
        }

        /** The section of architecture {@code f}: its page-request entries, the assumed times; PRI off. */
        public static Pri of(FaultFormats f) {
            PriConfig c = PriConfig.defaults();
            return new Pri(false, c.handlerLatencyPs(), DEFAULT_MAX_ATTEMPTS, f.pageRequests(), c.autoResponsePs(),
                    f.outstandingRequests());
        }

        public PriConfig toConfig() {
            return new PriConfig(handlerLatency, queueDepth, autoResponse, outstandingRequests);
        }
    }
}

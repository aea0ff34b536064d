package org.iommusim.scenarios.schema;

import static org.iommusim.scenarios.config.Key.Kind.DURATION;
import static org.iommusim.scenarios.config.Key.Kind.RATE;
import static org.iommusim.scenarios.config.Key.Kind.SIZE;

import org.iommusim.hw.device.NicConfig;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.scenarios.config.Key;

/**
 * The device presets' sections. Defaults and provenance are those of {@code NicConfig},
 * {@code NvmeConfig}, {@code GpuConfig} and {@code DmaConfig} in {@code hw.device}; the
 * addresses (where buffers live) are this layer's, since a preset alone cannot know the
 * scenario's address map.
 */
public final class Presets {
    private Presets() {
    }

    /** {@code nic}: RX and TX rings, one packet buffer per 4 KiB page. */
    public record Nic(
            @Key(doc = "Bytes one packet's DMA moves (1500 MTU + 14 B header)", def = "1514", unit = "bytes", min = "1", max = "4096") int packetBytes,
            @Key(doc = "RX ring descriptors (mlx5 default); 0 = no RX", def = "1024", unit = "descriptors", min = "0", max = "65536") int rxRing,
            @Key(doc = "TX ring descriptors; 0 = no TX", def = "1024", unit = "descriptors", min = "0", max = "65536") int txRing,
            @Key(doc = "Line rate per direction in Gb/s; packets arrive back to back at line rate", def = "100", unit = "Gb/s", min = "0.001", max = "100000") double lineRateGbps,
            @Key(doc = "per-packet: map before and unmap after each packet (Linux streaming DMA); premapped-pool: map the rings once", def = "per-packet") NicConfig.Driver driver,
            @Key(doc = "Page size of the pool's mapping (premapped-pool only): 4KiB, 2MiB or 1GiB", def = "4KiB", kind = SIZE) long poolPageSize,
            @Key(doc = "IOVA of the first buffer", def = "256MiB", kind = SIZE) long iovaBase,
            @Key(doc = "Address the buffers map to: host physical on a map-unmap IOASID, guest physical (mapped by the parent) on a bind-invalidate one", def = "16MiB", kind = SIZE) long addrBase) {
    }

    /** {@code nvme}: fio randrw at a fixed queue depth. */
    public record Nvme(
            @Key(doc = "Bytes per I/O", def = "4KiB", kind = SIZE, min = "1B", max = "1GiB") long blockBytes,
            @Key(doc = "I/Os outstanding (datasheet QD32)", def = "32", unit = "I/Os", min = "1", max = "65536") int queueDepth,
            @Key(doc = "Storage reads among I/Os (a storage read is a DMA write)", def = "0.7", min = "0", max = "1") double readFraction,
            @Key(doc = "Buffers the I/Os land in uniformly at random (must be mapped)", def = "1GiB", kind = SIZE, min = "1B") long workingSet,
            @Key(doc = "IOVA of the working set", def = "1GiB", kind = SIZE) long iovaBase) {
    }

    /** {@code gpu}: bulk SVA transfers; process k uses PASID pasidBase + k on its own child IOASID. */
    public record Gpu(
            @Key(doc = "Bytes per bulk request (a copy-engine chunk)", def = "2MiB", kind = SIZE, min = "1B", max = "1GiB") long requestBytes,
            @Key(doc = "Requests in flight", def = "4", min = "1", max = "4096") int outstanding,
            @Key(doc = "Processes, each with its own PASID and bound page table", def = "4", min = "1", max = "4096") int processes,
            @Key(doc = "PASID of process 0", def = "1", min = "1", max = "1048575") int pasidBase,
            @Key(doc = "DMA reads among requests", def = "0.5", min = "0", max = "1") double readFraction,
            @Key(doc = "Buffer each process sweeps sequentially", def = "64MiB", kind = SIZE, min = "4KiB") long bufferBytes,
            @Key(doc = "Virtual address of every process's buffer (a user mmap address, 0x7f0000000000)", def = "127TiB", kind = SIZE) long baseVa,
            @Key(doc = "Guest physical address of process 0's buffer; process k's follows at k x bufferBytes (must be mapped by the device's IOASID)", def = "64MiB", kind = SIZE) long bufferGpa,
            @Key(doc = "Guest physical start of the process page tables, 1 MiB per process", def = "16MiB", kind = SIZE) long tableGpa,
            @Key(doc = "Page size of the process tables (2MiB = transparent huge pages)", def = "4KiB", kind = SIZE) long guestPageSize,
            @Key(doc = "How the process tables nest on the device's IOASID: hardware or software", def = "hardware") Nesting nesting,
            @Key(doc = "Caching mode of the process IOASIDs", def = "false") boolean cachingMode) {
    }

    /** {@code dma}: a generic engine. */
    public record Dma(
            @Key(doc = "Bytes per request", def = "4KiB", kind = SIZE, min = "1B", max = "1GiB") long requestBytes,
            @Key(doc = "DMA reads among requests (1 = all reads)", def = "1", min = "0", max = "1") double readFraction,
            @Key(doc = "PCIe tags: requests in flight at most", def = "64", unit = "tags", min = "1", max = "65536") int maxOutstanding,
            @Key(doc = "PASIDs used round robin from the device's pasid (pasid, pasid + 1, ...); each is attached to the device's IOASID", def = "1", min = "1", max = "65536") int pasidCount,
            @Key(doc = "DRAM access time of the data after translation", def = "80ns", kind = DURATION, min = "0ps", max = "1ms") long memoryLatency,
            @Key(doc = "The engine's per-DMA overhead: at most one DMA starts per gap; 0 = limited only by tags and link", def = "0ps", kind = DURATION, min = "0ps", max = "1ms") long issueGap,
            @Key(doc = "closed: keep queueDepth requests outstanding; open: arrivals at rate", def = "closed", values = {"closed", "open"}) String issue,
            @Key(doc = "Requests outstanding in closed issue", def = "8", min = "1", max = "65536") int queueDepth,
            @Key(doc = "Arrival rate in open issue", def = "1/us", kind = RATE, min = "1/s", max = "1e12/s") double rate,
            @Key(doc = "Open-issue arrivals are a Poisson process (else fixed intervals)", def = "true") boolean poisson,
            @Key(doc = "Address pattern", def = "uniform", values = {"cyclic", "sequential", "strided", "uniform", "zipf"}) String pattern,
            @Key(doc = "IOVA of the working set", def = "256MiB", kind = SIZE) long base,
            @Key(doc = "Working-set size (a multiple of requestBytes)", def = "16MiB", kind = SIZE, min = "1B") long span,
            @Key(doc = "Distance between consecutive requests of strided and cyclic; 0 = the larger of requestBytes and 4 KiB", def = "0B", kind = SIZE, min = "0B") long stride,
            @Key(doc = "Skew of the zipf pattern (YCSB default 0.99)", def = "0.99", min = "0.000001", max = "100") double zipfExponent) {
    }

    /** {@code trace}: replay of {@code time,device,pasid,iova,size,dir} lines. */
    public record Trace(
            @Key(doc = "Trace file (CSV time,device,pasid,iova,size,dir), relative to the scenario file", def = Key.NONE) String file,
            @Key(doc = "PCIe tags of the replaying engine", def = "64", unit = "tags", min = "1", max = "65536") int maxOutstanding) {
    }
}

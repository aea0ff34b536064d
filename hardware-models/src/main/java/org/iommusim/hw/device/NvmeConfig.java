package org.iommusim.hw.device;

import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.pcie.PcieLink;

/**
 * The {@code nvme} device preset: random block I/O at a fixed queue depth over a working set
 * (fio {@code rw=randrw, iodepth=Q}). Defaults ({@link #defaults()}) and provenance:
 * <ul>
 *   <li>{@code blockBytes} = 4096: the 4 KiB random-I/O unit of SSD datasheets.</li>
 *   <li>{@code queueDepth} = 32: the QD32 at which datasheets quote random IOPS.</li>
 *   <li>{@code readFraction} = 0.7: storage reads among I/Os (the 70/30 mix of OLTP-style
 *       benchmarks). A storage <em>read</em> is a DMA <em>write</em> into memory and vice versa,
 *       so the engine's {@link DmaConfig#readFraction} is {@code 1 - readFraction}.</li>
 *   <li>{@code workingSetBytes} = 1 GiB: the buffers the I/Os land in, uniformly at random
 *       (an assumption of this project; the scenario must map it).</li>
 *   <li>{@code pasid} = 0.</li>
 * </ul>
 * The device's tags are {@code max(64, queueDepth)}; other engine parameters are
 * {@link DmaConfig#defaults()}. Does not model: the flash itself (the device side of an I/O is
 * its DMA only), submission/completion queue entries, or interrupts.
 */
public record NvmeConfig(int blockBytes, int queueDepth, double readFraction, long workingSetBytes, int pasid) {
    public NvmeConfig {
        if (blockBytes < 1) {
            throw new IllegalArgumentException("blockBytes must be >= 1, got " + blockBytes);
        }
        if (queueDepth < 1) {
            throw new IllegalArgumentException("queueDepth must be >= 1, got " + queueDepth);
        }
        if (!(readFraction >= 0 && readFraction <= 1)) {
            throw new IllegalArgumentException("readFraction must be in [0, 1], got " + readFraction);
        }
        if (workingSetBytes < blockBytes || workingSetBytes % blockBytes != 0) {
            throw new IllegalArgumentException("workingSetBytes must be a positive multiple of blockBytes ("
                    + blockBytes + "), got " + workingSetBytes);
        }
        if (pasid < 0) {
            throw new IllegalArgumentException("pasid must be >= 0, got " + pasid);
        }
    }

    /** The documented defaults. */
    public static NvmeConfig defaults() {
        return new NvmeConfig(4096, 32, 0.7, 1L << 30, 0);
    }

    public NvmeConfig withQueueDepth(int q) {
        return new NvmeConfig(blockBytes, q, readFraction, workingSetBytes, pasid);
    }

    public NvmeConfig withReadFraction(double f) {
        return new NvmeConfig(blockBytes, queueDepth, f, workingSetBytes, pasid);
    }

    public NvmeConfig withWorkingSet(long bytes) {
        return new NvmeConfig(blockBytes, queueDepth, readFraction, bytes, pasid);
    }

    public NvmeConfig withBlockBytes(int bytes) {
        return new NvmeConfig(bytes, queueDepth, readFraction, workingSetBytes, pasid);
    }

    public NvmeConfig withPasid(int p) {
        return new NvmeConfig(blockBytes, queueDepth, readFraction, workingSetBytes, p);
    }

    /** The engine shape: block-sized requests, DMA direction from the storage mix, enough tags. */
    public DmaConfig dmaConfig() {
        return DmaConfig.defaults().withRequestBytes(blockBytes).withReadFraction(1 - readFraction)
                .withMaxOutstanding(Math.max(64, queueDepth)).withPasids(pasid, 1);
    }

    public IssueMode issueMode() {
        return new IssueMode.ClosedLoop(queueDepth);
    }

    /** Uniform random blocks over the working set at {@code baseIova}. */
    public PatternSpec pattern(long baseIova) {
        return PatternSpec.of("uniform", baseIova, workingSetBytes, blockBytes);
    }

    /**
     * The device: a closed-loop engine under {@code prefix}, addresses from stream
     * {@code <prefix>.address}.
     */
    public DmaEngine createEngine(Simulator sim, StatsRegistry registry, RandomStreams streams, String prefix,
                                  int device, long baseIova, TimedIommu iommu, PcieLink link) {
        return new DmaEngine(sim, registry, streams, prefix, device, dmaConfig(), issueMode(),
                AddressPatterns.create(pattern(baseIova), streams.stream(prefix + ".address")), iommu, link);
    }
}

package org.iommusim.hw.device;

import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.core.random.DistributionSpec;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.PcieLink;

/**
 * The {@code nvme} device preset ({@link NvmeDrive}): random block I/O at a fixed queue depth
 * over a working set (fio {@code rw=randrw, iodepth=Q}) on a datacenter NVMe drive. What it
 * models: the NVMe protocol's DMAs per I/O (64 B command fetch, PRP list, data, 16 B completion
 * entry, MSI-X write) and a flash back end ({@link FlashConfig}) whose dies and channels set
 * the drive's latency and IOPS limit. What it does not: several queue pairs, garbage
 * collection. The host CPU per I/O is the driver's ({@link #HOST_PER_IO_PS}, applied by the
 * scenario's driver section through {@link NvmeDrive}). Defaults ({@link #defaults()}) and provenance (the drive is a
 * Samsung PM9A3-class Gen4 x4 drive: 900 K random-read IOPS on its datasheet, the controller's
 * command rate; see docs/CALIBRATION.md):
 * <ul>
 *   <li>{@code blockBytes} = 4096: the 4 KiB random-I/O unit of SSD datasheets.</li>
 *   <li>{@code queueDepth} = 32: the QD32 at which datasheets quote random IOPS.</li>
 *   <li>{@code readFraction} = 0.7: storage reads among I/Os (the 70/30 mix of OLTP-style
 *       benchmarks). A storage <em>read</em> is a DMA <em>write</em> into memory and vice versa.</li>
 *   <li>{@code workingSetBytes} = 1 GiB: the buffers the I/Os land in, uniformly at random
 *       (an assumption of this project; the scenario must map it).</li>
 *   <li>{@code controllerIops} = {@value #CONTROLLER_IOPS}: the controller handles one command at a
 *       time for {@code 1 / controllerIops} (command parse, FTL lookup, completion posting), so
 *       the drive cannot exceed its datasheet's random-read IOPS whatever the flash could do (the
 *       PM9A3's 900 K; no public per-command firmware time exists, the datasheet rate is the
 *       published bound); 0: no controller limit.</li>
 *   <li>{@code pasid} = 0; {@code flash} = {@link FlashConfig#defaults()}.</li>
 *   <li>Queues of {@value #QUEUE_ENTRIES} entries (Linux nvme {@code io_queue_depth}), SQ entries
 *       {@value #SQ_ENTRY_BYTES} B, CQ entries {@value #CQ_ENTRY_BYTES} B (NVMe base
 *       specification), an MSI-X message of {@value #MSI_BYTES} B (PCIe MSI-X: a DWORD write).</li>
 *   <li>{@code commandTime} = none: when set, each command's controller time is drawn from it
 *       instead of {@code 1 / controllerIops} (the controller still takes one command at a time);
 *       it must draw durations &gt;= 0.</li>
 * </ul>
 * The device's tags are {@code max(64, queueDepth)} (each I/O has at most one DMA in flight);
 * other engine parameters are {@link DmaConfig#defaults()}. The link is the device's (the
 * {@code nvme} preset defaults to Gen4 x4, as real drives are).
 */
public record NvmeConfig(int blockBytes, int queueDepth, double readFraction, long workingSetBytes, int pasid,
                         long controllerIops, FlashConfig flash, DistributionSpec commandTime) {
    public static final int QUEUE_ENTRIES = 1024;
    public static final int SQ_ENTRY_BYTES = 64;
    public static final int CQ_ENTRY_BYTES = 16;
    public static final int MSI_BYTES = 4;
    /** The PM9A3's datasheet random 4 KiB read IOPS, the default controller command rate. */
    public static final long CONTROLLER_IOPS = 900_000;
    private static final long PAGE = PageSize.SIZE_4K.bytes();
    /**
     * The Linux block layer and nvme driver's host CPU per I/O, submission and completion
     * (interrupt-driven, not polled): 1.25 µs, one core per 800 k IOPS as the block maintainer
     * put it for the O_DIRECT path (J. Axboe, quoted in "Is Linux disk I/O finally fast enough?",
     * Floe blog 2026; the same source gives 10–20 k cycles per I/O for the older syscall path).
     * Polled io_uring reaches 3.8 M IOPS per core (Axboe, Sept. 2021): that is the lower bound
     * of a tuned stack, not the default.
     */
    public static final long HOST_PER_IO_PS = 1_250_000;

    /** A fixed controller time per command (no {@code commandTime} distribution). */
    public NvmeConfig(int blockBytes, int queueDepth, double readFraction, long workingSetBytes, int pasid,
                      long controllerIops, FlashConfig flash) {
        this(blockBytes, queueDepth, readFraction, workingSetBytes, pasid, controllerIops, flash, null);
    }

    public NvmeConfig {
        if (commandTime != null && !(commandTime.lowest() >= 0)) {
            throw new IllegalArgumentException("commandTime is a duration >= 0, but " + commandTime + " draws from "
                    + commandTime.lowest());
        }
        if (blockBytes < 1) {
            throw new IllegalArgumentException("blockBytes must be >= 1, got " + blockBytes);
        }
        if (queueDepth < 1 || queueDepth >= QUEUE_ENTRIES) {
            throw new IllegalArgumentException("queueDepth must be in [1, " + (QUEUE_ENTRIES - 1)
                    + "] (a queue of " + QUEUE_ENTRIES + " entries holds one fewer commands), got " + queueDepth);
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
        if (controllerIops < 0) {
            throw new IllegalArgumentException("controllerIops must be >= 0 (0: no controller limit), got "
                    + controllerIops);
        }
        if (flash == null) {
            throw new IllegalArgumentException("flash is required");
        }
    }

    /** The documented defaults. */
    public static NvmeConfig defaults() {
        return new NvmeConfig(4096, 32, 0.7, 1L << 30, 0, CONTROLLER_IOPS, FlashConfig.defaults());
    }

    public NvmeConfig withQueueDepth(int q) {
        return new NvmeConfig(blockBytes, q, readFraction, workingSetBytes, pasid, controllerIops, flash, commandTime);
    }

    public NvmeConfig withReadFraction(double f) {
        return new NvmeConfig(blockBytes, queueDepth, f, workingSetBytes, pasid, controllerIops, flash, commandTime);
    }

    public NvmeConfig withWorkingSet(long bytes) {
        return new NvmeConfig(blockBytes, queueDepth, readFraction, bytes, pasid, controllerIops, flash, commandTime);
    }

    public NvmeConfig withBlockBytes(int bytes) {
        return new NvmeConfig(bytes, queueDepth, readFraction, workingSetBytes, pasid, controllerIops, flash, commandTime);
    }

    public NvmeConfig withPasid(int p) {
        return new NvmeConfig(blockBytes, queueDepth, readFraction, workingSetBytes, p, controllerIops, flash, commandTime);
    }

    public NvmeConfig withFlash(FlashConfig f) {
        return new NvmeConfig(blockBytes, queueDepth, readFraction, workingSetBytes, pasid, controllerIops, f, commandTime);
    }

    public NvmeConfig withControllerIops(long iops) {
        return new NvmeConfig(blockBytes, queueDepth, readFraction, workingSetBytes, pasid, iops, flash, commandTime);
    }

    /** This configuration with each command's controller time drawn from {@code spec} (null: 1 / controllerIops). */
    public NvmeConfig withCommandTime(DistributionSpec spec) {
        return new NvmeConfig(blockBytes, queueDepth, readFraction, workingSetBytes, pasid, controllerIops, flash, spec);
    }

    /** The controller's fixed time per command, ps (0: no controller limit); see {@code commandTime}. */
    public long commandPs() {
        return controllerIops == 0 ? 0 : Math.round(1e12 / controllerIops);
    }

    /** Offset of the CQ in the queue memory: after the SQ, page aligned. */
    public long cqOffset() {
        return pages((long) QUEUE_ENTRIES * SQ_ENTRY_BYTES);
    }

    /** Offset of the MSI doorbell page: after the CQ. */
    public long msiOffset() {
        return cqOffset() + pages((long) QUEUE_ENTRIES * CQ_ENTRY_BYTES);
    }

    /** Offset of the first PRP list page (one per outstanding I/O): after the MSI page. */
    public long prpListOffset() {
        return msiOffset() + PAGE;
    }

    /** Bytes of one I/O's PRP list: 8 B per page after the first when the data spans more than two pages, else 0. */
    public int prpListBytes() {
        long pages = (blockBytes + PAGE - 1) / PAGE;
        return pages > 2 ? (int) (8 * (pages - 1)) : 0;
    }

    /** Bytes of queue memory the driver maps: SQ, CQ, MSI page and, when used, the PRP list pages. */
    public long queueBytes() {
        return prpListOffset() + (prpListBytes() > 0 ? queueDepth * PAGE : 0);
    }

    private static long pages(long bytes) {
        return (bytes + PAGE - 1) / PAGE * PAGE;
    }

    /** The engine shape: driven by the drive, enough tags for one DMA per outstanding I/O. */
    public DmaConfig dmaConfig() {
        return DmaConfig.defaults().withMaxOutstanding(Math.max(64, queueDepth)).withPasids(pasid, 1);
    }

    /** Uniform random blocks over the working set at {@code baseIova}. */
    public PatternSpec pattern(long baseIova) {
        return PatternSpec.of("uniform", baseIova, workingSetBytes, blockBytes);
    }

    /** The drive's DMA engine under {@code prefix}, driven by its {@link NvmeDrive}. */
    public DmaEngine createEngine(Simulator sim, StatsRegistry registry, RandomStreams streams,
                                  String prefix, int device, TimedIommu iommu, PcieLink link) {
        return new DmaEngine(sim, registry, streams, prefix, device, dmaConfig(), new IssueMode.Driven(), null, iommu,
                link);
    }
}

package org.iommusim.hw.device;

import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.PcieLink;

/**
 * The {@code gpu} (accelerator) device preset: large bulk transfers with shared virtual
 * addressing (SVA). Each of {@code processes} processes has its own PASID
 * ({@code pasidBase + k}) attached to its own {@code bind-invalidate} IOASID — the process page
 * table bound through the control plane, nested on the VM's GPA parent by hardware or by a
 * shadow ({@code nesting}). Request i uses PASID {@code pasidBase + i mod processes}
 * (round-robin), and every process sweeps the same virtual range {@code [baseVa, baseVa +
 * bufferBytes)} sequentially, which each process's table maps to its own memory. Defaults
 * ({@link #defaults()}) and provenance:
 * <ul>
 *   <li>{@code requestBytes} = 2 MiB: a bulk copy-engine chunk (the order of the chunks CUDA
 *       {@code cudaMemcpy} and unified-memory migration move; an assumption of this project).</li>
 *   <li>{@code outstanding} = 4: a few bulk transfers in flight (copy engines each keep one or
 *       two large transfers going; an assumption).</li>
 *   <li>{@code processes} = 4, {@code pasidBase} = 1: four SVA contexts; PASID 0 is left to the
 *       device's own (non-SVA) DMA.</li>
 *   <li>{@code readFraction} = 0.5: host-to-device and device-to-host copies alike.</li>
 *   <li>{@code bufferBytes} = 64 MiB per process at {@code baseVa} = 0x7f00_0000_0000 (a typical
 *       user-space mmap address).</li>
 *   <li>{@code guestPageSize} = 2 MiB: the process table's page size. With shared virtual
 *       addressing the IOMMU walks the CPU's page table of the process, whose leaves are 4 KiB,
 *       2 MiB or 1 GiB on x86; GPU runtimes back large buffers with 2 MiB pages (transparent huge
 *       pages; NVIDIA's UVM migrates in 2 MiB "big pages"), so 2 MiB. On arm64 the process
 *       table also holds 64 KiB runs of contiguous-hint entries (Linux 6.9 on, "contpte", for
 *       64 KiB folios), which an SMMUv3 doing SVA walks: {@code guestPageSize} 64 KiB, refused
 *       under VT-d and AMD-Vi (whose v2 process tables have no 64 KiB page). The 64 KiB pages of
 *       a GPU's own MMU (and Arm's 64 KiB granule) are not page sizes of these tables and are not
 *       modelled. {@code nesting} = {@link Nesting#HARDWARE}.</li>
 * </ul>
 * A GPU uses PCIe ATS: the scenario preset turns the device's ATC on unless
 * {@code ats.enabled} says otherwise (GPUs doing SVA — AMD's through amdkfd/IOMMUv2, Intel's
 * through the SVA API — are ATS and PRI devices), and PRI requires it. The link is the
 * device's (Gen4 x16 by default, as an NVIDIA A100 PCIe or AMD MI100 has).
 * The preset describes the device and the address spaces it expects; building them (allocating
 * the child IOASIDs, the process tables, binding and attaching each PASID) is the scenario's
 * (see {@code GpuPresetTest}). Each request is translated per TLP ({@link DmaEngine}): a 2 MiB
 * read in 4096 MRRS-512 blocks, a 2 MiB write in 8192 MPS-256 blocks; with ATS each TLP looks up
 * the device's ATC as the device issues it, and only ATC misses reach the IOMMU. Does not model:
 * the GPU's own MMU/TLBs, page migration, compute, or kernels/contexts switching.
 */
public record GpuConfig(int requestBytes, int outstanding, int processes, int pasidBase, double readFraction,
                        long bufferBytes, long baseVa, PageSize guestPageSize, Nesting nesting) {
    public GpuConfig {
        if (requestBytes < 1) {
            throw new IllegalArgumentException("requestBytes must be >= 1, got " + requestBytes);
        }
        if (outstanding < 1) {
            throw new IllegalArgumentException("outstanding must be >= 1, got " + outstanding);
        }
        if (processes < 1 || pasidBase < 0) {
            throw new IllegalArgumentException("need processes >= 1 and pasidBase >= 0, got " + processes + ", "
                    + pasidBase);
        }
        if (!(readFraction >= 0 && readFraction <= 1)) {
            throw new IllegalArgumentException("readFraction must be in [0, 1], got " + readFraction);
        }
        if (bufferBytes < requestBytes || bufferBytes % requestBytes != 0) {
            throw new IllegalArgumentException("bufferBytes must be a positive multiple of requestBytes ("
                    + requestBytes + "), got " + bufferBytes);
        }
        if (baseVa < 0 || guestPageSize == null || nesting == null || nesting == Nesting.NONE) {
            throw new IllegalArgumentException("need baseVa >= 0, a guest page size and HARDWARE or SOFTWARE nesting");
        }
    }

    /** The documented defaults. */
    public static GpuConfig defaults() {
        return new GpuConfig(2 << 20, 4, 4, 1, 0.5, 64L << 20, 0x7f00_0000_0000L, PageSize.SIZE_2M,
                Nesting.HARDWARE);
    }

    public GpuConfig withProcesses(int p) {
        return new GpuConfig(requestBytes, outstanding, p, pasidBase, readFraction, bufferBytes, baseVa,
                guestPageSize, nesting);
    }

    public GpuConfig withOutstanding(int n) {
        return new GpuConfig(requestBytes, n, processes, pasidBase, readFraction, bufferBytes, baseVa,
                guestPageSize, nesting);
    }

    public GpuConfig withBuffer(long bytes) {
        return new GpuConfig(requestBytes, outstanding, processes, pasidBase, readFraction, bytes, baseVa,
                guestPageSize, nesting);
    }

    public GpuConfig withGuestPageSize(PageSize size) {
        return new GpuConfig(requestBytes, outstanding, processes, pasidBase, readFraction, bufferBytes, baseVa, size,
                nesting);
    }

    public GpuConfig withNesting(Nesting n) {
        return new GpuConfig(requestBytes, outstanding, processes, pasidBase, readFraction, bufferBytes, baseVa,
                guestPageSize, n);
    }

    /** PASID of process {@code k}. */
    public int pasid(int k) {
        return pasidBase + k;
    }

    /** The engine shape: bulk requests, round-robin over the processes' PASIDs, tags for the outstanding. */
    public DmaConfig dmaConfig() {
        return DmaConfig.defaults().withRequestBytes(requestBytes).withReadFraction(readFraction)
                .withMaxOutstanding(outstanding).withPasids(pasidBase, processes);
    }

    public IssueMode issueMode() {
        return new IssueMode.ClosedLoop(outstanding);
    }

    /** Sequential sweep of each process's buffer (the same virtual range in every process). */
    public PatternSpec pattern() {
        return PatternSpec.of("sequential", baseVa, bufferBytes, requestBytes);
    }

    /** The device: a closed-loop engine under {@code prefix}, addresses from stream {@code <prefix>.address}. */
    public DmaEngine createEngine(Simulator sim, StatsRegistry registry, RandomStreams streams, String prefix,
                                  int device, TimedIommu iommu, PcieLink link) {
        return new DmaEngine(sim, registry, streams, prefix, device, dmaConfig(), issueMode(),
                AddressPatterns.create(pattern(), streams.stream(prefix + ".address")), iommu, link);
    }
}

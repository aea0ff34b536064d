package org.iommusim.hw.workload;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.iommu.control.CostModel;
import org.iommusim.hw.iommu.control.HostCpu;
import org.iommusim.hw.iommu.control.HostCpuConfig;
import org.iommusim.hw.device.AddressPatterns;
import org.iommusim.hw.device.DmaConfig;
import org.iommusim.hw.device.DmaEngine;
import org.iommusim.hw.device.IssueMode;
import org.iommusim.hw.device.PatternSpec;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.iommu.inval.InvQueueConfig;
import org.iommusim.hw.iommu.inval.InvalidationQueue;
import org.iommusim.hw.ioasid.AllocSpec;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.iommu.datapath.PteMemory;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.memtiming.MemoryConfig;
import org.iommusim.hw.memtiming.MemoryModel;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.pcie.LinkConfig;
import org.iommusim.hw.pcie.PcieLink;
import org.iommusim.hw.testing.TreeFixture;

/**
 * A guest behind a vIOMMU: a 4-level GPA parent mapping {@link #GUEST_BYTES} of guest memory
 * at {@link #HPA} with 4 KiB pages (the pinned DMA buffers one mapping per page, so that parent
 * churn can remap each), a 4-level bind-invalidate child nested on it by hardware or by a shadow
 * (caching mode as asked), its guest table in guest memory, {@link #PINNED_PAGES} statically
 * mapped DMA buffers (IOVA {@link #DMA_IOVA} → GPA {@link #DMA_GPA}), one device (id 1,
 * PASID 0) on the child, and the timed IOMMU, host CPU, invalidation queue and control plane.
 */
final class NestingRig {
    static final long GUEST_BYTES = 16L << 20;
    static final long HPA = 0x40_0000_0000L;
    static final long ALT_HPA = 0x50_0000_0000L;
    static final long TABLE_GPA = 0x10_0000L;
    static final long DMA_IOVA = 0x1000_0000L;
    static final long DMA_GPA = 0x40_0000L;
    static final int PINNED_PAGES = 512;
    static final long BUF_IOVA = 0x2000_0000L;
    static final long BUF_GPA = 0x80_0000L;
    static final int DEVICE = 1;

    final TreeFixture f = new TreeFixture();
    final Simulator sim = new Simulator();
    final StatsRegistry stats = new StatsRegistry(sim);
    final RandomStreams streams;
    final int parent;
    final int child;
    final GuestPageTable table;
    final TimedIommu iommu;
    final PcieLink link;
    final HostCpu cpu;
    final TimedControlPlane tcp;
    final WorkloadContext ctx;

    NestingRig(long seed, Nesting nesting, boolean cachingMode, int cores) {
        streams = new RandomStreams(seed, 0);
        parent = f.root(4);
        long pinnedEnd = DMA_GPA + PINNED_PAGES * 4096L;
        f.map(parent, 0, HPA, DMA_GPA, PageSize.SIZE_4K);
        for (long gpa = DMA_GPA; gpa < pinnedEnd; gpa += 4096) { // one mapping per page: churn remaps each
            f.map(parent, gpa, HPA + gpa, 4096, PageSize.SIZE_4K);
        }
        f.map(parent, pinnedEnd, HPA + pinnedEnd, GUEST_BYTES - pinnedEnd, PageSize.SIZE_4K);
        AllocSpec spec = AllocSpec.child(parent, Mode.BIND_INVALIDATE, nesting, 4).withCachingMode(cachingMode);
        child = f.alloc(spec);
        table = f.guestTable(child, TABLE_GPA, DMA_GPA);
        for (int i = 0; i < PINNED_PAGES; i++) {
            TreeFixture.ok(table.map(DMA_IOVA + i * 4096L, DMA_GPA + i * 4096L, PageSize.SIZE_4K, Prot.RW));
        }
        f.invalidate(child, DMA_IOVA, PINNED_PAGES * 4096L); // a shadow syncs the pinned buffers
        f.attach(DEVICE, 0, child);
        MemoryModel mem = new MemoryModel(sim, stats, streams, "mem", MemoryConfig.fixed(80 * SimTime.NS));
        iommu = new TimedIommu(TimedIommuConfig.defaults(), sim, stats, streams, f.cp, PteMemory.of(mem), "iommu");
        link = new PcieLink(sim, stats, "link", LinkConfig.defaults());
        cpu = new HostCpu(sim, stats, "host", new HostCpuConfig(cores));
        InvalidationQueue queue = new InvalidationQueue(sim, stats, "invq", InvQueueConfig.defaults(),
                iommu.effectHook());
        tcp = new TimedControlPlane(sim, stats, "cp", f.cp, iommu, cpu, CostModel.defaults(), queue,
                UnmapPolicy.strictPolicy());
        ctx = new WorkloadContext(sim, stats, streams, f.cp, tcp, id -> id == child ? table : null);
    }

    /** An open-loop device reading uniformly random pinned pages at {@code iops}. */
    DmaEngine device(double iops) {
        PatternSpec p = PatternSpec.of("uniform", DMA_IOVA, PINNED_PAGES * 4096L, 4096);
        DmaEngine e = new DmaEngine(sim, stats, streams, "dev1", DEVICE, DmaConfig.defaults(),
                new IssueMode.OpenLoop(iops, false), AddressPatterns.create(p, streams.stream("dev1.address")), iommu,
                link);
        return e;
    }

    ControlWorkload workload(WorkloadConfig spec, String prefix) {
        return spec.create(ctx, prefix);
    }

    long counter(String name) {
        return ((Counter) stats.get(name)).get();
    }

    /** PTE memory reads of the IOMMU's walks so far, all stages and levels. */
    long pteReads() {
        long n = 0;
        for (int stage = 1; stage <= 2; stage++) {
            for (int level = 1; level <= 5; level++) {
                n += counter("iommu.walk.pte-reads.s" + stage + ".l" + level);
            }
        }
        return n;
    }

    /** Host core time of every control-plane operation kind. */
    long controlCpuPs() {
        long n = 0;
        for (org.iommusim.hw.iommu.control.OpStats.Kind k : org.iommusim.hw.iommu.control.OpStats.Kind.values()) {
            n += tcp.stats().cpuTime(k);
        }
        return n;
    }
}

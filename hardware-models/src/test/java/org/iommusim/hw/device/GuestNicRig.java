package org.iommusim.hw.device;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.iommu.control.CostModel;
import org.iommusim.hw.iommu.control.HostCpu;
import org.iommusim.hw.iommu.control.HostCpuConfig;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.iommu.inval.InvQueueConfig;
import org.iommusim.hw.iommu.inval.InvalidationQueue;
import org.iommusim.hw.ioasid.AllocSpec;
import org.iommusim.hw.ioasid.IoasidStats;
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
import org.iommusim.hw.pcie.LinkConfig;
import org.iommusim.hw.pcie.PcieLink;
import org.iommusim.hw.testing.TreeFixture;

/**
 * A NIC inside a VM, built like {@code hw.workload.NestingRig}: a 4-level GPA parent mapping
 * {@link #GUEST_BYTES} of guest memory at {@link #HPA} with 4 KiB pages, a 4-level
 * bind-invalidate child nested on it by hardware or by a shadow (caching mode and lazy fill as
 * asked), an empty guest table in guest memory at {@link #TABLE_GPA}, one device (id 1, PASID 0)
 * on the child, the timed IOMMU, host CPU (2 cores), invalidation queue and control plane
 * ({@code cp}), and a guest {@link Nic} (prefix {@code nic}, engine {@code dev1}) whose buffers
 * are at IOVA {@link #BUF_IOVA} → GPA {@link #BUF_GPA}. Nothing is mapped in the child.
 */
final class GuestNicRig {
    static final long GUEST_BYTES = 16L << 20;
    static final long HPA = 0x40_0000_0000L;
    static final long TABLE_GPA = 0x10_0000L;
    static final long BUF_GPA = 0x40_0000L;
    static final long BUF_IOVA = 0x1000_0000L;
    static final int DEVICE = 1;

    final TreeFixture f = new TreeFixture();
    final Simulator sim = new Simulator();
    final StatsRegistry stats = new StatsRegistry(sim);
    final RandomStreams streams;
    final int parent;
    final int child;
    final GuestPageTable table;
    final TimedIommu iommu;
    final TimedControlPlane tcp;
    final DmaEngine engine;
    final Nic nic;

    GuestNicRig(long seed, Nesting nesting, boolean cachingMode, boolean lazyFill, NicConfig config) {
        streams = new RandomStreams(seed, 0);
        parent = f.root(4);
        f.map(parent, 0, HPA, GUEST_BYTES, PageSize.SIZE_4K);
        child = f.alloc(AllocSpec.child(parent, Mode.BIND_INVALIDATE, nesting, 4).withCachingMode(cachingMode)
                .withLazyFill(lazyFill));
        table = f.guestTable(child, TABLE_GPA, BUF_GPA);
        f.attach(DEVICE, 0, child);
        MemoryModel mem = new MemoryModel(sim, stats, streams, "mem", MemoryConfig.fixed(80 * SimTime.NS));
        iommu = new TimedIommu(TimedIommuConfig.defaults(), sim, stats, streams, f.cp, PteMemory.of(mem), "iommu");
        PcieLink link = new PcieLink(sim, stats, "link", LinkConfig.defaults());
        HostCpu cpu = new HostCpu(sim, stats, "host", new HostCpuConfig(2));
        InvalidationQueue queue = new InvalidationQueue(sim, stats, "invq", InvQueueConfig.defaults(),
                iommu.effectHook());
        tcp = new TimedControlPlane(sim, stats, "cp", f.cp, iommu, cpu, CostModel.defaults(), queue,
                UnmapPolicy.strictPolicy());
        engine = new DmaEngine(sim, stats, streams, "dev1", DEVICE, DmaConfig.defaults(), new IssueMode.Driven(), null,
                iommu, link);
        nic = Nic.inGuest(sim, stats, "nic", config, engine, tcp, table, BUF_IOVA, BUF_GPA);
    }

    /** Starts the NIC, stops its arrivals at {@code until}, then drains everything in flight. */
    GuestNicRig run(long until) {
        nic.start();
        sim.runUntil(until);
        nic.stop();
        sim.run();
        return this;
    }

    long counter(String name) {
        return ((Counter) stats.get(name)).get();
    }

    IoasidStats child() {
        return f.cp.stats(child);
    }

    /** Translations that faulted, every reason. */
    long faults() {
        long n = 0;
        for (org.iommusim.hw.pagetable.FaultReason r : org.iommusim.hw.pagetable.FaultReason.values()) {
            n += engine.stats().faults(r);
        }
        return n;
    }
}

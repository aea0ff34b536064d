package org.iommusim.hw.device;

import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.datapath.PteMemory;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.memtiming.MemoryConfig;
import org.iommusim.hw.memtiming.MemoryModel;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.LinkConfig;
import org.iommusim.hw.pcie.PcieLink;
import org.iommusim.hw.testing.TreeFixture;

/**
 * One device (id 1, PASID 0) on a timed IOMMU over a 4-level single-stage table mapping
 * {@code mappedBytes} at {@link #BASE} with the given page size, a fixed-latency memory for PTE
 * reads, and a PCIe link.
 */
final class DeviceRig {
    static final long BASE = 0x1000_0000L;
    static final long HPA = 0x40_0000_0000L;
    static final int DEVICE = 1;

    final TreeFixture f = new TreeFixture();
    final Simulator sim = new Simulator();
    final StatsRegistry stats = new StatsRegistry(sim);
    final RandomStreams streams;
    final TimedIommu iommu;
    final PcieLink link;
    DmaEngine engine;

    DeviceRig(long seed, TimedIommuConfig iommuConfig, long pteLatencyPs, LinkConfig linkConfig, long mappedBytes,
              PageSize pageSize) {
        streams = new RandomStreams(seed, 0);
        int root = f.root(4);
        if (mappedBytes > 0) {
            f.map(root, BASE, HPA, mappedBytes, pageSize);
        }
        f.attach(DEVICE, 0, root);
        MemoryModel mem = new MemoryModel(sim, stats, streams, "mem", MemoryConfig.fixed(pteLatencyPs));
        iommu = new TimedIommu(iommuConfig, sim, stats, streams, f.cp, PteMemory.of(mem), "iommu");
        link = new PcieLink(sim, stats, "link", linkConfig);
    }

    DmaEngine device(DmaConfig config, IssueMode mode, PatternSpec pattern) {
        engine = new DmaEngine(sim, stats, streams, "dev1", DEVICE, config, mode,
                AddressPatterns.create(pattern, streams.stream("dev1.address")), iommu, link);
        return engine;
    }

    /** A device with no IOMMU on its path (its DMAs are not translated). */
    DmaEngine deviceWithoutIommu(DmaConfig config, IssueMode mode, PatternSpec pattern) {
        engine = new DmaEngine(sim, stats, streams, "dev1", DEVICE, config, mode,
                AddressPatterns.create(pattern, streams.stream("dev1.address")), null, link);
        return engine;
    }

    long counter(String name) {
        return ((Counter) stats.get(name)).get();
    }
}

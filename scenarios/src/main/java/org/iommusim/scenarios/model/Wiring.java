package org.iommusim.scenarios.model;

import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.pagetable.PageSize;

/**
 * What one replication's components are wired to: its simulator, statistics, random streams,
 * the functional tree, the timed IOMMU and the timed control plane. Built once per replication
 * by {@link Assembly}; devices and workloads take what they need from it.
 */
record Wiring(Simulator sim, StatsRegistry stats, RandomStreams streams, AddressSpaces spaces, TimedIommu iommu,
              TimedControlPlane tcp, Located at, org.iommusim.hw.iommu.arch.ArchPreset arch) {
    /** The page size of device key {@code path}: one of the sizes, and one the IOMMU preset's tables encode. */
    PageSize pageSize(String path, long bytes) {
        return Pages.size(at, path, bytes, arch);
    }
}

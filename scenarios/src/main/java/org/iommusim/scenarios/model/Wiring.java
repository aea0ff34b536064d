package org.iommusim.scenarios.model;

import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.iommu.datapath.TimedIommu;

/**
 * What one replication's components are wired to: its simulator, statistics, random streams,
 * the functional tree, the timed IOMMU and the timed control plane. Built once per replication
 * by {@link Assembly}; devices and workloads take what they need from it.
 */
record Wiring(Simulator sim, StatsRegistry stats, RandomStreams streams, AddressSpaces spaces, TimedIommu iommu,
              TimedControlPlane tcp, Located at) {
}

package org.iommusim.scenarios.model;

import java.nio.file.Path;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.DistributionSpec;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.scenarios.schema.DistributionSection;

/**
 * What one replication's components are wired to: its simulator, statistics, random streams,
 * the functional tree, the timed IOMMU and the timed control plane, and the scenario file's folder
 * (for files the scenario names). Built once per replication
 * by {@link Assembly}; devices and workloads take what they need from it.
 */
record Wiring(Simulator sim, StatsRegistry stats, RandomStreams streams, AddressSpaces spaces, TimedIommu iommu,
              TimedControlPlane tcp, Located at, org.iommusim.hw.iommu.arch.ArchPreset arch, Path baseDir) {
    /** The page size of device key {@code path}: one of the sizes, and one the IOMMU preset's tables encode. */
    PageSize pageSize(String path, long bytes) {
        return Pages.size(at, path, bytes, arch);
    }

    /**
     * The distribution of the {@code …Distribution} key {@code key} (null: its fixed value); an
     * empirical file is read relative to the scenario file, bad input is reported at {@code key}.
     */
    DistributionSpec distribution(String key, DistributionSection section) {
        return at.build(key, () -> section.toSpec(baseDir));
    }
}

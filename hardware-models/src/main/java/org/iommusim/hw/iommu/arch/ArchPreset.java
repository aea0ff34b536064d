package org.iommusim.hw.iommu.arch;

import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.fault.FaultFormats;
import org.iommusim.hw.iommu.inval.QueueFormats;
import org.iommusim.hw.memtiming.MemoryConfig;

/**
 * One IOMMU architecture's defaults: the shape and timing of its translation structures
 * ({@link TimedIommuConfig}: IOTLB, walk caches per stage × level, nested TLB / IPA cache,
 * context/device-table cache and the reads its miss costs, walkers, in-flight bounds, pipeline)
 * and the memory its tables are read from ({@link MemoryConfig}), and what it supports
 * ({@link Capabilities}: a scenario asking for more is rejected at load). A scenario's
 * {@code iommu.preset} selects one; every key the scenario leaves out takes the preset's value.
 *
 * <p>Adding a default is one component here and one argument in each preset's class; adding a
 * preset is one class and one line in {@link ArchPresets#BUILT_IN}. It models nothing by itself.
 *
 * @param name   the scenario name ({@code intel-vtd})
 * @param doc    one line: what the preset models and its main source
 * @param iommu  the timed IOMMU's structures
 * @param memory the page-table memory
 * @param caps   what the architecture supports
 * @param queues its command/invalidation queue format (commands, Linux depth, range limit); null
 *               keeps the reference's queue section
 * @param faults its fault and page-request queues (fault records, page-request entries); null keeps
 *               the reference's fault-queue and PRI sections
 */
public record ArchPreset(String name, String doc, TimedIommuConfig iommu, MemoryConfig memory, Capabilities caps,
                         QueueFormats queues, FaultFormats faults) {
    public ArchPreset {
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("preset name must be lower-case words joined by '-', got " + name);
        }
        if (doc == null || doc.isBlank() || iommu == null || memory == null || caps == null) {
            throw new IllegalArgumentException("preset " + name + " needs a doc, iommu and memory configurations and"
                    + " capabilities");
        }
    }
}

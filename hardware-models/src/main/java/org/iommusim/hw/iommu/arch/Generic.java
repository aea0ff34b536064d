package org.iommusim.hw.iommu.arch;

import java.util.List;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.memtiming.MemoryConfig;

/**
 * The {@code generic} preset: the IOMMU the simulator modelled before architecture presets, with
 * gem5's SMMUv3 parameters at an assumed 1 GHz (IOTLB 2048 entries 4-way round-robin, 8 walk-cache
 * instances of 64 entries, nested TLB 128, context cache 64 with 4 reads per miss, 16 walkers,
 * 64 translations in flight) over an 80 ns page-table memory. Its values are written once, in
 * {@link TimedIommuConfig#defaults()} and {@link MemoryConfig#defaults()} (the hardware models'
 * own defaults, which the unit tests use), with their sources there. It models no particular
 * architecture: a reference point that closed-form tests and older results rely on.
 */
final class Generic {
    static final ArchPreset PRESET = new ArchPreset("generic",
            "gem5's SMMUv3 parameters (no particular architecture): the simulator's values before presets",
            TimedIommuConfig.defaults(), MemoryConfig.defaults(),
            new Capabilities(20, true, true, true, Capabilities.X86_PAGES, List.of(3, 4, 5), List.of(3, 4, 5),
                    "generic: everything the model can simulate"), null, null);

    private Generic() {
    }
}

package org.iommusim.hw.testing;

import org.iommusim.hw.iommu.arch.ArchPreset;
import org.iommusim.hw.iommu.arch.ArchPresets;
import org.iommusim.hw.iommu.inval.InvQueueConfig;

/**
 * What the tests that run a closed form under every architecture preset take from a preset
 * besides its {@code iommu()}: its invalidation queue (the preset's format, Linux depth and range
 * limit; the reference queue for a preset that names none, as a scenario gets). The preset names
 * themselves come from {@code org.iommusim.hw.iommu.arch.ArchPresets#names} as a JUnit
 * {@code @MethodSource}.
 */
public final class PresetFixture {
    private PresetFixture() {
    }

    /** The invalidation queue a scenario under {@code preset} gets by default. */
    public static InvQueueConfig invQueue(String preset) {
        ArchPreset p = ArchPresets.get(preset);
        return p.queues() == null ? InvQueueConfig.defaults() : InvQueueConfig.defaults(p.queues());
    }
}

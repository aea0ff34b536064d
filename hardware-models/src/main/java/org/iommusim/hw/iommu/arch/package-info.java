/**
 * IOMMU architecture presets: each {@link org.iommusim.hw.iommu.arch.ArchPreset} is a record of
 * every default of one IOMMU architecture (Intel VT-d, Arm SMMUv3, AMD-Vi, and the gem5-derived
 * {@code generic}), and {@link org.iommusim.hw.iommu.arch.ArchPresets} is the one list of them.
 * The scenario schema takes the defaults of its {@code iommu} section from the chosen preset, so
 * a default is written once, in the preset's class, next to its source (docs/CALIBRATION.md,
 * section "Architecture presets").
 *
 * <p>Presets are data: they configure the structures of {@code hw.iommu} and {@code hw.memtiming};
 * they add no behaviour of their own.
 */
package org.iommusim.hw.iommu.arch;

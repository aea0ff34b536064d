package org.iommusim.hw.iommu.arch;

import java.util.List;
import java.util.Optional;

/**
 * The one list of IOMMU architecture presets, in documentation order, and the default one.
 * {@code generic} keeps the values the simulator had before presets (gem5's SMMUv3 parameters);
 * the others model one architecture each; {@code intel-vtd} is the default. Stateless.
 */
public final class ArchPresets {
    /** Every built-in preset. */
    public static final List<ArchPreset> BUILT_IN = List.of(IntelVtd.PRESET, ArmSmmuV3.PRESET, AmdVi.PRESET,
            Generic.PRESET);
    /** The preset a scenario gets when it names none: Intel's, whose data path is calibrated (pcie-bench). */
    public static final ArchPreset DEFAULT = IntelVtd.PRESET;

    private ArchPresets() {
    }

    /** The names, in documentation order. */
    public static List<String> names() {
        return BUILT_IN.stream().map(ArchPreset::name).toList();
    }

    /** The preset called {@code name}, if any. */
    public static Optional<ArchPreset> find(String name) {
        return BUILT_IN.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The preset called {@code name}; a clear message naming the allowed ones otherwise. */
    public static ArchPreset get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown IOMMU preset '" + name
                + "'; allowed: " + String.join(", ", names())));
    }
}

package org.iommusim.scenarios.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iommusim.scenarios.config.Schema;

/**
 * The list of device presets by name. Immutable; {@link #BUILT_IN} is the model's (a new preset is
 * a class implementing {@link DevicePreset} and one line there), {@link #with} a copy with one more
 * (a test's example preset). Unknown names fail with the valid ones.
 */
public final class DevicePresets {
    /** The model's presets, in documentation order. */
    public static final DevicePresets BUILT_IN = new DevicePresets(List.of(
            new NicPreset(),
            new NvmePreset(),
            new GpuPreset(),
            new DmaPreset(),
            new TracePreset()));

    private final Map<String, DevicePreset<?>> byName = new LinkedHashMap<>();

    DevicePresets(List<DevicePreset<?>> presets) {
        for (DevicePreset<?> p : presets) {
            if (byName.putIfAbsent(p.name(), p) != null) {
                throw new IllegalArgumentException("two device presets are named '" + p.name() + "'");
            }
        }
    }

    /** These presets and {@code extra} after them. */
    public DevicePresets with(DevicePreset<?> extra) {
        List<DevicePreset<?>> all = new ArrayList<>(byName.values());
        all.add(extra);
        return new DevicePresets(all);
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public DevicePreset<?> get(String name) {
        DevicePreset<?> p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown device preset '" + name + "'; valid: " + names());
        }
        return p;
    }

    /** One schema section per preset, under its name. */
    List<Schema.SectionType> sections() {
        return byName.values().stream().map(p -> new Schema.SectionType(p.name(), "Preset kind " + p.name() + ": "
                + p.doc(), p.section())).map(Schema.SectionType.class::cast).toList();
    }
}

package org.iommusim.scenarios.model;

import java.nio.file.Path;
import org.iommusim.hw.device.DmaEngine;
import org.iommusim.hw.pcie.PcieLink;
import org.iommusim.scenarios.schema.DeviceSpec;

/**
 * Builds one device of a scenario: its PCIe link, pass-through and ATS on the IOMMU, then the
 * engine (and driver) of its preset, looked up by {@code kind} in {@link DevicePresets} and given
 * its own section. Statistics of device {@code d} are under {@code dev.d} (its link under
 * {@code dev.d.link}); random streams likewise.
 */
final class Devices {
    /** A built device: started when the measurement setup is done. */
    interface Built {
        DmaEngine engine();

        void start();
    }

    private Devices() {
    }

    static Built build(Wiring w, DevicePresets presets, DeviceSpec d, int id, Path baseDir) {
        String path = "devices." + d.name();
        DevicePreset<?> preset = presets.get(d.kind());
        PcieLink link = w.at().build(path + ".link", () -> new PcieLink(w.sim(), w.stats(), "dev." + d.name() + ".link",
                d.link().toConfig(preset.linkWidth())));
        if (d.translation() == DeviceSpec.Translation.PASS_THROUGH) {
            w.iommu().setPassThrough(id);
        }
        if (d.atsEnabled(k -> preset.usesAts())) {
            w.iommu().enableAts(id, w.at().build(path + ".ats", () -> d.ats().toConfig()));
        }
        return build(preset, new DevicePreset.Build(w, d, id, path, link, baseDir));
    }

    private static <S extends Record> Built build(DevicePreset<S> preset, DevicePreset.Build b) {
        return preset.build(b, b.d().presets().get(preset.name(), preset.section()));
    }

    static Built of(DmaEngine engine, Runnable start) {
        return new Built() {
            @Override
            public DmaEngine engine() {
                return engine;
            }

            @Override
            public void start() {
                start.run();
            }
        };
    }
}

package org.iommusim.scenarios.model;

import java.nio.file.Path;
import org.iommusim.hw.iommu.datapath.TimedIommu;
import org.iommusim.hw.pcie.PcieLink;
import org.iommusim.scenarios.schema.DeviceSpec;

/**
 * One device preset (the {@code kind} of a {@code devices} element): its config name, its
 * section's record (the keys under {@code devices.<name>.<preset>}, with defaults read from the
 * hardware model's {@code *Config.defaults()}), what it supports, and how it builds the device.
 * The presets are listed once, in {@link DevicePresets#BUILT_IN}; the schema and reference.yaml
 * take the {@code kind} names and sections from there.
 *
 * @param <S> the section record
 */
public interface DevicePreset<S extends Record> {
    /** The config name ({@code nic}, {@code nvme}). */
    String name();

    /** What the preset models, one phrase (the section's documentation). */
    String doc();

    /** The section record; a static {@code defaults()} on it gives its keys' defaults. */
    Class<S> section();

    /** Whether the device needs an IOMMU on its path (it cannot run with {@code translation: none}). */
    default boolean needsIommu() {
        return false;
    }

    /** Whether the device uses ATS when its {@code ats.enabled} is not set. */
    default boolean usesAts() {
        return false;
    }

    /**
     * The device's PCIe lanes when {@code link.width} is 0 (its default): x16, or what the real
     * devices the preset models have (an NVMe drive: x4).
     */
    default int linkWidth() {
        return 16;
    }

    /** Builds the device from its section; bad values throw located bad input through {@code b.at()}. */
    Devices.Built build(Build b, S section);

    /**
     * What a preset builds a device with: the replication's wiring, the device's element, its
     * requester id, config path ({@code devices.<name>}), PCIe link and the scenario file's folder.
     */
    record Build(Wiring w, DeviceSpec d, int id, String path, PcieLink link, Path baseDir) {
        /** Located bad input and model building. */
        public Located at() {
            return w.at();
        }

        /** The statistics and random-stream prefix {@code dev.<name>}. */
        public String prefix() {
            return "dev." + d.name();
        }

        /** The IOMMU translating the device's DMA, or null when the device has none on its path. */
        public TimedIommu iommu() {
            return d.translation() == DeviceSpec.Translation.NONE ? null : w.iommu();
        }

        /** Attaches the device's PASID to its IOASID and returns the IOASID's id. */
        public int attach() {
            int ioasid = w.spaces().id(d.ioasid());
            w.spaces().controlPlane().registerDevice(id);
            w.at().ok(path + ".ioasid", "attaching device " + id + " PASID " + d.pasid(),
                    w.spaces().controlPlane().attach(id, d.pasid(), ioasid));
            return ioasid;
        }
    }
}

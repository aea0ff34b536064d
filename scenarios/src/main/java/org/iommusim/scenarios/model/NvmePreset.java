package org.iommusim.scenarios.model;

import static org.iommusim.scenarios.config.Key.Kind.SIZE;

import org.iommusim.hw.device.DmaEngine;
import org.iommusim.hw.device.NvmeConfig;
import org.iommusim.scenarios.config.Key;

/**
 * The {@code nvme} preset: random block I/O at a fixed queue depth (fio randrw), a closed-loop
 * {@link DmaEngine} over a uniformly drawn working set. Defaults are {@link NvmeConfig#defaults()};
 * the IOVA of the working set is this layer's.
 */
final class NvmePreset implements DevicePreset<NvmePreset.Spec> {
    /** The {@code nvme} section. */
    record Spec(
            @Key(doc = "Bytes per I/O", kind = SIZE, min = "1B", max = "1GiB") long blockBytes,
            @Key(doc = "I/Os outstanding (datasheet QD32)", unit = "I/Os", min = "1", max = "65536") int queueDepth,
            @Key(doc = "Storage reads among I/Os (a storage read is a DMA write)", min = "0", max = "1") double readFraction,
            @Key(doc = "Buffers the I/Os land in uniformly at random (must be mapped)", kind = SIZE, min = "1B") long workingSet,
            @Key(doc = "IOVA of the working set", kind = SIZE) long iovaBase) {

        static Spec defaults() {
            NvmeConfig c = NvmeConfig.defaults();
            return new Spec(c.blockBytes(), c.queueDepth(), c.readFraction(), c.workingSetBytes(), 1L << 30);
        }
    }

    @Override
    public String name() {
        return "nvme";
    }

    @Override
    public String doc() {
        return "random block I/O at a fixed queue depth";
    }

    @Override
    public Class<Spec> section() {
        return Spec.class;
    }

    @Override
    public Devices.Built build(Build b, Spec n) {
        Wiring w = b.w();
        b.attach();
        NvmeConfig config = w.at().build(b.path() + ".nvme", () -> new NvmeConfig(Math.toIntExact(n.blockBytes()),
                n.queueDepth(), n.readFraction(), n.workingSet(), b.d().pasid()));
        DmaEngine engine = w.at().build(b.path() + ".nvme", () -> config.createEngine(w.sim(), w.stats(), w.streams(),
                b.prefix(), b.id(), n.iovaBase(), b.iommu(), b.link()));
        return Devices.of(engine, engine::start);
    }
}

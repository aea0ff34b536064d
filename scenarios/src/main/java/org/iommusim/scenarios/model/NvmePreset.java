package org.iommusim.scenarios.model;

import static org.iommusim.scenarios.config.Key.Kind.DURATION;
import static org.iommusim.scenarios.config.Key.Kind.SIZE;

import org.iommusim.core.random.DistributionSpec;
import org.iommusim.hw.device.DmaEngine;
import org.iommusim.hw.device.FlashConfig;
import org.iommusim.hw.device.NvmeConfig;
import org.iommusim.hw.device.NvmeDrive;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.scenarios.config.Key;
import org.iommusim.scenarios.schema.DistributionSection;

/**
 * The {@code nvme} preset: a datacenter NVMe drive ({@link NvmeDrive}) doing random block I/O at
 * a fixed queue depth (fio randrw). It models the NVMe protocol's DMAs per I/O (64 B command
 * fetch, PRP list, data, 16 B completion entry, MSI-X write, each translated) and a flash back
 * end of dies and channels that sets the latency, and a controller that handles one command at a
 * time at the datasheet's random-read rate ({@code controllerIops}); it does not model several
 * queue pairs or garbage collection. The host's CPU per I/O is the device's
 * {@code driver.perPacket} (default {@link NvmeConfig#HOST_PER_IO_PS}, 1.25 µs). Defaults are
 * {@link NvmeConfig#defaults()} and {@link FlashConfig#defaults()}: a Samsung PM9A3-class Gen4
 * x4 drive on Samsung V6 TLC NAND (datasheet and NAND figures in docs/CALIBRATION.md); the
 * preset's link is Gen4 x4 unless {@code link.width} says otherwise. The driver maps its queue
 * memory at start on the device's IOASID (host physical on a map-unmap IOASID, through the guest
 * table on a bind-invalidate one); the scenario maps the working set.
 */
final class NvmePreset implements DevicePreset<NvmePreset.Spec> {
    /** The {@code nvme} section. */
    record Spec(
            @Key(doc = "Bytes per I/O", kind = SIZE, min = "1B", max = "1GiB") long blockBytes,
            @Key(doc = "I/Os outstanding (datasheet QD32)", unit = "I/Os", min = "1", max = "1023") int queueDepth,
            @Key(doc = "Storage reads among I/Os (a storage read is a DMA write)", min = "0", max = "1") double readFraction,
            @Key(doc = "Buffers the I/Os land in uniformly at random (must be mapped)", kind = SIZE, min = "1B") long workingSet,
            @Key(doc = "IOVA of the working set", kind = SIZE) long iovaBase,
            @Key(doc = "IOVA of the queue memory the driver maps at start (SQ, CQ, MSI page, PRP lists), 4 KiB aligned", kind = SIZE) long queueIova,
            @Key(doc = "Address the queue memory maps to: host physical on a map-unmap IOASID, guest physical (mapped by the parent) on a bind-invalidate one", kind = SIZE) long queueAddr,
            @Key(doc = "Commands per second the controller processes, one at a time (datasheet random-read IOPS; PM9A3: 900 K); 0: no limit", unit = "commands/s", min = "0") long controllerIops,
            @Key(doc = "Draw each command's controller time from a distribution instead of 1 / controllerIops (the controller still takes one command at a time)") DistributionSection commandTimeDistribution,
            @Key(doc = "The drive's flash") Flash flash) {

        static Spec defaults() {
            NvmeConfig c = NvmeConfig.defaults();
            return new Spec(c.blockBytes(), c.queueDepth(), c.readFraction(), c.workingSetBytes(), 1L << 30,
                    768L << 20, 8L << 20, c.controllerIops(), DistributionSection.NONE, Flash.defaults());
        }
    }

    /** The {@code nvme.flash} section: dies, channels, NAND latencies, write buffer. */
    record Flash(
            @Key(doc = "NAND dies; each senses or programs one page at a time", unit = "dies", min = "1", max = "65536") int dies,
            @Key(doc = "Channels between dies and controller (die i on channel i mod channels)", unit = "channels", min = "1", max = "1024") int channels,
            @Key(doc = "Bandwidth of one channel in GB/s (Toggle DDR 4.0: 1.4)", unit = "GB/s", min = "0.001", max = "1000") double channelGBps,
            @Key(doc = "Shortest page read (tR)", kind = DURATION, min = "0ps", max = "1s") long readMin,
            @Key(doc = "Longest page read (tR); reads are uniform between the two", kind = DURATION, min = "0ps", max = "1s") long readMax,
            @Key(doc = "Shortest page program (tPROG)", kind = DURATION, min = "0ps", max = "1s") long programMin,
            @Key(doc = "Longest page program (tPROG)", kind = DURATION, min = "0ps", max = "1s") long programMax,
            @Key(doc = "Bytes one program writes", kind = SIZE, min = "1B", max = "1GiB") long programBytes,
            @Key(doc = "Write buffer: writes not yet programmed; a write waits when it is full", kind = SIZE, min = "1B") long writeBuffer,
            @Key(doc = "Shortest time to accept a write into the buffer", kind = DURATION, min = "0ps", max = "1s") long bufferMin,
            @Key(doc = "Longest time to accept a write into the buffer", kind = DURATION, min = "0ps", max = "1s") long bufferMax) {

        static Flash defaults() {
            FlashConfig f = FlashConfig.defaults();
            return new Flash(f.dies(), f.channels(), f.channelBytesPerSecond() / 1e9, f.readMinPs(), f.readMaxPs(),
                    f.programMinPs(), f.programMaxPs(), f.programBytes(), f.writeBufferBytes(), f.bufferMinPs(),
                    f.bufferMaxPs());
        }

        FlashConfig toConfig() {
            return new FlashConfig(dies, channels, channelGBps * 1e9, readMin, readMax, programMin, programMax,
                    Math.toIntExact(programBytes), writeBuffer, bufferMin, bufferMax);
        }
    }

    @Override
    public String name() {
        return "nvme";
    }

    @Override
    public String doc() {
        return "NVMe drive: random block I/O at a fixed queue depth, protocol DMAs, flash dies";
    }

    @Override
    public Class<Spec> section() {
        return Spec.class;
    }

    @Override
    public int linkWidth() {
        return 4;
    }

    @Override
    public Devices.Built build(Build b, Spec n) {
        Wiring w = b.w();
        String p = b.path() + ".nvme";
        int ioasid = b.attach();
        FlashConfig flash = w.at().build(p + ".flash", () -> n.flash().toConfig());
        DistributionSpec commandTime = w.distribution(p + ".commandTimeDistribution", n.commandTimeDistribution());
        NvmeConfig config = w.at().build(p, () -> new NvmeConfig(Math.toIntExact(n.blockBytes()), n.queueDepth(),
                n.readFraction(), n.workingSet(), b.d().pasid(), n.controllerIops(), flash, commandTime));
        DmaEngine engine = w.at().build(p, () -> config.createEngine(w.sim(), w.stats(), w.streams(), b.prefix(), b.id(),
                b.iommu(), b.link()));
        long perIo = b.d().driver().perPacketPs(NvmeConfig.HOST_PER_IO_PS);
        NvmeDrive drive;
        if (w.spaces().controlPlane().ioasid(ioasid).mode() == Mode.BIND_INVALIDATE) {
            drive = w.at().build(p, () -> NvmeDrive.inGuest(w.sim(), w.stats(), w.streams(), b.prefix(), config, engine,
                    w.tcp(), w.spaces().guestTable(ioasid), n.iovaBase(), n.queueIova(), n.queueAddr(), perIo));
        } else {
            drive = w.at().build(p, () -> NvmeDrive.onHost(w.sim(), w.stats(), w.streams(), b.prefix(), config, engine,
                    w.tcp(), ioasid, n.iovaBase(), n.queueIova(), n.queueAddr(), perIo));
        }
        return Devices.of(engine, drive::start);
    }
}

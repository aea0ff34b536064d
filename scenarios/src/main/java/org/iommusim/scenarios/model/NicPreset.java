package org.iommusim.scenarios.model;

import static org.iommusim.scenarios.config.Key.Kind.DURATION;
import static org.iommusim.scenarios.config.Key.Kind.SIZE;

import org.iommusim.hw.device.DmaConfig;
import org.iommusim.hw.device.DriverConfig;
import org.iommusim.hw.device.DmaEngine;
import org.iommusim.hw.device.IssueMode;
import org.iommusim.hw.device.Nic;
import org.iommusim.hw.device.NicConfig;
import org.iommusim.hw.device.RingProtocol;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.scenarios.config.Key;
import org.iommusim.scenarios.schema.DriverSpec;

/**
 * The {@code nic} preset: an Ethernet NIC ({@link Nic}) with RX and TX rings at line rate, one
 * packet buffer per 4 KiB page, its driver mapping on the device's IOASID (host physical on a
 * map-unmap IOASID, through the guest table on a bind-invalidate one). It models per packet the
 * descriptor fetch, the data, the descriptor write-back and moderated MSI-X interrupts, and the
 * driver's RX refill batch; it does not model RSS, several queues, TSO/LRO or the host's
 * per-packet CPU (the driver section's). Defaults are {@link NicConfig#defaults()} and {@link RingProtocol#defaults()}:
 * an Intel E810 under the Linux {@code ice} driver (descriptor sizes, refill batch and ITR from
 * the driver's constants; docs/CALIBRATION.md), the mlx5 ring size; the addresses are this
 * layer's (a preset alone cannot know the scenario's address map). How the driver maps the
 * buffers (per packet or a pool, on which software path, with which per-packet host work) is
 * the device's {@code driver} section ({@link NicDriver}).
 */
final class NicPreset implements DevicePreset<NicPreset.Spec> {
    /** The {@code nic} section. */
    record Spec(
            @Key(doc = "Bytes one packet's DMA moves (1500 MTU + 14 B header)", unit = "bytes", min = "1", max = "4096") int packetBytes,
            @Key(doc = "RX ring descriptors (mlx5 default); 0 = no RX", unit = "descriptors", min = "0", max = "65536") int rxRing,
            @Key(doc = "TX ring descriptors; 0 = no TX", unit = "descriptors", min = "0", max = "65536") int txRing,
            @Key(doc = "Line rate per direction in Gb/s; packets arrive back to back at line rate", unit = "Gb/s", min = "0.001", max = "100000") double lineRateGbps,
            @Key(doc = "Page size of the pool's mapping (premapped-pool only): 4KiB, 64KiB (arm-smmuv3, amd-vi), 2MiB or 1GiB", kind = SIZE) long poolPageSize,
            @Key(doc = "IOVA of the first buffer", kind = SIZE) long iovaBase,
            @Key(doc = "Address the buffers map to: host physical on a map-unmap IOASID, guest physical (mapped by the parent) on a bind-invalidate one", kind = SIZE) long addrBase,
            @Key(doc = "Bytes of an RX descriptor, read when posted and written back per packet (E810: 32)", unit = "bytes", min = "1", max = "4096") int rxDescriptorBytes,
            @Key(doc = "Bytes of a TX descriptor, read and written back per packet (E810: 16)", unit = "bytes", min = "1", max = "4096") int txDescriptorBytes,
            @Key(doc = "RX descriptors the driver returns at once (one tail write, one descriptor read by the NIC; ice: 16)", unit = "descriptors", min = "1", max = "65536") int refillBatch,
            @Key(doc = "Interrupt moderation: at most one interrupt per ring per interval (ice ITR: 50us); 0 = one per completion", kind = DURATION, min = "0ps", max = "1s") long interruptInterval) {

        static Spec defaults() {
            NicConfig c = NicConfig.defaults();
            RingProtocol r = c.protocol();
            return new Spec(c.packetBytes(), c.rxRingSize(), c.txRingSize(), c.lineRateBitsPerSecond() / 1e9,
                    c.poolPageSize().bytes(), 256L << 20, 16L << 20, r.rxDescriptorBytes(), r.txDescriptorBytes(),
                    r.refillBatch(), r.interruptIntervalPs());
        }
    }

    @Override
    public String name() {
        return "nic";
    }

    @Override
    public String doc() {
        return "Ethernet NIC with RX/TX rings at line rate";
    }

    @Override
    public Class<Spec> section() {
        return Spec.class;
    }

    @Override
    public Devices.Built build(Build b, Spec n) {
        Wiring w = b.w();
        String path = b.path();
        int ioasid = b.attach();
        boolean guestTable = w.spaces().controlPlane().ioasid(ioasid).mode() == Mode.BIND_INVALIDATE;
        DriverConfig driver = NicDriver.check(b, guestTable);
        NicConfig.Driver buffers = b.d().driver().buffers() == DriverSpec.Buffers.PER_PACKET
                ? NicConfig.Driver.PER_PACKET : NicConfig.Driver.PREMAPPED_POOL;
        NicConfig config = w.at().build(path + ".nic", () -> new NicConfig(n.packetBytes(), n.rxRing(), n.txRing(),
                n.lineRateGbps() * 1e9, buffers, w.pageSize(path + ".nic.poolPageSize", n.poolPageSize()),
                b.d().pasid(), new RingProtocol(n.rxDescriptorBytes(), n.txDescriptorBytes(), n.refillBatch(),
                n.interruptInterval())));
        DmaEngine engine = w.at().build(path, () -> new DmaEngine(w.sim(), w.stats(), w.streams(), b.prefix(), b.id(),
                DmaConfig.defaults().withPasids(b.d().pasid(), 1), new IssueMode.Driven(), null, b.iommu(), b.link()));
        Nic nic = w.at().build(path + ".driver", () -> Nic.withDriver(w.sim(), w.stats(), b.prefix(), config, engine,
                w.tcp(), ioasid, guestTable ? w.spaces().guestTable(ioasid) : null, n.iovaBase(), n.addrBase(), driver));
        return Devices.of(engine, nic::start);
    }
}

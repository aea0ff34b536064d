package org.iommusim.hw.device;

import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.PageSize;

/**
 * The {@code nic} preset (issue 5): a {@link NicConfig} driving a {@link DmaEngine} in
 * {@link IssueMode.Driven} mode through an RX ring (DMA writes) and a TX ring (DMA reads), each
 * a {@link NicRing}. Two drivers:
 * <ul>
 *   <li>a host driver (the public constructor): buffers mapped with the host's map/unmap on
 *       map-unmap IOASID {@code ioasid} ({@link HostBufferMapper}) — a host NIC, or a VM whose
 *       vIOMMU forwards map/unmap;</li>
 *   <li>a guest driver ({@link #inGuest}): buffers mapped by guest PTE writes in a
 *       {@link GuestPageTable} bound to a bind-invalidate IOASID, with the guest's invalidations
 *       ({@link GuestBufferMapper}) — a NIC assigned to a VM whose vIOMMU table is nested on the
 *       GPA parent by hardware or by a shadow.</li>
 * </ul>
 * The RX ring's buffers are at {@code iovaBase}, the TX ring's right after it (at the next
 * multiple of the pool page size), then the ring memory: the RX descriptors, the TX
 * descriptors (each whole 4 KiB pages) and one page for the MSI-X writes; their output
 * addresses (HPAs for the host, GPAs for the guest) likewise from the output base. Both bases
 * must be aligned to the pool page size. The driver maps the ring memory once at {@link #start}
 * (4 KiB pages, a {@code dma_alloc_coherent}), before either ring starts.
 *
 * <p>The engine's {@link DmaListener} is this NIC's; statistics under
 * {@code <prefix>.rx.*} and {@code <prefix>.tx.*} ({@link NicRing}), the DMAs' own under the
 * engine's prefix; both drivers have the same statistics, so scenarios compare like with like.
 * Does not model: multiple queues (build one {@code Nic} per queue), RSS, header split, or
 * TSO/LRO. Each ring has its own MSI-X vector (RX at offset 0 of the MSI page, TX at 4).
 */
public final class Nic implements DmaListener {
    private static final long TX_TAG = 1L << 32;

    private static final long PAGE = PageSize.SIZE_4K.bytes();

    private final NicRing rx;
    private final NicRing tx;
    private final DmaEngine engine;
    private final BufferMapper mapper;
    private final long ringIova;
    private final long ringAddr;
    private final long ringBytes;

    public Nic(Simulator sim, StatsRegistry registry, String prefix, NicConfig config, DmaEngine engine,
               TimedControlPlane tcp, int ioasid, long iovaBase, long hpaBase) {
        this(sim, registry, prefix, config, engine, new HostBufferMapper(tcp, ioasid), iovaBase, hpaBase, "hpa");
    }

    /**
     * A NIC driven by a guest driver: buffers at IOVAs from {@code iovaBase} in {@code table}
     * (bound to bind-invalidate IOASID {@code table.ioasid()}, to which the engine's device and
     * {@code config.pasid()} must be attached), mapped to GPAs from {@code gpaBase}, which the
     * IOASID's parent must already map ({@link #footprintBytes} of them); otherwise the DMAs
     * fault at stage 2. Per packet, a guest PTE write maps the buffer (then, in caching mode, a
     * guest invalidation the DMA waits for), and a guest PTE write plus a guest invalidation
     * unmap it; in pool mode every pool PTE is written at start, then one invalidation over the
     * pool. Guest CPU time for the PTE writes is not modelled; the host pays the invalidations
     * (trap, ioctl, descriptors, shadow sync) through {@code tcp}.
     *
     * @throws IllegalArgumentException if the table's IOASID is not bind-invalidate, or a base
     *         is not aligned to the pool page size
     */
    public static Nic inGuest(Simulator sim, StatsRegistry registry, String prefix, NicConfig config,
                              DmaEngine engine, TimedControlPlane tcp, GuestPageTable table, long iovaBase,
                              long gpaBase) {
        return new Nic(sim, registry, prefix, config, engine, new GuestBufferMapper(tcp, table), iovaBase, gpaBase,
                "gpa");
    }

    /**
     * A NIC whose driver is {@code driver} (its path, per-packet work and flush policy; see
     * {@link DriverConfig}): on a bound guest table {@code table} (bind-invalidate IOASID) or,
     * with {@code table} null, on map-unmap IOASID {@code ioasid}.
     */
    public static Nic withDriver(Simulator sim, StatsRegistry registry, String prefix, NicConfig config,
                                 DmaEngine engine, TimedControlPlane tcp, int ioasid, GuestPageTable table,
                                 long iovaBase, long addrBase, DriverConfig driver) {
        return new Nic(sim, registry, prefix, config, engine, DriverMappers.of(sim, tcp, ioasid, table, driver),
                iovaBase, addrBase, table == null ? "hpa" : "gpa");
    }

    private Nic(Simulator sim, StatsRegistry registry, String prefix, NicConfig config, DmaEngine engine,
                BufferMapper mapper, long iovaBase, long addrBase, String addrName) {
        long page = config.poolPageSize().bytes();
        if (iovaBase % page != 0 || addrBase % page != 0) {
            throw new IllegalArgumentException("NIC buffer bases must be aligned to the pool page size " + page
                    + ", got iova 0x" + Long.toHexString(iovaBase) + ", " + addrName + " 0x"
                    + Long.toHexString(addrBase));
        }
        this.engine = engine;
        this.mapper = mapper;
        long rxBytes = config.rxRingSize() == 0 ? 0 : regionBytes(config.rxRingSize(), config);
        long buffers = bufferBytes(config);
        long rxDescriptors = RingProtocol.ringBytes(config.rxRingSize(), config.protocol().rxDescriptorBytes());
        long txDescriptors = RingProtocol.ringBytes(config.txRingSize(), config.protocol().txDescriptorBytes());
        long msi = iovaBase + buffers + rxDescriptors + txDescriptors;
        this.ringIova = iovaBase + buffers;
        this.ringAddr = addrBase + buffers;
        this.ringBytes = rxDescriptors + txDescriptors + PAGE;
        rx = config.rxRingSize() == 0 ? null : new NicRing(sim, registry, prefix + ".rx", config,
                config.rxRingSize(), Access.WRITE, 0, engine, mapper, iovaBase, addrBase, ringIova, msi);
        tx = config.txRingSize() == 0 ? null : new NicRing(sim, registry, prefix + ".tx", config,
                config.txRingSize(), Access.READ, TX_TAG, engine, mapper, iovaBase + rxBytes, addrBase + rxBytes,
                ringIova + rxDescriptors, msi + RingProtocol.MSI_BYTES);
        engine.setListener(this);
    }

    /** Bytes of IOVA (and of HPA or GPA) a ring of {@code size} buffers occupies: whole pool pages. */
    static long regionBytes(int size, NicConfig config) {
        long page = config.poolPageSize().bytes();
        long bytes = (long) size * NicConfig.BUFFER_BYTES;
        return (bytes + page - 1) / page * page;
    }

    private static long bufferBytes(NicConfig config) {
        return (config.rxRingSize() == 0 ? 0 : regionBytes(config.rxRingSize(), config))
                + (config.txRingSize() == 0 ? 0 : regionBytes(config.txRingSize(), config));
    }

    /** Bytes of IOVA (and of HPA or GPA) space the NIC's buffers and ring memory occupy from the bases. */
    public static long footprintBytes(NicConfig config) {
        return bufferBytes(config) + RingProtocol.ringBytes(config.rxRingSize(), config.protocol().rxDescriptorBytes())
                + RingProtocol.ringBytes(config.txRingSize(), config.protocol().txDescriptorBytes()) + PAGE;
    }

    /**
     * Starts the engine, maps the ring memory, then starts both rings (pool mode: each ring maps
     * its pool before its first packet).
     */
    public void start() {
        engine.start();
        mapper.mapPool(ringIova, ringAddr, ringBytes, PageSize.SIZE_4K, (res, lat) -> {
            if (!res.isOk()) {
                throw new IllegalStateException("NIC ring memory map rejected: " + res.error());
            }
            if (rx != null) {
                rx.start();
            }
            if (tx != null) {
                tx.start();
            }
        });
    }

    /** Stops packet arrivals; buffers in flight finish. */
    public void stop() {
        if (rx != null) {
            rx.stop();
        }
        if (tx != null) {
            tx.stop();
        }
    }

    public DmaEngine engine() {
        return engine;
    }

    @Override
    public void ended(int device, long tag, boolean ok, long latencyPs) {
        NicRing ring = tag >= TX_TAG ? tx : rx;
        long t = tag >= TX_TAG ? tag - TX_TAG : tag;
        ring.dmaEnded((int) (t >>> 24), (int) (t & 0xFF_FFFF), ok);
    }
}

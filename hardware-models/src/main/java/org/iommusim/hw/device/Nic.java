package org.iommusim.hw.device;

import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.pagetable.Access;

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
 * multiple of the pool page size); their output addresses (HPAs for the host, GPAs for the
 * guest) likewise from the output base. Both bases must be aligned to the pool page size.
 *
 * <p>The engine's {@link DmaListener} is this NIC's; statistics under
 * {@code <prefix>.rx.*} and {@code <prefix>.tx.*} ({@link NicRing}), the DMAs' own under the
 * engine's prefix; both drivers have the same statistics, so scenarios compare like with like.
 * Does not model: multiple queues (build one {@code Nic} per queue), RSS, header split, or
 * TSO/LRO.
 */
public final class Nic implements DmaListener {
    private static final long TX_TAG = 1L << 32;

    private final NicRing rx;
    private final NicRing tx;
    private final DmaEngine engine;

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
        long rxBytes = config.rxRingSize() == 0 ? 0 : NicRing.regionBytes(config.rxRingSize(), config);
        rx = config.rxRingSize() == 0 ? null : new NicRing(sim, registry, prefix + ".rx", config,
                config.rxRingSize(), Access.WRITE, 0, engine, mapper, iovaBase, addrBase);
        tx = config.txRingSize() == 0 ? null : new NicRing(sim, registry, prefix + ".tx", config,
                config.txRingSize(), Access.READ, TX_TAG, engine, mapper, iovaBase + rxBytes, addrBase + rxBytes);
        engine.setListener(this);
    }

    /** Bytes of IOVA (and of HPA or GPA) space the NIC's buffers occupy from the bases. */
    public static long footprintBytes(NicConfig config) {
        return (config.rxRingSize() == 0 ? 0 : NicRing.regionBytes(config.rxRingSize(), config))
                + (config.txRingSize() == 0 ? 0 : NicRing.regionBytes(config.txRingSize(), config));
    }

    /** Starts the engine and both rings (pool mode: each ring maps its pool before its first packet). */
    public void start() {
        engine.start();
        if (rx != null) {
            rx.start();
        }
        if (tx != null) {
            tx.start();
        }
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
        if (tag >= TX_TAG) {
            tx.dmaEnded((int) (tag - TX_TAG), ok);
        } else {
            rx.dmaEnded((int) tag, ok);
        }
    }
}

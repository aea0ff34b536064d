package org.iommusim.hw.device;

import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.iommu.TimedControlPlane;
import org.iommusim.hw.pagetable.Access;

/**
 * The {@code nic} preset (issue 5): a {@link NicConfig} driving a {@link DmaEngine} in
 * {@link IssueMode.Driven} mode through an RX ring (DMA writes) and a TX ring (DMA reads), each
 * a {@link NicRing}. Buffers live in IOASID {@code ioasid}: the RX ring's at {@code iovaBase},
 * the TX ring's right after it (at the next multiple of the pool page size); physical buffers
 * likewise from {@code hpaBase}. Both bases must be aligned to the pool page size.
 *
 * <p>The engine's {@link DmaListener} is this NIC's; statistics under
 * {@code <prefix>.rx.*} and {@code <prefix>.tx.*} ({@link NicRing}), the DMAs' own under the
 * engine's prefix. Does not model: multiple queues (build one {@code Nic} per queue), RSS,
 * header split, or TSO/LRO.
 */
public final class Nic implements DmaListener {
    private static final long TX_TAG = 1L << 32;

    private final NicRing rx;
    private final NicRing tx;
    private final DmaEngine engine;

    public Nic(Simulator sim, StatsRegistry registry, String prefix, NicConfig config, DmaEngine engine,
               TimedControlPlane tcp, int ioasid, long iovaBase, long hpaBase) {
        long page = config.poolPageSize().bytes();
        if (iovaBase % page != 0 || hpaBase % page != 0) {
            throw new IllegalArgumentException("NIC buffer bases must be aligned to the pool page size " + page
                    + ", got iova 0x" + Long.toHexString(iovaBase) + ", hpa 0x" + Long.toHexString(hpaBase));
        }
        this.engine = engine;
        long rxBytes = config.rxRingSize() == 0 ? 0 : NicRing.regionBytes(config.rxRingSize(), config);
        rx = config.rxRingSize() == 0 ? null : new NicRing(sim, registry, prefix + ".rx", config,
                config.rxRingSize(), Access.WRITE, 0, engine, tcp, ioasid, iovaBase, hpaBase);
        tx = config.txRingSize() == 0 ? null : new NicRing(sim, registry, prefix + ".tx", config,
                config.txRingSize(), Access.READ, TX_TAG, engine, tcp, ioasid, iovaBase + rxBytes, hpaBase + rxBytes);
        engine.setListener(this);
    }

    /** Bytes of IOVA (and HPA) space the NIC's buffers occupy from the bases. */
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

package org.iommusim.hw.device;

import org.iommusim.hw.iommu.control.HostPath;

/**
 * A device's driver (issue 16): the software path its maps take, whether it runs in a guest,
 * its host CPU work per completed packet or I/O, and when it tears mappings down. Defaults
 * ({@link #defaults()}):
 * <ul>
 *   <li>{@code path} = {@link HostPath#DMA_API}: an in-kernel driver (Linux streaming DMA).</li>
 *   <li>{@code guest} = false: a host driver. A guest driver on a bind-invalidate IOASID writes
 *       guest PTEs and invalidates; with {@code guest} on a map-unmap IOASID it sends map and
 *       unmap requests through its vIOMMU (virtio-iommu).</li>
 *   <li>{@code perPacketPs} = 0: the driver and stack work per packet or I/O beyond the IOMMU,
 *       on a host core; 0 leaves it out (the stack is not modelled). An order-of-magnitude
 *       anchor, not a default: a socket-path sender peaks near 1 Mpps per core (netmap,
 *       USENIX ATC 2012), about 1 µs per packet.</li>
 *   <li>{@code flush} = {@link FlushPolicy#STRICT}, {@code batch} = 256 and
 *       {@code flushTimeoutPs} = 10 ms: a guest Linux's own flush queue
 *       ({@code IOVA_FQ_SIZE}, {@code IOVA_FQ_TIMEOUT}), used by {@link FlushPolicy#BATCHED}.</li>
 * </ul>
 */
public record DriverConfig(HostPath path, boolean guest, long perPacketPs, FlushPolicy flush, int batch,
                           long flushTimeoutPs) {
    /** When the driver's unmaps reach the IOMMU. */
    public enum FlushPolicy {
        /** Every unmap invalidates and waits before the buffer is reused. */
        STRICT,
        /** A guest driver's flush queue: unmaps return at once, one domain invalidation per batch or timeout. */
        BATCHED,
        /** Optimistic teardown (vIOMMU ATC'11): a mapping is kept after the unmap and reused by the next map of the same buffer. */
        OPTIMISTIC
    }

    public static final int DEFAULT_BATCH = 256;
    public static final long DEFAULT_FLUSH_TIMEOUT_PS = 10_000_000_000L;

    public DriverConfig {
        if (path == null || flush == null) {
            throw new IllegalArgumentException("driver path and flush policy are required");
        }
        if (perPacketPs < 0) {
            throw new IllegalArgumentException("driver per-packet cost must be >= 0 ps, got " + perPacketPs);
        }
        if (batch < 1 || flushTimeoutPs < 0) {
            throw new IllegalArgumentException("driver flush batch must be >= 1 and timeout >= 0, got " + batch + ", "
                    + flushTimeoutPs);
        }
    }

    public static DriverConfig defaults() {
        return new DriverConfig(HostPath.DMA_API, false, 0, FlushPolicy.STRICT, DEFAULT_BATCH, DEFAULT_FLUSH_TIMEOUT_PS);
    }

    /** The driver the NIC had before drivers had paths: VFIO-style ioctl and pinning per call, strict, no stack cost. */
    static DriverConfig iommufd() {
        return new DriverConfig(HostPath.VFIO, false, 0, FlushPolicy.STRICT, DEFAULT_BATCH, DEFAULT_FLUSH_TIMEOUT_PS);
    }

    public DriverConfig withPath(HostPath p) {
        return new DriverConfig(p, guest, perPacketPs, flush, batch, flushTimeoutPs);
    }

    public DriverConfig withPerPacket(long ps) {
        return new DriverConfig(path, guest, ps, flush, batch, flushTimeoutPs);
    }

    public DriverConfig withFlush(FlushPolicy f, int b, long timeoutPs) {
        return new DriverConfig(path, guest, perPacketPs, f, b, timeoutPs);
    }

    public DriverConfig withGuest(boolean g) {
        return new DriverConfig(path, g, perPacketPs, flush, batch, flushTimeoutPs);
    }
}

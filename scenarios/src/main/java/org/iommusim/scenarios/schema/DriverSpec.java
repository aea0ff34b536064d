package org.iommusim.scenarios.schema;

import static org.iommusim.scenarios.config.Key.Kind.DURATION;

import org.iommusim.hw.device.DriverConfig;
import org.iommusim.hw.iommu.control.HostPath;
import org.iommusim.scenarios.config.Key;

/**
 * A device's {@code driver} section (issue 16): the software path its buffer maps take, when it
 * maps them, whether it runs in a guest, its host CPU work per packet or I/O and its unmap
 * policy. Defaults are {@link DriverConfig#defaults()} (per-packet buffers); provenance there and
 * in docs/CALIBRATION.md. Used by the devices whose driver maps buffers (the {@code nic}); the
 * {@code nvme} drive takes only its per-I/O work ({@code perPacket}) from it and keeps its data
 * mappings in the scenario's IOASIDs.
 */
public record DriverSpec(
        @Key(doc = "dma-api: in-kernel dma_map/unmap (a function call, IOVA allocator, strict or lazy per host.unmap); vfio: iommufd/VFIO ioctl with per-page pinning (normally at setup); static: hugepages mapped once, DPDK-style (premapped-pool only); identity: pass-through, no mapping (translation pass-through or none)", def = "dma-api") HostPath path,
        @Key(doc = "per-packet: map before and unmap after each packet (Linux streaming DMA); premapped-pool: map the buffers once at start (page_pool, AF_XDP, DPDK)", def = "per-packet") Buffers buffers,
        @Key(doc = "auto: a guest driver on a bind-invalidate IOASID (PTE writes + invalidations), else a host driver; guest on a map-unmap IOASID: a guest's virtio-iommu requests (needs host.viommu virtio-iommu)", def = "auto") Side side,
        @Key(doc = "Host CPU per completed packet or I/O for the driver and its stack beyond the IOMMU; ~ = the preset's: nic 0 (not modelled; about 1us for a socket path: netmap, USENIX ATC 2012), nvme 1.25us (Linux block layer + nvme driver: one core per 800k IOPS); 0 = none", def = Key.NONE, kind = DURATION, min = "0ps", max = "1s") Long perPacket,
        @Key(doc = "strict: every unmap invalidates and waits; batched: a guest driver's flush queue (one domain invalidation per batch or timeout); optimistic: keep mappings and reuse them (optimistic teardown)", def = "strict") DriverConfig.FlushPolicy flush,
        @Key(doc = "Unmaps per guest flush-queue drain (batched; Linux IOVA_FQ_SIZE)", def = "256", unit = "unmaps", min = "1", max = "1048576") int batch,
        @Key(doc = "Drain the guest flush queue this long after its first unmap (batched; Linux IOVA_FQ_TIMEOUT); 0 = at once", def = "10ms", kind = DURATION, min = "0ps", max = "10s") long flushTimeout) {

    /** When the driver maps its buffers. */
    public enum Buffers { PER_PACKET, PREMAPPED_POOL }

    /** Where the driver runs. */
    public enum Side { AUTO, HOST, GUEST }

    /**
     * The model's driver; {@code guestTable} whether the device's IOASID is bind-invalidate,
     * {@code presetPerPacketPs} the device preset's per-packet work when {@code perPacket} is ~.
     */
    public DriverConfig toConfig(boolean guestTable, long presetPerPacketPs) {
        boolean guest = side == Side.GUEST || (side == Side.AUTO && guestTable);
        return new DriverConfig(path, guest, perPacketPs(presetPerPacketPs), flush, batch, flushTimeout);
    }

    /** The per-packet (per-I/O) host work: {@code perPacket}, or the preset's when it is ~. */
    public long perPacketPs(long presetPerPacketPs) {
        return perPacket == null ? presetPerPacketPs : perPacket;
    }
}

package org.iommusim.hw.device;

import org.iommusim.hw.pagetable.PageSize;

/**
 * The {@code nic} device preset: an Ethernet NIC with an RX and a TX descriptor ring, each
 * descriptor holding one packet buffer in its own 4 KiB page, fed at line rate. Defaults
 * ({@link #defaults()}) and provenance:
 * <ul>
 *   <li>{@code packetBytes} = 1514: a full-MTU frame as the driver sees it (1500-byte MTU +
 *       14-byte Ethernet header, FCS stripped); the bytes one packet's DMA moves.</li>
 *   <li>{@code rxRingSize} = {@code txRingSize} = 1024 descriptors: the mlx5 default ring size
 *       (Intel ixgbe/i40e default to 512); 0 disables the ring.</li>
 *   <li>{@code lineRateBitsPerSecond} = 100 Gb/s, full duplex: each ring gets packets at
 *       {@code line rate / ((packetBytes + } {@value #WIRE_OVERHEAD_BYTES}{@code ) × 8)} — the
 *       per-frame wire overhead is FCS 4 + preamble/SFD 8 + inter-frame gap 12 bytes (IEEE
 *       802.3); 1514-byte packets at 100 Gb/s arrive at 8.13 Mpps per ring, back to back
 *       (fixed intervals).</li>
 *   <li>{@code driver} = {@link Driver#PER_PACKET}: the Linux streaming-DMA path
 *       ({@code dma_map_single} per packet, unmap on completion); {@link Driver#PREMAPPED_POOL}
 *       maps every buffer once at start (a page_pool / AF_XDP UMEM style pool). Per-packet
 *       unmaps are strict or lazy as the {@code TimedControlPlane}'s {@code UnmapPolicy} says.</li>
 *   <li>{@code poolPageSize} = 4 KiB: the page size of the pool's mapping (pool mode only);
 *       2 MiB or 1 GiB lets one IOTLB entry cover many buffers.</li>
 *   <li>{@code pasid} = 0: the PASID of every DMA (a NIC queue without PASID uses 0).</li>
 *   <li>{@code protocol} = {@link RingProtocol#defaults()}: descriptor fetches, write-backs,
 *       refill batch and interrupt moderation of an Intel E810.</li>
 * </ul>
 */
public record NicConfig(int packetBytes, int rxRingSize, int txRingSize, double lineRateBitsPerSecond, Driver driver,
                        PageSize poolPageSize, int pasid, RingProtocol protocol) {
    /** How the driver provides DMA buffers. */
    public enum Driver { PER_PACKET, PREMAPPED_POOL }

    /** Bytes per frame on the wire beyond {@code packetBytes}: FCS, preamble/SFD, inter-frame gap. */
    public static final int WIRE_OVERHEAD_BYTES = 24;
    /** Each descriptor's buffer occupies its own page of this size. */
    public static final int BUFFER_BYTES = 4096;

    public NicConfig {
        if (packetBytes < 1 || packetBytes > BUFFER_BYTES) {
            throw new IllegalArgumentException("packetBytes must be in [1, " + BUFFER_BYTES + "] (one buffer page), got "
                    + packetBytes);
        }
        if (rxRingSize < 0 || txRingSize < 0 || rxRingSize + txRingSize == 0) {
            throw new IllegalArgumentException("ring sizes must be >= 0 and not both 0, got rx " + rxRingSize + ", tx "
                    + txRingSize);
        }
        if (!(lineRateBitsPerSecond > 0) || Double.isInfinite(lineRateBitsPerSecond)) {
            throw new IllegalArgumentException("lineRateBitsPerSecond must be positive and finite, got "
                    + lineRateBitsPerSecond);
        }
        if (driver == null || poolPageSize == null) {
            throw new IllegalArgumentException("driver and poolPageSize are required");
        }
        if (pasid < 0) {
            throw new IllegalArgumentException("pasid must be >= 0, got " + pasid);
        }
        if (protocol == null) {
            throw new IllegalArgumentException("protocol is required");
        }
        if (rxRingSize > 0 && protocol.refillBatch() > rxRingSize) {
            throw new IllegalArgumentException("refillBatch (" + protocol.refillBatch()
                    + ") must not exceed the RX ring (" + rxRingSize + " descriptors)");
        }
    }

    /** A NIC with the default ring protocol. */
    public NicConfig(int packetBytes, int rxRingSize, int txRingSize, double lineRateBitsPerSecond, Driver driver,
                     PageSize poolPageSize, int pasid) {
        this(packetBytes, rxRingSize, txRingSize, lineRateBitsPerSecond, driver, poolPageSize, pasid,
                RingProtocol.defaults());
    }

    /** The documented defaults. */
    public static NicConfig defaults() {
        return new NicConfig(1514, 1024, 1024, 100e9, Driver.PER_PACKET, PageSize.SIZE_4K, 0);
    }

    /** Packets per second arriving at one ring. */
    public double packetsPerSecond() {
        return lineRateBitsPerSecond / ((packetBytes + WIRE_OVERHEAD_BYTES) * 8.0);
    }

    public NicConfig withPacketBytes(int bytes) {
        return new NicConfig(bytes, rxRingSize, txRingSize, lineRateBitsPerSecond, driver, poolPageSize, pasid, protocol);
    }

    public NicConfig withRings(int rx, int tx) {
        return new NicConfig(packetBytes, rx, tx, lineRateBitsPerSecond, driver, poolPageSize, pasid, protocol);
    }

    public NicConfig withLineRate(double bitsPerSecond) {
        return new NicConfig(packetBytes, rxRingSize, txRingSize, bitsPerSecond, driver, poolPageSize, pasid, protocol);
    }

    public NicConfig withDriver(Driver d, PageSize poolPages) {
        return new NicConfig(packetBytes, rxRingSize, txRingSize, lineRateBitsPerSecond, d, poolPages, pasid, protocol);
    }

    public NicConfig withProtocol(RingProtocol r) {
        return new NicConfig(packetBytes, rxRingSize, txRingSize, lineRateBitsPerSecond, driver, poolPageSize, pasid, r);
    }

    public NicConfig withPasid(int p) {
        return new NicConfig(packetBytes, rxRingSize, txRingSize, lineRateBitsPerSecond, driver, poolPageSize, p,
                protocol);
    }
}

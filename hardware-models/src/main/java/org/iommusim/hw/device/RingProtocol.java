package org.iommusim.hw.device;

import org.iommusim.core.kernel.SimTime;

/**
 * What a NIC's descriptor rings cost on PCIe besides the packet data ({@link NicRing}): the
 * descriptor sizes, how many RX descriptors the driver hands back at once, and interrupt
 * moderation. Defaults ({@link #defaults()}) are the Intel E810 (Linux {@code ice} driver):
 * <ul>
 *   <li>{@code rxDescriptorBytes} = 32: {@code union ice_32b_rx_flex_desc}, read by the NIC when
 *       the driver posts it and written back in place (DD bit) when a packet lands;</li>
 *   <li>{@code txDescriptorBytes} = 16: {@code struct ice_tx_desc}; the driver sets RS on every
 *       packet's last descriptor ({@code ICE_TXD_LAST_DESC_CMD = EOP | RS}), so the NIC writes
 *       each one back;</li>
 *   <li>{@code refillBatch} = 16: the driver returns RX descriptors to the NIC 16 at a time
 *       ({@code ICE_RX_BUF_WRITE}), one tail write; the NIC then fetches the 16 in one read;</li>
 *   <li>{@code interruptIntervalPs} = 50 µs: {@code ICE_DFLT_RX_ITR = ICE_DFLT_TX_ITR =
 *       ICE_ITR_20K} (at most 20 k interrupts per second per vector); 0 = one interrupt per
 *       completion, no moderation;</li>
 *   <li>an MSI-X interrupt is a {@value #MSI_BYTES}-byte write.</li>
 * </ul>
 * Does not model: adaptive (dynamic) ITR, descriptor prefetch thresholds beyond the refill
 * batch, head write-back, or mlx5-style completion queues (their 64 B CQEs would be set as the
 * write-back size).
 */
public record RingProtocol(int rxDescriptorBytes, int txDescriptorBytes, int refillBatch, long interruptIntervalPs) {
    public static final int MSI_BYTES = 4;

    public RingProtocol {
        if (rxDescriptorBytes < 1 || txDescriptorBytes < 1 || rxDescriptorBytes > 4096 || txDescriptorBytes > 4096) {
            throw new IllegalArgumentException("descriptor sizes must be in [1, 4096] bytes, got rx "
                    + rxDescriptorBytes + ", tx " + txDescriptorBytes);
        }
        if (refillBatch < 1) {
            throw new IllegalArgumentException("refillBatch must be >= 1, got " + refillBatch);
        }
        if (interruptIntervalPs < 0) {
            throw new IllegalArgumentException("interruptIntervalPs must be >= 0, got " + interruptIntervalPs);
        }
    }

    /** The documented defaults (Intel E810, Linux ice). */
    public static RingProtocol defaults() {
        return new RingProtocol(32, 16, 16, 50 * SimTime.US);
    }

    public RingProtocol withRefillBatch(int n) {
        return new RingProtocol(rxDescriptorBytes, txDescriptorBytes, n, interruptIntervalPs);
    }

    public RingProtocol withInterruptInterval(long ps) {
        return new RingProtocol(rxDescriptorBytes, txDescriptorBytes, refillBatch, ps);
    }

    /** Bytes of one ring of {@code size} descriptors of {@code access}'s kind (RX: DMA writes), whole 4 KiB pages. */
    static long ringBytes(int size, int descriptorBytes) {
        long bytes = (long) size * descriptorBytes;
        return (bytes + 4095) / 4096 * 4096;
    }
}

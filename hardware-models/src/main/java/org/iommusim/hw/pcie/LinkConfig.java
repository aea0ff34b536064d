package org.iommusim.hw.pcie;

import org.iommusim.core.kernel.SimTime;

/**
 * Shape and timing of one PCIe link (see {@link PcieLink}). Defaults and provenance:
 * <ul>
 *   <li>{@code generation} = gen4, {@code width} = x16 (a current NVMe/NIC slot): 16 GT/s ×
 *       16 lanes × 128/130 = 31.5 GB/s usable per direction before TLP overhead.</li>
 *   <li>{@code maxPayloadBytes} (MPS) = 256 B: the value most root complexes program
 *       (spec range 128..4096, powers of two).</li>
 *   <li>{@code maxReadRequestBytes} (MRRS) = 512 B: the Linux default (spec 128..4096).</li>
 *   <li>{@code completionBytes} = 256 B: read completions are returned in chunks of this size,
 *       aligned to it (real root complexes split at the read completion boundary, RCB = 64 or
 *       128 B, and commonly return MPS-sized completions; 128..4096, power of two).</li>
 *   <li>{@code tlpOverheadBytes} = 24 B per TLP: a 4-DW header for 64-bit addresses (16 B),
 *       sequence number (2 B), LCRC (4 B) and framing (2 B: STP/END symbols at gen1/2, the
 *       STP token at gen3+ counted as its data-link share). It does not include an ECRC
 *       (4 B, optional) nor a separate share for Ack and UpdateFC DLLPs (typically 1–3 % of
 *       the link; add it here if wanted). Read requests are header-only TLPs of this size;
 *       completions use the same overhead (their 3-DW header is 4 B smaller — the difference
 *       is taken as the DLLP share). Figures: PCI Express Base Specification §2–§4, and
 *       Neugebauer et al., "Understanding PCIe performance for end host networking",
 *       SIGCOMM 2018, which uses the same accounting (24 B for 64-bit-addressed TLPs).</li>
 *   <li>{@code latencyPs} = 100 ns one way: PHY, data-link and switch-free propagation to the
 *       root port (an assumption of this project; Neugebauer et al. measure about 0.5–1 µs
 *       for a whole DMA-read round trip including memory, of which the link is a part).</li>
 * </ul>
 * Every value is a scenario parameter.
 */
public record LinkConfig(PcieGeneration generation, int width, int maxPayloadBytes, int maxReadRequestBytes,
                         int completionBytes, int tlpOverheadBytes, long latencyPs) {

    public LinkConfig {
        if (generation == null) {
            throw new IllegalArgumentException("generation is required (1..6)");
        }
        if (width != 1 && width != 2 && width != 4 && width != 8 && width != 16) {
            throw new IllegalArgumentException("width must be x1, x2, x4, x8 or x16, got x" + width);
        }
        requirePow2("maxPayloadBytes", maxPayloadBytes, 128, 4096);
        requirePow2("maxReadRequestBytes", maxReadRequestBytes, 128, 4096);
        requirePow2("completionBytes", completionBytes, 64, 4096);
        if (tlpOverheadBytes < 0) {
            throw new IllegalArgumentException("tlpOverheadBytes must be >= 0, got " + tlpOverheadBytes);
        }
        if (latencyPs < 0) {
            throw new IllegalArgumentException("latencyPs must be >= 0, got " + latencyPs);
        }
    }

    private static void requirePow2(String name, int v, int min, int max) {
        if (v < min || v > max || Integer.bitCount(v) != 1) {
            throw new IllegalArgumentException(name + " must be a power of two in [" + min + ", " + max + "], got " + v);
        }
    }

    /** The documented defaults (gen4 x16, MPS 256, MRRS 512, completions 256, 24 B/TLP, 100 ns). */
    public static LinkConfig defaults() {
        return new LinkConfig(PcieGeneration.GEN4, 16, 256, 512, 256, 24, 100 * SimTime.NS);
    }

    public LinkConfig withLink(PcieGeneration newGeneration, int newWidth) {
        return new LinkConfig(newGeneration, newWidth, maxPayloadBytes, maxReadRequestBytes, completionBytes,
                tlpOverheadBytes, latencyPs);
    }

    public LinkConfig withSizes(int mps, int mrrs, int completion) {
        return new LinkConfig(generation, width, mps, mrrs, completion, tlpOverheadBytes, latencyPs);
    }

    public LinkConfig withLatency(long ps) {
        return new LinkConfig(generation, width, maxPayloadBytes, maxReadRequestBytes, completionBytes,
                tlpOverheadBytes, ps);
    }

    /** Usable bandwidth per direction after line encoding, before TLP overhead, in bytes/s. */
    public double usableBytesPerSecond() {
        return generation.megaTransfersPerSecond() * 1e6 * width * generation.encodingEfficiency() / 8;
    }

    /**
     * Time {@code wireBytes} (payload plus overhead) occupy one direction, in ps, rounded to the
     * nearest picosecond: {@code wireBytes · 8 · den / (MT/s · 10^6 · width · num) · 10^12}.
     */
    public long serializationPs(long wireBytes) {
        if (wireBytes < 0) {
            throw new IllegalArgumentException("negative byte count " + wireBytes);
        }
        long num = generation.megaTransfersPerSecond() * width * generation.encodingNumerator();
        // ps = bits * 10^6 * den / (MT/s * width * num); exact in long for transfers below 2^40 bytes.
        long scaled = Math.multiplyExact(Math.multiplyExact(wireBytes, 8L * 1_000_000L),
                generation.encodingDenominator());
        return (scaled + num / 2) / num;
    }
}

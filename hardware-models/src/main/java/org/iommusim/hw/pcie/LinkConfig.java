package org.iommusim.hw.pcie;

import org.iommusim.core.kernel.SimTime;

/**
 * Shape and timing of one PCIe link (see {@link PcieLink}). Defaults and provenance (PCI Express
 * Base Specification; figures in docs/CALIBRATION.md):
 * <ul>
 *   <li>{@code generation} = gen4, {@code width} = x16 (a current NVMe/NIC slot).</li>
 *   <li>{@code maxPayloadBytes} (MPS) = 256 B: the value most root complexes program
 *       (spec range 128..4096, powers of two). Writes are split at MPS.</li>
 *   <li>{@code maxReadRequestBytes} (MRRS) = 512 B: the Linux default (spec 128..4096). Reads
 *       are requested in MRRS blocks.</li>
 *   <li>{@code readCompletionBoundary} (RCB) = 64 B: root ports split completions only at RCB
 *       boundaries (spec: 64 or 128 B).</li>
 *   <li>{@code completionBytes} = 256 B: the completer returns completions of this size, aligned
 *       to it (a multiple of RCB, at most MPS; real root complexes commonly return MPS-sized
 *       completions, some return one completion per RCB block — set 64 for those).</li>
 *   <li>{@code requestHeaderBytes} = 16: a memory read or write request with a 64-bit address
 *       has a 4-DW header (3 DW with a 32-bit address).</li>
 *   <li>a completion has a 3-DW header, 12 B ({@link #COMPLETION_HEADER_BYTES}).</li>
 *   <li>{@code ecrc} = false: the optional 4-byte end-to-end CRC digest per TLP.</li>
 *   <li>framing (not a parameter, a property of the generation, {@link #framingBytes()}): 8 B
 *       per TLP — gen1/2 STP and END symbols (2 B), sequence number (2 B), LCRC (4 B); gen3..5
 *       the 4-byte STP token (which carries the sequence number) and LCRC (4 B); gen6 FLIT mode
 *       0 (the FLIT's CRC and FEC are in its encoding efficiency).</li>
 *   <li>DLLP and SKP share (not a parameter, {@link DllpSchedule}): about 1.3 % at gen3 x8,
 *       MPS 256.</li>
 *   <li>{@code latencyPs} = 100 ns one way: PHY, data-link and switch-free propagation to the
 *       root port (an assumption of this project).</li>
 *   <li>{@code postedHeaderCredits}, {@code postedDataCredits} = 0: the root port's posted
 *       receive buffer ({@link FlowCredits}); 0 = unlimited (as a receiver may advertise
 *       infinite credits). A host sets its root port's advertisement, e.g. an Intel IIO x8 port
 *       32 header and 160 data credits (Intel Xeon C5500/C3500 datasheet vol. 1, Table 76:
 *       16/32/64 and 80/160/320 at x4/x8/x16).</li>
 *   <li>{@code nonPostedHeaderCredits} = 0: the root port's non-posted receive buffer, one credit
 *       per read request TLP ({@link FlowCredits}); 0 = the link's default
 *       ({@link #nonPostedHeaderCreditsAdvertised}): an Intel IIO gen2 port's 18/36/72 at
 *       x4/x8/x16 (same table) scaled to the generation ({@link #scaledNonPostedHeaderCredits}).
 *       A read waits for them as well as for a tag, so a device's reads in flight are bounded by
 *       whichever binds.</li>
 * </ul>
 * Every value except framing and the DLLP share is a scenario parameter.
 */
public record LinkConfig(PcieGeneration generation, int width, int maxPayloadBytes, int maxReadRequestBytes,
                         int readCompletionBoundary, int completionBytes, int requestHeaderBytes, boolean ecrc,
                         long latencyPs, int postedHeaderCredits, int postedDataCredits,
                         int nonPostedHeaderCredits) {

    /** Bytes of a completion's 3-DW header. */
    public static final int COMPLETION_HEADER_BYTES = 12;
    /** Bytes of the optional ECRC digest. */
    public static final int ECRC_BYTES = 4;
    /**
     * Non-posted-header credits an Intel IIO gen2 root port advertises per lane: 18/36/72 at
     * x4/x8/x16 (Intel Xeon C5500/C3500 datasheet vol. 1, Table 76).
     */
    public static final double IIO_GEN2_NON_POSTED_HEADERS_PER_LANE = 4.5;

    public LinkConfig {
        if (generation == null) {
            throw new IllegalArgumentException("generation is required (1..6)");
        }
        if (width != 1 && width != 2 && width != 4 && width != 8 && width != 16) {
            throw new IllegalArgumentException("width must be x1, x2, x4, x8 or x16, got x" + width);
        }
        requirePow2("maxPayloadBytes", maxPayloadBytes, 128, 4096);
        requirePow2("maxReadRequestBytes", maxReadRequestBytes, 128, 4096);
        if (readCompletionBoundary != 64 && readCompletionBoundary != 128) {
            throw new IllegalArgumentException("readCompletionBoundary must be 64 or 128 bytes, got "
                    + readCompletionBoundary);
        }
        requirePow2("completionBytes", completionBytes, 64, 4096);
        if (completionBytes < readCompletionBoundary || completionBytes > maxPayloadBytes) {
            throw new IllegalArgumentException("completionBytes must be a multiple of the read completion boundary ("
                    + readCompletionBoundary + ") and at most MPS (" + maxPayloadBytes + "), got " + completionBytes);
        }
        if (requestHeaderBytes != 12 && requestHeaderBytes != 16) {
            throw new IllegalArgumentException("requestHeaderBytes must be 12 (3 DW, 32-bit address) or 16 (4 DW, "
                    + "64-bit address), got " + requestHeaderBytes);
        }
        if (latencyPs < 0) {
            throw new IllegalArgumentException("latencyPs must be >= 0, got " + latencyPs);
        }
        if (postedHeaderCredits < 0 || postedDataCredits < 0) {
            throw new IllegalArgumentException("posted credits must be >= 0 (0 = unlimited), got "
                    + postedHeaderCredits + " headers, " + postedDataCredits + " data");
        }
        if ((postedHeaderCredits == 0) != (postedDataCredits == 0)) {
            throw new IllegalArgumentException("set both posted header and data credits, or neither (0 = unlimited), got "
                    + postedHeaderCredits + " headers, " + postedDataCredits + " data");
        }
        if (nonPostedHeaderCredits < 0) {
            throw new IllegalArgumentException("nonPostedHeaderCredits must be >= 0 (0 = the link's default), got "
                    + nonPostedHeaderCredits);
        }
        int minData = maxPayloadBytes / FlowCredits.BYTES_PER_DATA_CREDIT;
        if (postedDataCredits != 0 && postedDataCredits < minData) {
            throw new IllegalArgumentException("postedDataCredits must be at least MPS/16 = " + minData
                    + " (a receiver must accept one TLP of MPS), got " + postedDataCredits);
        }
    }

    private static void requirePow2(String name, int v, int min, int max) {
        if (v < min || v > max || Integer.bitCount(v) != 1) {
            throw new IllegalArgumentException(name + " must be a power of two in [" + min + ", " + max + "], got " + v);
        }
    }

    /** The documented defaults (gen4 x16, MPS 256, MRRS 512, RCB 64, completions 256, 4-DW requests, 100 ns). */
    public static LinkConfig defaults() {
        return new LinkConfig(PcieGeneration.GEN4, 16, 256, 512, 64, 256, 16, false, 100 * SimTime.NS, 0, 0, 0);
    }

    public LinkConfig withLink(PcieGeneration newGeneration, int newWidth) {
        return new LinkConfig(newGeneration, newWidth, maxPayloadBytes, maxReadRequestBytes, readCompletionBoundary,
                completionBytes, requestHeaderBytes, ecrc, latencyPs, postedHeaderCredits, postedDataCredits,
                nonPostedHeaderCredits);
    }

    public LinkConfig withSizes(int mps, int mrrs, int completion) {
        return new LinkConfig(generation, width, mps, mrrs, readCompletionBoundary, completion, requestHeaderBytes, ecrc,
                latencyPs, postedHeaderCredits, postedDataCredits,
                nonPostedHeaderCredits);
    }

    public LinkConfig withLatency(long ps) {
        return new LinkConfig(generation, width, maxPayloadBytes, maxReadRequestBytes, readCompletionBoundary,
                completionBytes, requestHeaderBytes, ecrc, ps, postedHeaderCredits, postedDataCredits, nonPostedHeaderCredits);
    }

    public LinkConfig withEcrc(boolean on) {
        return new LinkConfig(generation, width, maxPayloadBytes, maxReadRequestBytes, readCompletionBoundary,
                completionBytes, requestHeaderBytes, on, latencyPs, postedHeaderCredits, postedDataCredits,
                nonPostedHeaderCredits);
    }

    public LinkConfig withPostedCredits(int headers, int data) {
        return new LinkConfig(generation, width, maxPayloadBytes, maxReadRequestBytes, readCompletionBoundary,
                completionBytes, requestHeaderBytes, ecrc, latencyPs, headers, data, nonPostedHeaderCredits);
    }

    /** The same link with the root port advertising {@code headers} non-posted-header credits (0 = the default). */
    public LinkConfig withNonPostedCredits(int headers) {
        return new LinkConfig(generation, width, maxPayloadBytes, maxReadRequestBytes, readCompletionBoundary,
                completionBytes, requestHeaderBytes, ecrc, latencyPs, postedHeaderCredits, postedDataCredits, headers);
    }

    /**
     * A root port's non-posted-header advertisement for a {@code generation} x{@code width} link:
     * the Intel IIO gen2 pool ({@link #IIO_GEN2_NON_POSTED_HEADERS_PER_LANE} per lane) scaled with
     * the lane's data rate, rounded up. Assumption (docs/CALIBRATION.md): a receiver sizes its
     * buffer to cover the link's bandwidth-delay product over the credit round trip, as it must
     * to reach line rate, and that round trip (link latency both ways plus the root port's
     * handling) does not shrink with the generation, so the credits grow with the lane rate:
     * 71 at gen3 x8 and gen4 x4, 284 at gen4 x16.
     */
    public static int scaledNonPostedHeaderCredits(PcieGeneration generation, int width) {
        double laneRate = generation.megaTransfersPerSecond() * generation.encodingEfficiency();
        double gen2Rate = PcieGeneration.GEN2.megaTransfersPerSecond() * PcieGeneration.GEN2.encodingEfficiency();
        return (int) Math.ceil(IIO_GEN2_NON_POSTED_HEADERS_PER_LANE * width * laneRate / gen2Rate - 1e-9);
    }

    /** The non-posted-header credits the root port advertises: the set value, or for 0 the scaled default. */
    public int nonPostedHeaderCreditsAdvertised() {
        return nonPostedHeaderCredits > 0 ? nonPostedHeaderCredits : scaledNonPostedHeaderCredits(generation, width);
    }

    /** True when the root port's posted credits limit writes (both counts set). */
    public boolean postedCreditsLimited() {
        return postedHeaderCredits > 0;
    }

    /** Framing and data-link bytes per TLP (see the class comment): 8, or 0 in gen6 FLIT mode. */
    public int framingBytes() {
        return generation == PcieGeneration.GEN6 ? 0 : 8;
    }

    /** Wire bytes a request TLP adds to its payload: framing, 3/4-DW header, ECRC. */
    public int requestOverheadBytes() {
        return framingBytes() + requestHeaderBytes + (ecrc ? ECRC_BYTES : 0);
    }

    /** Wire bytes a completion TLP adds to its payload: framing, 3-DW header, ECRC. */
    public int completionOverheadBytes() {
        return framingBytes() + COMPLETION_HEADER_BYTES + (ecrc ? ECRC_BYTES : 0);
    }

    /** Fraction of each direction taken by Ack/UpdateFC DLLPs and SKP ordered sets ({@link DllpSchedule}). */
    public double dllpShare() {
        return DllpSchedule.overheadShare(generation, width, maxPayloadBytes);
    }

    /** Usable bandwidth per direction after line encoding, before TLP and DLLP overhead, in bytes/s. */
    public double usableBytesPerSecond() {
        return generation.megaTransfersPerSecond() * 1e6 * width * generation.encodingEfficiency() / 8;
    }

    /** Bandwidth left for TLPs per direction: usable bandwidth × (1 − DLLP share), in bytes/s. */
    public double tlpBytesPerSecond() {
        return usableBytesPerSecond() * (1 - dllpShare());
    }

    /**
     * Time {@code wireBytes} of TLPs occupy one direction, in ps, rounded to the nearest
     * picosecond: {@code wireBytes / tlpBytesPerSecond · 10^12}.
     */
    public long serializationPs(long wireBytes) {
        if (wireBytes < 0) {
            throw new IllegalArgumentException("negative byte count " + wireBytes);
        }
        return Math.round(wireBytes * (SimTime.S / tlpBytesPerSecond()));
    }

    /**
     * Closed form (docs/CALIBRATION.md): the highest rate, in bytes/s of payload, of back-to-back
     * aligned reads of {@code bytes} each — the smaller of the downstream limit
     * {@code B · S / (S + ⌈S/C⌉ · O_cpl)} and the upstream limit {@code B · S / (⌈S/MRRS⌉ · O_req)},
     * with B = {@link #tlpBytesPerSecond()}, C = completion size, O = per-TLP overheads.
     */
    public double readBandwidth(long bytes) {
        double down = (double) bytes / (bytes + Tlps.count(0, bytes, completionBytes) * completionOverheadBytes());
        double up = (double) bytes / (Tlps.count(0, bytes, maxReadRequestBytes) * requestOverheadBytes());
        return tlpBytesPerSecond() * Math.min(down, up);
    }

    /** Closed form: payload bytes/s of back-to-back aligned writes of {@code bytes} each, {@code B · S / (S + ⌈S/MPS⌉ · O_req)}. */
    public double writeBandwidth(long bytes) {
        return tlpBytesPerSecond() * bytes / (bytes + Tlps.count(0, bytes, maxPayloadBytes) * requestOverheadBytes());
    }
}

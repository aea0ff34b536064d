package org.iommusim.hw.pcie;

/**
 * PCIe generations: raw per-lane signalling rate and line-encoding efficiency.
 *
 * <p>Provenance (PCI-SIG base specifications 1.0a–6.0): gen1 2.5 GT/s and gen2 5 GT/s with
 * 8b/10b encoding (80 %); gen3 8 GT/s, gen4 16 GT/s and gen5 32 GT/s with 128b/130b encoding
 * (98.46 %); gen6 64 GT/s PAM4 in FLIT mode, where a 256-byte FLIT carries 242 bytes of TLP
 * and DLLP payload (236 B TLP + 6 B DLP) plus 8 B CRC and 6 B FEC, so the encoding efficiency
 * is taken as 242/256 (94.5 %). For gen6 the per-TLP LCRC and sequence number no longer exist
 * (the FLIT carries them), so a scenario may lower the TLP overhead for gen6; the default does
 * not (see {@link LinkConfig}).
 *
 * <p>Does not model: gen1/gen2 skip ordered sets, gen3+ SKP/EIEOS blocks (≈ 0.1–0.2 %), and
 * FLIT-mode NOP FLITs.
 */
public enum PcieGeneration {
    GEN1(2_500, 8, 10),
    GEN2(5_000, 8, 10),
    GEN3(8_000, 128, 130),
    GEN4(16_000, 128, 130),
    GEN5(32_000, 128, 130),
    GEN6(64_000, 242, 256);

    private final long megaTransfersPerSecond;
    private final int encodingNumerator;
    private final int encodingDenominator;

    PcieGeneration(long megaTransfersPerSecond, int encodingNumerator, int encodingDenominator) {
        this.megaTransfersPerSecond = megaTransfersPerSecond;
        this.encodingNumerator = encodingNumerator;
        this.encodingDenominator = encodingDenominator;
    }

    /** The generation {@code n} (1..6). */
    public static PcieGeneration of(int n) {
        if (n < 1 || n > 6) {
            throw new IllegalArgumentException("PCIe generation must be 1..6, got " + n);
        }
        return values()[n - 1];
    }

    /** 1..6. */
    public int number() {
        return ordinal() + 1;
    }

    /** Raw signalling rate per lane in MT/s (one bit per transfer per lane). */
    public long megaTransfersPerSecond() {
        return megaTransfersPerSecond;
    }

    /** Payload bits per {@link #encodingDenominator()} line bits. */
    public int encodingNumerator() {
        return encodingNumerator;
    }

    public int encodingDenominator() {
        return encodingDenominator;
    }

    /** The fraction of line bits that carry data (0.8, 128/130 or 242/256). */
    public double encodingEfficiency() {
        return (double) encodingNumerator / encodingDenominator;
    }
}

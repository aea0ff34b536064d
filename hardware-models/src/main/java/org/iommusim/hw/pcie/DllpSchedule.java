package org.iommusim.hw.pcie;

/**
 * The share of a link direction that is not available to TLPs: Ack/Nak and UpdateFC data-link
 * packets (DLLPs) and the physical layer's clock-compensation (SKP) ordered sets.
 *
 * <p>Models (PCI Express Base Specification): a DLLP is 8 bytes on the wire (6 B DLLP plus 2 B
 * framing: SDP at gen3+, SDP/END symbols at gen1/2), striped over the lanes, so it occupies
 * {@code 8 / width} symbol times. A receiver sends an Ack at the latest when its
 * AckNak latency timer expires and an UpdateFC when its update timer expires; the
 * specification's limits (Ack: Tables 3-7..3-9 "Maximum Ack Latency"; UpdateFC: Tables
 * 2-46..2-48 "UpdateFC Transmission Latency Guidelines") depend on the rate, the width and the
 * MPS, and this model takes one Ack and one UpdateFC per limit interval while TLPs flow — the
 * specification's recommended rate (the same numbers the pcie-bench model of Neugebauer et al.,
 * SIGCOMM 2018, uses). SKP ordered sets: gen1/2 send 4 symbols at most every 1538 symbol times;
 * gen3..5 one 16-symbol SKP block per 370..375 data blocks of 16 symbols (the maximum, 375, is
 * taken). Gen6 FLIT mode carries Acks and flow control in every FLIT's DLP bytes (already in its
 * 242/256 efficiency), so only the SKP share remains.
 *
 * <p>Does not model: Nak replays (no bit errors), coalescing below the limit, power-management
 * DLLPs.
 */
public final class DllpSchedule {
    /** Bytes of one DLLP on the wire. */
    public static final int DLLP_BYTES = 8;
    private static final int[] WIDTHS = {1, 2, 4, 8, 16};
    private static final int[] MPS = {128, 256, 512, 1024, 2048, 4096};
    // Ack/UpdateFC latency limits in symbol times, [width index][MPS index].
    private static final int[][] GEN1 = {
        {237, 416, 559, 1071, 2095, 4143}, {128, 217, 289, 545, 1057, 2081}, {73, 118, 154, 282, 538, 1050},
        {67, 107, 86, 150, 278, 534}, {48, 72, 86, 150, 278, 534}};
    private static final int[][] GEN2 = {
        {288, 467, 610, 1122, 2146, 4194}, {179, 268, 340, 596, 1108, 2132}, {124, 169, 205, 333, 589, 1101},
        {118, 158, 137, 201, 329, 585}, {99, 123, 137, 201, 329, 585}};
    private static final int[][] GEN3 = {
        {333, 512, 655, 1167, 2191, 4239}, {224, 313, 385, 641, 1153, 2177}, {169, 214, 250, 378, 634, 1146},
        {163, 203, 182, 246, 374, 630}, {144, 168, 182, 246, 374, 630}};

    private DllpSchedule() {
    }

    /** The Ack (and UpdateFC) latency limit in symbol times for this rate, width and MPS. */
    public static int ackLimitSymbols(PcieGeneration gen, int width, int mps) {
        int[][] table = switch (gen) {
            case GEN1 -> GEN1;
            case GEN2 -> GEN2;
            default -> GEN3; // the 8 GT/s table; the specification keeps it for 16 and 32 GT/s
        };
        return table[index(WIDTHS, width, "width")][index(MPS, mps, "MPS")];
    }

    /** Fraction of link time taken by SKP ordered sets. */
    public static double skipShare(PcieGeneration gen) {
        return switch (gen) {
            case GEN1, GEN2 -> 4.0 / 1538;
            default -> 16.0 / (375 * 16 + 16);
        };
    }

    /**
     * Fraction of one direction's time not available to TLPs: one Ack and one UpdateFC DLLP per
     * latency-limit interval ({@code 2 · (8 / width) / limit}) plus the SKP share; gen6 only SKP.
     */
    public static double overheadShare(PcieGeneration gen, int width, int mps) {
        double skip = skipShare(gen);
        if (gen == PcieGeneration.GEN6) {
            return skip;
        }
        double dllpSymbols = (double) DLLP_BYTES / width;
        return 2 * dllpSymbols / ackLimitSymbols(gen, width, mps) + skip;
    }

    private static int index(int[] values, int v, String what) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        throw new IllegalArgumentException("no DLLP schedule for " + what + " " + v);
    }
}

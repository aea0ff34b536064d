package org.iommusim.hw.pcie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.StatsRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The link against the closed form {@code (bytes + TLPs · overhead) / (bandwidth · (1 − DLLP
 * share))}: the formula is recomputed here independently in floating point from the generation
 * table of the PCIe specifications (framing 8 B, 4-DW request and 3-DW completion headers, one Ack
 * and one UpdateFC DLLP of 8 B per Ack-latency limit, SKP ordered sets), and one simulated
 * transfer must take exactly the model's closed form plus the propagation latency.
 */
class LinkClosedFormTest {

    /** (bytes + ceil(bytes / unit) · overhead) / (GT/s · width · efficiency / 8 · (1 − share)), in ps. */
    private static double expectedPs(long bytes, int unit, int overhead, double gtPerS, int width, double efficiency,
                                     double share) {
        long tlps = (bytes + unit - 1) / unit;
        double wire = bytes + tlps * (double) overhead;
        double bytesPerS = gtPerS * 1e9 * width * efficiency / 8 * (1 - share);
        return wire / bytesPerS * 1e12;
    }

    @ParameterizedTest(name = "gen{0} x{1} {2} B")
    @CsvSource({
        "1, 1, 64", "1, 4, 4096", "2, 8, 1500",
        "3, 8, 4096", "3, 16, 65536", "3, 1, 100",
        "4, 16, 4096", "4, 4, 2097152", "5, 16, 256",
        "5, 2, 9000", "6, 16, 4096", "6, 8, 1048576"})
    void transferTime_equalsClosedForm_acrossGenerationsWidthsAndSizes(int gen, int width, long bytes) {
        double[] gt = {2.5, 5, 8, 16, 32, 64};
        double[] eff = {0.8, 0.8, 128.0 / 130, 128.0 / 130, 128.0 / 130, 242.0 / 256};
        // MPS 256 Ack-latency limits (symbol times) of the specification's tables, x1..x16.
        int[][] limit = {{416, 217, 118, 107, 72}, {467, 268, 169, 158, 123}, {512, 313, 214, 203, 168}};
        int w = Integer.numberOfTrailingZeros(width);
        double skip = gen <= 2 ? 4.0 / 1538 : 16.0 / 6016;
        double share = gen == 6 ? skip : 2 * (8.0 / width) / limit[Math.min(gen, 3) - 1][w] + skip;
        int framing = gen == 6 ? 0 : 8;
        LinkConfig c = LinkConfig.defaults().withLink(PcieGeneration.of(gen), width);

        Simulator sim = new Simulator();
        PcieLink link = new PcieLink(sim, new StatsRegistry(sim), "link", c);
        double up = expectedPs(bytes, c.maxPayloadBytes(), framing + 16, gt[gen - 1], width, eff[gen - 1], share);
        double down = expectedPs(bytes, c.completionBytes(), framing + 12, gt[gen - 1], width, eff[gen - 1], share);

        assertThat((double) link.transferTimePs(bytes, LinkDirection.UPSTREAM)).isCloseTo(up, within(0.501));
        assertThat((double) link.transferTimePs(bytes, LinkDirection.DOWNSTREAM)).isCloseTo(down, within(0.501));

        long[] arrived = new long[1];
        link.sendWrite(0, bytes, 0, (tag, latency) -> arrived[0] = latency);
        sim.run();
        assertThat(arrived[0]).isEqualTo(link.transferTimePs(bytes, LinkDirection.UPSTREAM) + c.latencyPs());
    }

    /**
     * The link computes the time per wire byte once: a transfer of any size, upstream and down,
     * is serialised for exactly {@link LinkConfig#serializationPs} of its wire bytes (the same
     * rounding), whatever the generation, width, MPS and ECRC.
     */
    @ParameterizedTest(name = "gen{0} x{1} MPS {2} ecrc {3}")
    @CsvSource({"1, 1, 128, false", "2, 4, 512, true", "3, 8, 256, false", "4, 16, 256, true",
        "5, 2, 4096, false", "6, 16, 256, false"})
    void serialisation_equalsConfigFormula_forEveryWireSize(int gen, int width, int mps, boolean ecrc) {
        LinkConfig c = LinkConfig.defaults().withLink(PcieGeneration.of(gen), width).withSizes(mps, 512, 64)
                .withEcrc(ecrc);
        Simulator sim = new Simulator();
        PcieLink link = new PcieLink(sim, new StatsRegistry(sim), "l", c);
        long[] latency = new long[1];
        for (long payload = 0; payload <= 70_000; payload += payload < 600 ? 1 : 997) {
            for (LinkDirection d : LinkDirection.values()) {
                int tlps = 1 + (int) (payload % 3);
                int overhead = d == LinkDirection.UPSTREAM ? c.requestOverheadBytes() : c.completionOverheadBytes();
                latency[0] = -1;
                link.send(d, payload, tlps, overhead, 0, (tag, l) -> latency[0] = l);
                sim.run();
                assertThat(latency[0] - c.latencyPs()).as("%d B in %d TLPs %s", payload, tlps, d)
                        .isEqualTo(c.serializationPs(payload + (long) tlps * overhead));
            }
        }
    }

    @Test
    void gen3x8Page_handTraced_575956ps() {
        // 4096 B at MPS 256 = 16 TLPs, 4096 + 16·24 = 4480 wire bytes; 8 GT/s · 8 · 128/130 / 8 B/s
        // = 7.876923 GB/s, less 2/203 (Ack + UpdateFC) and 16/6016 (SKP) = 7.778368 GB/s.
        LinkConfig c = LinkConfig.defaults().withLink(PcieGeneration.GEN3, 8);
        assertThat(c.dllpShare()).isCloseTo(2.0 / 203 + 16.0 / 6016, within(1e-12));
        assertThat(c.serializationPs(4480)).isEqualTo(575_956);
        Simulator sim = new Simulator();
        assertThat(new PcieLink(sim, new StatsRegistry(sim), "l", c).transferTimePs(4096, LinkDirection.UPSTREAM))
                .isEqualTo(575_956);
    }

    /**
     * The framing arithmetic of small reads on gen3 x8 (docs/CALIBRATION.md): a read of S ≤ 256 B
     * is one 24-byte request upstream and one completion of S + 20 bytes downstream, so the
     * payload rate is {@code 7.778368 GB/s · S / (S + 20)}: 64 B 47.41 Gb/s, 128 B 53.82 Gb/s,
     * 256 B 57.72 Gb/s.
     */
    @ParameterizedTest(name = "{0} B reads: {1} Gb/s")
    @CsvSource({"64, 47.41", "128, 53.82", "256, 57.72"})
    void smallReadBandwidth_gen3x8_followsFramingArithmetic(int bytes, double gbps) {
        LinkConfig c = LinkConfig.defaults().withLink(PcieGeneration.GEN3, 8);
        assertThat(c.readBandwidth(bytes) * 8 / 1e9).isCloseTo(gbps, within(0.005));

        // Simulated: 1000 completions queued at once drain at that rate.
        Simulator sim = new Simulator();
        PcieLink link = new PcieLink(sim, new StatsRegistry(sim), "l", c);
        long[] last = new long[1];
        int n = 1000;
        for (int i = 0; i < n; i++) {
            link.sendCompletion((long) i * bytes, bytes, i, (tag, latency) -> last[0] = sim.now());
        }
        sim.run();
        double rate = (double) n * bytes / ((last[0] - c.latencyPs()) / 1e12);
        assertThat(rate * 8 / 1e9).isCloseTo(gbps, within(0.01));
    }

    @Test
    void headers_requestFourDwCompletionThreeDw_ecrcAddsFour() {
        LinkConfig c = LinkConfig.defaults().withLink(PcieGeneration.GEN3, 8);
        assertThat(c.requestOverheadBytes()).isEqualTo(8 + 16);
        assertThat(c.completionOverheadBytes()).isEqualTo(8 + 12);
        assertThat(c.withEcrc(true).completionOverheadBytes()).isEqualTo(8 + 12 + 4);
        assertThat(c.withLink(PcieGeneration.GEN6, 16).requestOverheadBytes()).as("FLIT mode: no framing")
                .isEqualTo(16);
    }

    @Test
    void usableBandwidth_matchesPublishedFigures() {
        LinkConfig d = LinkConfig.defaults();
        assertThat(d.withLink(PcieGeneration.GEN1, 1).usableBytesPerSecond()).isCloseTo(250e6, within(1.0));
        assertThat(d.withLink(PcieGeneration.GEN3, 16).usableBytesPerSecond()).isCloseTo(15.754e9, within(1e6));
        assertThat(d.withLink(PcieGeneration.GEN5, 16).usableBytesPerSecond()).isCloseTo(63.015e9, within(1e6));
        assertThat(d.withLink(PcieGeneration.GEN6, 16).usableBytesPerSecond()).isCloseTo(121e9, within(1e6));
    }

    @Test
    void queuedTransfers_serializePerDirection_directionsIndependent() {
        LinkConfig c = LinkConfig.defaults().withLink(PcieGeneration.GEN3, 8).withLatency(100 * SimTime.NS);
        Simulator sim = new Simulator();
        PcieLink link = new PcieLink(sim, new StatsRegistry(sim), "link", c);
        long t = link.transferTimePs(4096, LinkDirection.UPSTREAM);
        List<String> log = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            link.sendWrite(i * 4096L, 4096, i, (tag, latency) -> log.add(tag + "@" + sim.now()));
        }
        link.sendCompletion(0, 4096, 9, (tag, latency) -> log.add(tag + "@" + sim.now()));
        sim.run();

        long lat = c.latencyPs();
        long down = link.transferTimePs(4096, LinkDirection.DOWNSTREAM);
        assertThat(log).containsExactlyInAnyOrder("0@" + (t + lat), "1@" + (2 * t + lat), "2@" + (3 * t + lat),
                "9@" + (down + lat));
        assertThat(link.server(LinkDirection.UPSTREAM).queue().meanTimeInSystem())
                .as("waits 0, t, 2t").isCloseTo(t, within(1.0));
    }
}

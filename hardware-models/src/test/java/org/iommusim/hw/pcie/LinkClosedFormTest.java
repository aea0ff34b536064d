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
 * The link against the closed form {@code bytes × overhead / bandwidth}: the formula is
 * recomputed here independently in floating point from the generation table of the PCIe
 * specifications, and one simulated transfer must take exactly the model's closed form plus the
 * propagation latency.
 */
class LinkClosedFormTest {

    /** (bytes + ceil(bytes / unit) · 24) / (GT/s · width · efficiency / 8), in ps. */
    private static double expectedPs(long bytes, int unit, double gtPerS, int width, double efficiency) {
        long tlps = (bytes + unit - 1) / unit;
        double wire = bytes + tlps * 24.0;
        double bytesPerS = gtPerS * 1e9 * width * efficiency / 8;
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
        LinkConfig c = LinkConfig.defaults().withLink(PcieGeneration.of(gen), width);

        Simulator sim = new Simulator();
        PcieLink link = new PcieLink(sim, new StatsRegistry(sim), "link", c);
        double up = expectedPs(bytes, c.maxPayloadBytes(), gt[gen - 1], width, eff[gen - 1]);
        double down = expectedPs(bytes, c.completionBytes(), gt[gen - 1], width, eff[gen - 1]);

        assertThat((double) link.transferTimePs(bytes, LinkDirection.UPSTREAM)).isCloseTo(up, within(0.501));
        assertThat((double) link.transferTimePs(bytes, LinkDirection.DOWNSTREAM)).isCloseTo(down, within(0.501));

        long[] arrived = new long[1];
        link.sendWrite(0, bytes, 0, (tag, latency) -> arrived[0] = latency);
        sim.run();
        assertThat(arrived[0]).isEqualTo(link.transferTimePs(bytes, LinkDirection.UPSTREAM) + c.latencyPs());
    }

    @Test
    void gen3x8Page_handTraced_568750ps() {
        // 4096 B at MPS 256 = 16 TLPs, 4096 + 16·24 = 4480 wire bytes; 8 GT/s · 8 · 128/130 / 8 B/s.
        LinkConfig c = LinkConfig.defaults().withLink(PcieGeneration.GEN3, 8);
        assertThat(c.serializationPs(4480)).isEqualTo(568_750);
        Simulator sim = new Simulator();
        assertThat(new PcieLink(sim, new StatsRegistry(sim), "l", c).transferTimePs(4096, LinkDirection.UPSTREAM))
                .isEqualTo(568_750);
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

package org.iommusim.hw.pcie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.StatsRegistry;
import org.junit.jupiter.api.Test;

/**
 * The root port's posted credits: a TLP is sent only while one header and its data credits are
 * free, waiting TLPs are granted in arrival order, and returned credits come back one link
 * latency after the root port frees them (PCIe flow control, docs/CALIBRATION.md).
 */
class PostedCreditsTest {
    private final Simulator sim = new Simulator();
    private final StatsRegistry stats = new StatsRegistry(sim);

    @Test
    void dataCredits_roundUpTo16Bytes() {
        assertThat(PostedCredits.dataCredits(1)).isEqualTo(1);
        assertThat(PostedCredits.dataCredits(64)).isEqualTo(4);
        assertThat(PostedCredits.dataCredits(65)).isEqualTo(5);
        assertThat(PostedCredits.dataCredits(256)).isEqualTo(16);
    }

    @Test
    void tryTake_waitsForHeadersAndDataThenGrantsInArrivalOrderAfterTheReturnLatency() {
        PostedCredits c = new PostedCredits(sim, stats, "l", 2, 20, 100 * SimTime.NS);
        List<String> granted = new ArrayList<>();
        assertThat(c.tryTake(16, () -> granted.add("a"))).isTrue();
        assertThat(c.tryTake(4, () -> granted.add("b"))).isTrue();
        // no header left: c waits; d would fit the data but may not pass c (posted TLPs keep order)
        assertThat(c.tryTake(1, () -> granted.add("c@" + sim.now()))).isFalse();
        assertThat(c.tryTake(1, () -> granted.add("d@" + sim.now()))).isFalse();
        sim.schedule(Event.of(() -> c.returnLater(4)), 50 * SimTime.NS); // b's buffer freed at 50 ns
        sim.run();
        assertThat(granted).containsExactly("c@150000"); // one header back at 150 ns; d still lacks a header
        assertThat(c.headersFree()).isZero();
        assertThat(c.dataFree()).isEqualTo(20 - 16 - 1);
        c.returnLater(16);
        sim.run();
        assertThat(granted).containsExactly("c@150000", "d@250000");
    }

    @Test
    void zeroCredits_meanUnlimited() {
        PostedCredits c = new PostedCredits(sim, stats, "l", 0, 0, 100 * SimTime.NS);
        for (int i = 0; i < 10_000; i++) {
            assertThat(c.tryTake(16, () -> { })).isTrue();
        }
    }

    @Test
    void linkConfig_rejectsDataCreditsBelowOneMaxPayloadAndOneSidedLimits() {
        LinkConfig d = LinkConfig.defaults();
        assertThatThrownBy(() -> d.withPostedCredits(32, 8)).hasMessageContaining("at least MPS/16 = 16");
        assertThatThrownBy(() -> d.withPostedCredits(32, 0)).hasMessageContaining("set both");
        assertThat(d.withPostedCredits(32, 160).postedCreditsLimited()).isTrue();
        assertThat(d.postedCreditsLimited()).isFalse();
    }
}

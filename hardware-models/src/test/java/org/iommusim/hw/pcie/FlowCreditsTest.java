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
 * The root port's flow-control credits: a posted TLP is sent only while one header and its data
 * credits are free, a read's requests only while one non-posted header each is free; waiting
 * requests are granted in arrival order, and returned credits come back one link latency after
 * the root port frees them (PCIe flow control, docs/CALIBRATION.md).
 */
class FlowCreditsTest {
    private final Simulator sim = new Simulator();
    private final StatsRegistry stats = new StatsRegistry(sim);

    @Test
    void dataCredits_roundUpTo16Bytes() {
        assertThat(FlowCredits.dataCredits(1)).isEqualTo(1);
        assertThat(FlowCredits.dataCredits(64)).isEqualTo(4);
        assertThat(FlowCredits.dataCredits(65)).isEqualTo(5);
        assertThat(FlowCredits.dataCredits(256)).isEqualTo(16);
    }

    @Test
    void tryTake_waitsForHeadersAndDataThenGrantsInArrivalOrderAfterTheReturnLatency() {
        FlowCredits c = FlowCredits.posted(sim, stats, "l", 2, 20, 100 * SimTime.NS);
        List<String> granted = new ArrayList<>();
        assertThat(c.tryTake(1, 16, () -> granted.add("a"))).isTrue();
        assertThat(c.tryTake(1, 4, () -> granted.add("b"))).isTrue();
        // no header left: c waits; d would fit the data but may not pass c (posted TLPs keep order)
        assertThat(c.tryTake(1, 1, () -> granted.add("c@" + sim.now()))).isFalse();
        assertThat(c.tryTake(1, 1, () -> granted.add("d@" + sim.now()))).isFalse();
        sim.schedule(Event.of(() -> c.returnLater(1, 4)), 50 * SimTime.NS); // b's buffer freed at 50 ns
        sim.run();
        assertThat(granted).containsExactly("c@150000"); // one header back at 150 ns; d still lacks a header
        assertThat(c.headersFree()).isZero();
        assertThat(c.dataFree()).isEqualTo(20 - 16 - 1);
        c.returnLater(1, 16);
        sim.run();
        assertThat(granted).containsExactly("c@150000", "d@250000");
    }

    @Test
    void nonPosted_countsHeadersOnlyAndGrantsMultiRequestReadsWhole() {
        FlowCredits c = FlowCredits.nonPosted(sim, stats, "l", 4, 100 * SimTime.NS);
        List<String> granted = new ArrayList<>();
        assertThat(c.tryTake(3, 0, () -> granted.add("a"))).isTrue();
        // a read of two request TLPs needs both credits at once: it waits, and a 1-request read may not pass it
        assertThat(c.tryTake(2, 0, () -> granted.add("b@" + sim.now()))).isFalse();
        assertThat(c.tryTake(1, 0, () -> granted.add("c@" + sim.now()))).isFalse();
        c.returnLater(1, 0);
        sim.run();
        assertThat(granted).containsExactly("b@100000");
        assertThat(c.headersFree()).isZero();
        assertThatThrownBy(() -> c.tryTake(5, 0, () -> { })).hasMessageContaining("advertises 4 headers");
        assertThat(stats.get("l.non-posted-credits.headers-in-use")).isNotNull();
        assertThat(stats.all()).noneMatch(st -> st.name().equals("l.non-posted-credits.data-in-use"));
    }

    @Test
    void zeroCredits_meanUnlimited() {
        FlowCredits c = FlowCredits.posted(sim, stats, "l", 0, 0, 100 * SimTime.NS);
        for (int i = 0; i < 10_000; i++) {
            assertThat(c.tryTake(1, 16, () -> { })).isTrue();
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

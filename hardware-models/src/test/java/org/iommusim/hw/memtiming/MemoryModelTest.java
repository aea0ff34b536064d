package org.iommusim.hw.memtiming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.junit.jupiter.api.Test;

class MemoryModelTest {
    /** Histograms keep 3 significant digits; exact times are asserted on the callbacks. */
    private static final org.assertj.core.data.Percentage HDR_PRECISION = withinPercentage(0.1);
    private static final long NS = SimTime.NS;

    private final Simulator sim = new Simulator();
    private final StatsRegistry stats = new StatsRegistry(sim);
    /** "address@completion+latency" per completed read, in completion order. */
    private final List<String> done = new ArrayList<>();
    private final ReadCallback recorder = (a, t, l) -> done.add(a + "@" + t + "+" + l);

    private MemoryModel memory(MemoryConfig c, long seed) {
        return new MemoryModel(sim, stats, new RandomStreams(seed, 0), "mem", c);
    }

    private long counter(String name) {
        return ((Counter) stats.get(name)).get();
    }

    @Test
    void fixedLatency_readNowAndRead_takeExactlyTheLatency() {
        MemoryModel m = memory(MemoryConfig.fixed(80 * NS), 1);
        assertThat(m.readNow(0x1000)).isEqualTo(80 * NS);
        sim.scheduleAt(Event.of(() -> m.read(0x2000, recorder)), 5 * NS);
        sim.scheduleAt(Event.of(() -> m.read(0x3000, recorder)), 5 * NS);
        sim.run();
        assertThat(done).containsExactly(0x2000 + "@" + 85 * NS + "+" + 80 * NS,
                0x3000 + "@" + 85 * NS + "+" + 80 * NS);
        assertThat(counter("mem.reads")).isEqualTo(3);
        assertThat(counter("mem.dram-reads")).isEqualTo(3);
        assertThat(counter("mem.llc-hits")).isZero();
        LatencyHistogram h = (LatencyHistogram) stats.get("mem.latency");
        assertThat(h.count()).isEqualTo(3);
        assertThat(h.percentile(100)).isCloseTo(80 * NS, HDR_PRECISION);
        assertThat(m.inFlight()).isZero();
    }

    @Test
    void dependentReads_issuedFromTheCallback_chainOneLatencyEach() {
        MemoryModel m = memory(MemoryConfig.fixed(80 * NS), 1);
        int[] left = {4};
        long[] finished = {-1};
        ReadCallback walk = new ReadCallback() {
            @Override
            public void readComplete(long address, long completionPs, long latencyPs) {
                if (--left[0] > 0) {
                    m.read(address + 8, this); // the next level's PTE, like a page walk
                } else {
                    finished[0] = completionPs;
                }
            }
        };
        m.read(0, walk);
        sim.run();
        assertThat(finished[0]).isEqualTo(4 * 80 * NS);
        assertThat(m.inFlight()).as("pooled read records are returned").isZero();
    }

    @Test
    void defaults_are80nsWithoutChannelsOrLlc() {
        MemoryConfig d = MemoryConfig.defaults();
        assertThat(d.latencyPs()).isEqualTo(80 * NS);
        assertThat(d.channels()).isZero();
        assertThat(d.llcHitProbability()).isZero();
        assertThat(d.accessBytes()).isEqualTo(64);
        // 64 B at 25.6 GB/s = 2.5 ns exactly.
        assertThat(d.channelServicePs()).isEqualTo(2_500);
    }

    /** Closed form: read i of N issued together on one channel completes at latency + i·size/bandwidth. */
    @Test
    void oneChannel_backToBackReads_completeAtLatencyPlusIServiceTimes() {
        MemoryConfig c = MemoryConfig.fixed(80 * NS).withChannels(1, 25_600_000_000L);
        long s = c.channelServicePs();
        assertThat(s).isEqualTo(2_500);
        MemoryModel m = memory(c, 1);
        int n = 10;
        for (int i = 0; i < n; i++) {
            m.read(i * 64L, recorder);
        }
        sim.run();
        assertThat(done).hasSize(n);
        for (int i = 0; i < n; i++) {
            long expected = 80 * NS + i * s;
            assertThat(done.get(i)).as("read %d", i).isEqualTo(i * 64L + "@" + expected + "+" + expected);
        }
        // The channel was busy for n·s out of the n-th read's completion time.
        double expectedUtil = n * s / (double) sim.now();
        assertThat(m.channelUtilisation()).isCloseTo(expectedUtil, within(1e-12));
        assertThat(m.channel(0).queue().admitted()).isEqualTo(n);
        assertThat(m.inFlight()).isZero();
    }

    @Test
    void twoChannels_cacheLineInterleave_alternateAndQueueSeparately() {
        MemoryModel m = memory(MemoryConfig.fixed(80 * NS).withChannels(2, 25_600_000_000L), 1);
        assertThat(m.channelOf(0)).isZero();
        assertThat(m.channelOf(64)).isEqualTo(1);
        assertThat(m.channelOf(128)).isZero();
        assertThat(m.channelOf(63)).isZero();
        assertThat(m.channelOf(-64L)).as("addresses are unsigned").isEqualTo(1);
        for (long a : new long[] {0, 64, 128, 192}) {
            m.read(a, recorder);
        }
        sim.run();
        assertThat(done).containsExactly("0@80000+80000", "64@80000+80000", "128@82500+82500", "192@82500+82500");
    }

    @Test
    void coarseInterleave_keepsAPageOnOneChannel() {
        MemoryModel m = memory(MemoryConfig.fixed(80 * NS).withChannels(4, 25_600_000_000L).withInterleave(4096), 1);
        assertThat(m.channelOf(0)).isEqualTo(m.channelOf(4095));
        assertThat(m.channelOf(4096)).isEqualTo(1);
        assertThat(m.channelOf(4 * 4096)).isZero();
    }

    @Test
    void readNow_withChannels_isRejectedBecauseLatencyDependsOnQueueing() {
        MemoryModel m = memory(MemoryConfig.fixed(80 * NS).withChannels(1, 25_600_000_000L), 1);
        assertThatThrownBy(() -> m.readNow(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read(address, callback)");
    }

    @Test
    void llcHitRatio_matchesConfiguredProbability_andHitsTakeLlcLatency() {
        long seed = 7_301;
        double p = 0.3;
        MemoryModel m = memory(MemoryConfig.fixed(80 * NS).withLlc(p, 20 * NS), seed);
        int n = 200_000;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += m.readNow(i * 64L);
        }
        long hits = counter("mem.llc-hits");
        // 5 standard deviations of a binomial proportion: sqrt(0.21 / 2e5) ≈ 0.001.
        assertThat(hits / (double) n).as("seed %d: LLC hit ratio", seed).isCloseTo(p, within(0.005));
        assertThat(sum).as("seed %d: every read is a hit (20 ns) or a DRAM read (80 ns)", seed)
                .isEqualTo(hits * 20 * NS + (n - hits) * 80 * NS);
        assertThat(counter("mem.dram-reads") + hits).isEqualTo(n);
        assertThat(stats.get("mem.llc-hit-ratio").snapshot().field("value")).isCloseTo(p, within(0.005));
    }

    @Test
    void llcHits_bypassTheChannel() {
        MemoryModel m = memory(MemoryConfig.fixed(80 * NS).withChannels(1, 25_600_000_000L).withLlc(1.0, 20 * NS), 1);
        m.read(0, recorder);
        m.read(64, recorder);
        sim.run();
        assertThat(done).containsExactly("0@20000+20000", "64@20000+20000");
        assertThat(m.channel(0).queue().admitted()).isZero();
    }

    @Test
    void config_rejectsImpossibleValues_namingTheField() {
        assertThatThrownBy(() -> MemoryConfig.fixed(-1)).hasMessageContaining("latency");
        assertThatThrownBy(() -> MemoryConfig.defaults().withChannels(-1, 1)).hasMessageContaining("channels");
        assertThatThrownBy(() -> MemoryConfig.defaults().withChannels(1, 0)).hasMessageContaining("bandwidth");
        assertThatThrownBy(() -> MemoryConfig.defaults().withInterleave(96)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> MemoryConfig.defaults().withLlc(1.5, 0)).hasMessageContaining("LLC hit probability");
    }
}

package org.iommusim.hw.memtiming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.random.Distribution;
import org.iommusim.core.random.Exponential;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.random.Uniform;
import org.iommusim.core.stats.StatsRegistry;
import org.junit.jupiter.api.Test;

/**
 * {@link MemoryConfig#latencyDistribution}: each DRAM read's latency is drawn from stream
 * {@code <prefix>.latency} (readNow, read without and with channels); LLC hits keep their fixed
 * latency; without it no stream is created.
 */
class MemoryLatencyDistributionTest {
    private static final long SEED = 17L;
    private static final long NS = SimTime.NS;

    @Test
    void drawnLatency_followsTheStreamOfItsOwnName_inEveryReadPath() {
        for (int channels : new int[] {0, 2}) {
            Simulator sim = new Simulator();
            MemoryConfig c = MemoryConfig.fixed(80 * NS).withLatencyDistribution(new Exponential(80 * NS));
            if (channels > 0) {
                c = c.withChannels(channels, 1_000_000_000_000L); // fast channels: no queueing between spaced reads
            }
            RandomStreams streams = new RandomStreams(SEED, 0);
            MemoryModel m = new MemoryModel(sim, new StatsRegistry(sim), streams, "mem", c);
            Distribution twin = new RandomStreams(SEED, 0).stream("mem.latency").exponential(80 * NS);
            long[] expected = new long[200];
            long[] got = new long[200];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = twin.sampleLong();
                int k = i;
                if (channels == 0 && i % 2 == 0) {
                    sim.scheduleAt(Event.of(() -> got[k] = m.readNow(k * 64L)), i * 10_000 * NS);
                } else {
                    sim.scheduleAt(Event.of(() -> m.read(k * 64L, (a, t, l) -> got[k] = l)), i * 10_000 * NS);
                }
            }
            sim.run();
            assertThat(got).as("seed %d, %d channels", SEED, channels).containsExactly(expected);
            assertThat(streams.names()).containsExactly("mem.latency");
        }
    }

    @Test
    void llcHits_keepTheirFixedLatency_andFixedConfig_createsNoStream() {
        Simulator sim = new Simulator();
        MemoryConfig c = MemoryConfig.fixed(80 * NS).withLlc(1.0, 20 * NS)
                .withLatencyDistribution(new Exponential(80 * NS));
        MemoryModel m = new MemoryModel(sim, new StatsRegistry(sim), new RandomStreams(SEED, 0), "mem", c);
        for (int i = 0; i < 100; i++) {
            assertThat(m.readNow(i)).isEqualTo(20 * NS);
        }
        RandomStreams streams = new RandomStreams(SEED, 0);
        MemoryModel fixed = new MemoryModel(sim, new StatsRegistry(sim), streams, "mem", MemoryConfig.fixed(80 * NS));
        assertThat(fixed.readNow(0)).isEqualTo(80 * NS);
        assertThat(streams.names()).isEmpty();
    }

    @Test
    void meanOfDrawnLatency_isTheDistributionsMean() {
        Simulator sim = new Simulator();
        MemoryModel m = new MemoryModel(sim, new StatsRegistry(sim), new RandomStreams(SEED, 0), "mem",
                MemoryConfig.fixed(80 * NS).withLatencyDistribution(new Uniform(40 * NS, 120 * NS)));
        long sum = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            long l = m.readNow(i);
            assertThat(l).isBetween(40 * NS, 120 * NS);
            sum += l;
        }
        assertThat(sum / (double) n).as("seed %d", SEED).isCloseTo(80 * NS, within(0.01 * 80 * NS));
    }

    @Test
    void negativeSupport_isRefused() {
        assertThatThrownBy(() -> MemoryConfig.fixed(80 * NS).withLatencyDistribution(new Uniform(-1, 1)))
                .hasMessageContaining("memory latency distribution must draw durations >= 0");
    }
}

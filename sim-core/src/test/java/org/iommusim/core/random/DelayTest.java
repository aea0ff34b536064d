package org.iommusim.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Delay: fixed without a distribution (no stream, no draw, no allocation), drawn from its own stream with one. */
class DelayTest {
    private static final long SEED = 9L;

    @Test
    void withoutDistribution_isTheFixedValue_andCreatesNoStream() {
        RandomStreams streams = new RandomStreams(SEED, 0);
        Delay d = Delay.of(80_000, null, streams, "mem.latency");
        for (int i = 0; i < 10; i++) {
            assertThat(d.next()).isEqualTo(80_000);
        }
        assertThat(d.isFixed()).isTrue();
        assertThat(streams.names()).as("no stream for a fixed delay").isEmpty();
    }

    @Test
    void withDistribution_drawsFromItsOwnNamedStream() {
        RandomStreams streams = new RandomStreams(SEED, 0);
        Delay d = Delay.of(80_000, new Exponential(80_000), streams, "mem.latency");
        Distribution twin = new RandomStreams(SEED, 0).stream("mem.latency").exponential(80_000);
        long sum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            long v = d.next();
            assertThat(v).as("seed %d draw %d", SEED, i).isEqualTo(twin.sampleLong());
            sum += v;
        }
        assertThat(streams.names()).containsExactly("mem.latency");
        assertThat(sum / (double) n).as("seed %d: mean", SEED).isCloseTo(80_000, within(5 * 80_000 / Math.sqrt(n)));
        assertThat(d.meanPs()).isEqualTo(80_000);
    }

    @Test
    void negativeSupport_orNegativeFixedValue_isRefused() {
        RandomStreams streams = new RandomStreams(SEED, 0);
        assertThatThrownBy(() -> Delay.of(1, new Uniform(-1, 1), streams, "x")).hasMessageContaining("at least 0");
        assertThatThrownBy(() -> Delay.fixed(-1)).hasMessageContaining(">= 0 ps");
    }

    @Test
    void fixedNext_allocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Delay fixed = Delay.fixed(5);
        Delay drawn = Delay.of(5, new Lognormal(5_000, 1), new RandomStreams(SEED, 0), "d");
        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += fixed.next() + drawn.next();
        }
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < 1_000_000; i++) {
            sink += fixed.next() + drawn.next();
        }
        long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(allocated).as("allocated %d bytes for 10^6 draws (sink %d)", allocated, sink).isLessThan(4096);
    }
}

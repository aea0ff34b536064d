package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.iommusim.core.random.RandomStreams;
import org.junit.jupiter.api.Test;

/** The address patterns on hand examples, and the registry's names and errors. */
class AddressPatternsTest {
    private final RandomStreams streams = new RandomStreams(9, 0);

    private long[] take(PatternSpec spec, int n) {
        AddressPattern p = AddressPatterns.create(spec, streams.stream("p"));
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = p.next();
        }
        return out;
    }

    @Test
    void sequential_walksRequestsAndWraps() {
        assertThat(take(PatternSpec.of("sequential", 0x10000, 4 * 512, 512), 6))
                .containsExactly(0x10000, 0x10200, 0x10400, 0x10600, 0x10000, 0x10200);
    }

    @Test
    void strided_stepsByStrideModuloSpan() {
        // span 5 pages, stride 2 pages: 0, 2, 4, 1, 3, 0
        assertThat(take(PatternSpec.of("strided", 0, 5 * 4096, 4096).withStride(2 * 4096), 6))
                .containsExactly(0, 2 * 4096, 4 * 4096, 4096, 3 * 4096, 0);
    }

    @Test
    void cyclic_visitsRingBuffersRoundRobin() {
        // 3 buffers of 2 KiB, one per page (stride 4 KiB) in a span of 3 pages.
        assertThat(take(PatternSpec.of("cyclic", 0x8000, 3 * 4096, 2048), 4))
                .containsExactly(0x8000, 0x9000, 0xA000, 0x8000);
    }

    @Test
    void uniform_staysAlignedInsideWorkingSet_coversAllSlots() {
        long[] a = take(PatternSpec.of("uniform", 0x100000, 16 * 4096, 4096), 2000);
        boolean[] seen = new boolean[16];
        for (long x : a) {
            assertThat(x).isBetween(0x100000L, 0x100000L + 15 * 4096).matches(v -> v % 4096 == 0);
            seen[(int) ((x - 0x100000) / 4096)] = true;
        }
        assertThat(seen).containsOnly(true);
    }

    @Test
    void zipf_firstSlotIsHottest() {
        long[] a = take(PatternSpec.of("zipf", 0, 1000 * 4096, 4096).withZipfExponent(1.2), 20000);
        int first = 0;
        int tenth = 0;
        for (long x : a) {
            first += x == 0 ? 1 : 0;
            tenth += x == 9 * 4096 ? 1 : 0;
        }
        // P(1)/P(10) = 10^1.2 ≈ 15.8
        assertThat(first).isGreaterThan(8 * tenth);
    }

    @Test
    void unknownName_failsWithValidNames() {
        assertThatThrownBy(() -> AddressPatterns.create(PatternSpec.of("random", 0, 4096, 4096), streams.stream("p")))
                .hasMessageContaining("unknown address pattern 'random'")
                .hasMessageContaining("[cyclic, sequential, strided, uniform, zipf]");
    }
}

package org.iommusim.hw.device;

import org.iommusim.core.random.Distribution;
import org.iommusim.core.random.RandomStream;

/**
 * The {@code zipf} pattern: slot k−1 of the working set with probability ∝ k^−exponent
 * ({@code zipfExponent}), so the hot slots are at the low end of the working set; no
 * permutation — the locality of the hot set is part of the pattern. At most 2^31-1 slots.
 */
final class ZipfPattern implements AddressPattern {
    /** The {@code zipf} pattern. */
    static final Type TYPE = Type.of("zipf", (s, stream) -> new ZipfPattern(s.baseIova(), s.requestBytes(),
            stream.zipf(s.intSlots("zipf"), s.zipfExponent())));

    private final long base;
    private final long size;
    private final Distribution ranks;

    private ZipfPattern(long base, long size, Distribution ranks) {
        this.base = base;
        this.size = size;
        this.ranks = ranks;
    }

    @Override
    public long next() {
        return base + (ranks.sampleLong() - 1) * size;
    }

    @Override
    public String name() {
        return "zipf";
    }
}

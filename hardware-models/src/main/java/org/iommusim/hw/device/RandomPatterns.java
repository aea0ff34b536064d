package org.iommusim.hw.device;

import org.iommusim.core.random.Distribution;
import org.iommusim.core.random.RandomStream;

/**
 * Random addresses over the request-sized slots of the working set: {@code uniform} (every
 * slot equally likely) and {@code zipf} (slot k−1 with probability ∝ k^−exponent, so the hot
 * slots are at the low end of the working set; no permutation — the locality of the hot set is
 * part of the pattern). Draws come from the stream the registry is given.
 */
final class RandomPatterns {
    private RandomPatterns() {
    }

    static AddressPattern uniform(PatternSpec s, RandomStream stream) {
        long slots = s.slots();
        if (slots > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("uniform: at most 2^31-1 slots, got " + slots);
        }
        int n = (int) slots;
        long base = s.baseIova();
        long size = s.requestBytes();
        return new AddressPattern() {
            @Override
            public long next() {
                return base + stream.nextInt(n) * size;
            }

            @Override
            public String name() {
                return "uniform";
            }
        };
    }

    static AddressPattern zipf(PatternSpec s, RandomStream stream) {
        long slots = s.slots();
        if (slots > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("zipf: at most 2^31-1 slots, got " + slots);
        }
        Distribution d = stream.zipf((int) slots, s.zipfExponent());
        long base = s.baseIova();
        long size = s.requestBytes();
        return new AddressPattern() {
            @Override
            public long next() {
                return base + (d.sampleLong() - 1) * size;
            }

            @Override
            public String name() {
                return "zipf";
            }
        };
    }
}

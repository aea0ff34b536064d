package org.iommusim.hw.device;

/**
 * Deterministic sweeps: {@code sequential} (consecutive requests, wrapping at the end of the
 * working set), {@code strided} (steps of {@code strideBytes}, wrapping modulo the span — with
 * a stride that does not divide the span the sweep shifts on each lap) and {@code cyclic} (a
 * ring of {@code span / stride} buffers, each {@code strideBytes} apart, visited round-robin
 * from buffer 0 — a NIC descriptor ring of pre-mapped buffers). No randomness.
 */
final class SweepPatterns {
    private SweepPatterns() {
    }

    /** base + (i · step mod span). */
    static final class Stepping implements AddressPattern {
        private final String name;
        private final long base;
        private final long span;
        private final long step;
        private long offset;

        Stepping(String name, long base, long span, long step) {
            this.name = name;
            this.base = base;
            this.span = span;
            this.step = step;
        }

        @Override
        public long next() {
            long a = base + offset;
            offset += step;
            if (offset >= span) {
                offset -= span;
            }
            return a;
        }

        @Override
        public String name() {
            return name;
        }
    }

    static AddressPattern sequential(PatternSpec s) {
        return new Stepping("sequential", s.baseIova(), s.spanBytes(), s.requestBytes());
    }

    static AddressPattern strided(PatternSpec s) {
        return new Stepping("strided", s.baseIova(), s.spanBytes(), s.strideBytes() % s.spanBytes() == 0
                ? s.spanBytes() : s.strideBytes() % s.spanBytes());
    }

    /** Ring of floor(span / stride) buffers (at least one). */
    static AddressPattern cyclic(PatternSpec s) {
        long entries = Math.max(1, s.spanBytes() / s.strideBytes());
        return new Stepping("cyclic", s.baseIova(), entries * s.strideBytes(), s.strideBytes());
    }
}

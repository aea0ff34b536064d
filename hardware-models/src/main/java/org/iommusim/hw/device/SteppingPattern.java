package org.iommusim.hw.device;

/**
 * The deterministic sweep the {@code sequential}, {@code strided} and {@code cyclic} patterns
 * share: base + (i · step mod span), wrapping at the end of the span. No randomness.
 */
class SteppingPattern implements AddressPattern {
    private final String name;
    private final long base;
    private final long span;
    private final long step;
    private long offset;

    SteppingPattern(String name, long base, long span, long step) {
        this.name = name;
        this.base = base;
        this.span = span;
        this.step = step;
    }

    @Override
    public final long next() {
        long a = base + offset;
        offset += step;
        if (offset >= span) {
            offset -= span;
        }
        return a;
    }

    @Override
    public final String name() {
        return name;
    }
}

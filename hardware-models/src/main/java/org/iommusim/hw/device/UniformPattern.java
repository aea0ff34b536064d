package org.iommusim.hw.device;

import org.iommusim.core.random.RandomStream;

/**
 * The {@code uniform} pattern: random addresses over the request-sized slots of the working set,
 * every slot equally likely, one draw from the given stream per request. At most 2^31-1 slots.
 */
final class UniformPattern implements AddressPattern {
    /** The {@code uniform} pattern. */
    static final Type TYPE = Type.of("uniform", (s, stream) -> new UniformPattern(s.baseIova(), s.intSlots("uniform"),
            s.requestBytes(), stream));

    private final long base;
    private final int slots;
    private final long size;
    private final RandomStream stream;

    private UniformPattern(long base, int slots, long size, RandomStream stream) {
        this.base = base;
        this.slots = slots;
        this.size = size;
        this.stream = stream;
    }

    @Override
    public long next() {
        return base + stream.nextInt(slots) * size;
    }

    @Override
    public String name() {
        return "uniform";
    }
}

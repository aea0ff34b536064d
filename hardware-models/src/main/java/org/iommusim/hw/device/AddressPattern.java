package org.iommusim.hw.device;

import java.util.function.BiFunction;
import org.iommusim.core.random.RandomStream;

/**
 * Where a device's next DMA goes: one IOVA per call, the base plus a multiple of the request size, inside the
 * working set {@code [base, base + span)} of its {@link PatternSpec}. Implementations keep
 * their state in fields and allocate nothing per call; they are built through their
 * {@link Type}, listed by name in {@link AddressPatterns}.
 */
public interface AddressPattern {
    /** The IOVA of the next request. */
    long next();

    /** The registry name this pattern was built under. */
    String name();

    /** One pattern's registry entry: its config name and how it is built (each pattern class declares its own). */
    interface Type {
        /** The stable config name ({@code sequential}, {@code zipf}). */
        String name();

        /** The pattern over {@code spec}'s working set; random patterns draw from {@code stream}. */
        AddressPattern create(PatternSpec spec, RandomStream stream);

        /** The pattern {@code name} built by {@code factory}. */
        static Type of(String name, BiFunction<PatternSpec, RandomStream, AddressPattern> factory) {
            return new Type() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public AddressPattern create(PatternSpec spec, RandomStream stream) {
                    return factory.apply(spec, stream);
                }
            };
        }
    }
}

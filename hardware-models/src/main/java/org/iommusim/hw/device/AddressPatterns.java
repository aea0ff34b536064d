package org.iommusim.hw.device;

import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.iommusim.core.random.RandomStream;

/**
 * The registry of address patterns, keyed by stable configuration names: {@code sequential},
 * {@code strided}, {@code cyclic} ({@link SweepPatterns}), {@code uniform}, {@code zipf}
 * ({@link RandomPatterns}). An unknown name fails with the list of valid ones. Immutable.
 */
public final class AddressPatterns {
    /** Builds a pattern from its spec and a random stream (deterministic patterns ignore it). */
    @FunctionalInterface
    interface Factory {
        AddressPattern create(PatternSpec spec, RandomStream stream);
    }

    private static final Map<String, Factory> FACTORIES;

    static {
        Map<String, Factory> m = new TreeMap<>();
        m.put("sequential", (s, r) -> SweepPatterns.sequential(s));
        m.put("strided", (s, r) -> SweepPatterns.strided(s));
        m.put("cyclic", (s, r) -> SweepPatterns.cyclic(s));
        m.put("uniform", RandomPatterns::uniform);
        m.put("zipf", RandomPatterns::zipf);
        FACTORIES = Collections.unmodifiableMap(m);
    }

    private AddressPatterns() {
    }

    /** The valid names, sorted. */
    public static SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(FACTORIES.keySet()));
    }

    /** The pattern {@code spec.name()} drawing from {@code stream}. */
    public static AddressPattern create(PatternSpec spec, RandomStream stream) {
        Factory f = FACTORIES.get(spec.name());
        if (f == null) {
            throw new IllegalArgumentException("unknown address pattern '" + spec.name() + "'; valid: " + names());
        }
        return f.create(spec, stream);
    }
}

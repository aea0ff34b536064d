package org.iommusim.hw.device;

import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.iommusim.core.random.RandomStream;

/**
 * The registry of address patterns, keyed by stable configuration names: {@code cyclic},
 * {@code sequential}, {@code strided}, {@code uniform}, {@code zipf}. Each pattern is a class
 * declaring its {@link AddressPattern.Type}; {@link #ALL} is the one list (a new pattern is a
 * class and a line there; the scenario schema's {@code pattern} key takes its allowed values
 * from it). An unknown name fails with the list of valid ones. Immutable.
 */
public final class AddressPatterns {
    /** The model's patterns. */
    static final List<AddressPattern.Type> ALL = List.of(
            CyclicPattern.TYPE,
            SequentialPattern.TYPE,
            StridedPattern.TYPE,
            UniformPattern.TYPE,
            ZipfPattern.TYPE);

    private static final TreeMap<String, AddressPattern.Type> BY_NAME = new TreeMap<>();

    static {
        for (AddressPattern.Type t : ALL) {
            BY_NAME.put(t.name(), t);
        }
    }

    private AddressPatterns() {
    }

    /** The valid names, sorted. */
    public static SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(BY_NAME.keySet()));
    }

    /** The pattern {@code spec.name()} drawing from {@code stream}. */
    public static AddressPattern create(PatternSpec spec, RandomStream stream) {
        AddressPattern.Type t = BY_NAME.get(spec.name());
        if (t == null) {
            throw new IllegalArgumentException("unknown address pattern '" + spec.name() + "'; valid: " + names());
        }
        return t.create(spec, stream);
    }
}

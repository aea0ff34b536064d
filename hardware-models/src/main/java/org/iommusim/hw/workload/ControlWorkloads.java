package org.iommusim.hw.workload;

import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The registry of control-plane workloads, keyed by stable configuration names:
 * {@code guest-pte-writes} ({@link GuestPteWritesConfig}), {@code range-invalidations}
 * ({@link RangeInvalidationsConfig}), {@code parent-churn} ({@link ParentChurnConfig}). An
 * unknown name fails with the list of valid ones. Immutable.
 */
public final class ControlWorkloads {
    @FunctionalInterface
    private interface Factory {
        ControlWorkload create(WorkloadContext ctx, String prefix, WorkloadSpec spec);
    }

    private static final Map<String, Factory> FACTORIES;

    static {
        Map<String, Factory> m = new TreeMap<>();
        m.put(GuestPteWritesConfig.NAME, (c, p, s) -> new GuestPteWrites(c, p, (GuestPteWritesConfig) s));
        m.put(RangeInvalidationsConfig.NAME, (c, p, s) -> new RangeInvalidations(c, p, (RangeInvalidationsConfig) s));
        m.put(ParentChurnConfig.NAME, (c, p, s) -> new ParentChurn(c, p, (ParentChurnConfig) s));
        FACTORIES = Collections.unmodifiableMap(m);
    }

    private ControlWorkloads() {
    }

    /** The valid names, sorted. */
    public static SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(FACTORIES.keySet()));
    }

    /** Fails unless {@code name} is a registered workload (for validating a scenario before building). */
    public static void requireKnown(String name) {
        if (!FACTORIES.containsKey(name)) {
            throw new IllegalArgumentException("unknown control-plane workload '" + name + "'; valid: " + names());
        }
    }

    /** Builds the workload {@code spec.name()} with statistics and random streams under {@code prefix}. */
    public static ControlWorkload create(WorkloadSpec spec, WorkloadContext ctx, String prefix) {
        requireKnown(spec.name());
        return FACTORIES.get(spec.name()).create(ctx, prefix, spec);
    }
}

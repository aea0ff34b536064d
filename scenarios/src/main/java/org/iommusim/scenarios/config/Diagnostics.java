package org.iommusim.scenarios.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects diagnostics during one load, keeping the first {@link #LIMIT} and counting the rest,
 * so a user sees all their mistakes at once rather than one per run, reported in file order. Not thread-safe; one
 * instance per load.
 */
public final class Diagnostics {
    /** How many diagnostics are kept; later ones are only counted. */
    public static final int LIMIT = 50;

    private static final Comparator<Diagnostic> BY_PLACE = Comparator
            .comparing((Diagnostic d) -> d.origin().kind())
            .thenComparing(d -> d.origin().source())
            .thenComparingInt(d -> d.origin().line())
            .thenComparingInt(d -> d.origin().column());

    private final List<Diagnostic> kept = new ArrayList<>();
    private final Set<Diagnostic> seen = new HashSet<>();
    private int omitted;

    /** Adds a diagnostic; an exact repeat (same origin and message) is dropped. */
    public void add(Diagnostic d) {
        if (!seen.add(d)) {
            return;
        }
        if (kept.size() < LIMIT) {
            kept.add(d);
        } else {
            omitted++;
        }
    }

    /** Adds {@code key '<path>'<rest>} at {@code origin}. */
    public void atKey(Origin origin, String path, String rest) {
        add(Diagnostic.atKey(origin, path, rest));
    }

    public boolean isEmpty() {
        return kept.isEmpty();
    }

    /** The kept diagnostics sorted by place: files (by name, line, column), then --set, then defaults. */
    public List<Diagnostic> list() {
        List<Diagnostic> sorted = new ArrayList<>(kept);
        sorted.sort(BY_PLACE);
        return List.copyOf(sorted);
    }

    /** Throws a {@link ConfigException} with everything collected, if anything was. */
    public void throwIfAny() {
        if (!kept.isEmpty()) {
            throw new ConfigException(list(), omitted);
        }
    }
}

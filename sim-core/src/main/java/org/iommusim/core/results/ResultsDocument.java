package org.iommusim.core.results;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything {@code stats.json} holds: the schema version, the scenario name, the master seed,
 * the variants in the order they were run, and whether the run completed ({@code false} when it
 * was interrupted and only the replications that finished are in it). {@link ResultsJson} writes and reads it,
 * {@link ResultsCsv} and {@link TextListing} render it. Variant names are unique.
 */
public record ResultsDocument(int schemaVersion, String scenario, long seed, List<VariantResult> variants,
                              boolean complete) {
    /** The version of the {@code stats.json} layout this code writes; bumped on any incompatible change. */
    public static final int SCHEMA_VERSION = 1;

    public ResultsDocument {
        if (schemaVersion < 1 || schemaVersion > SCHEMA_VERSION) {
            throw new IllegalArgumentException("results schema version " + schemaVersion
                    + " is not supported; this build reads versions 1 to " + SCHEMA_VERSION);
        }
        Objects.requireNonNull(scenario, "scenario");
        variants = List.copyOf(Objects.requireNonNull(variants, "variants"));
        Set<String> names = new HashSet<>();
        for (VariantResult v : variants) {
            if (!names.add(v.name())) {
                throw new IllegalArgumentException("variant '" + v.name() + "' appears twice");
            }
        }
    }

    /** A complete run's document. */
    public ResultsDocument(int schemaVersion, String scenario, long seed, List<VariantResult> variants) {
        this(schemaVersion, scenario, seed, variants, true);
    }

    /** A complete run's document in the current schema version. */
    public static ResultsDocument of(String scenario, long seed, List<VariantResult> variants) {
        return new ResultsDocument(SCHEMA_VERSION, scenario, seed, variants, true);
    }

    /** This document marked as that of a run that completed ({@code true}) or was interrupted. */
    public ResultsDocument withComplete(boolean completed) {
        return new ResultsDocument(schemaVersion, scenario, seed, variants, completed);
    }

    public VariantResult variant(String name) {
        for (VariantResult v : variants) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no variant named '" + name + "'");
    }

    /**
     * Every statistic appearing in any replication, sorted by name. A name must mean the same
     * statistic everywhere: the same kind, unit and description in every variant.
     *
     * @throws IllegalArgumentException naming the statistic when two replications disagree
     */
    public Map<String, StatInfo> statistics() {
        Map<String, StatInfo> out = new TreeMap<>();
        for (VariantResult v : variants) {
            for (Replication r : v.replications()) {
                for (StatValue s : r.snapshot().values()) {
                    StatInfo info = StatInfo.of(s);
                    StatInfo previous = out.putIfAbsent(s.name(), info);
                    if (previous != null && !previous.equals(info)) {
                        throw new IllegalArgumentException("statistic '" + s.name() + "' is declared differently in"
                                + " variant '" + v.name() + "' replication " + r.index() + ": " + info + " vs "
                                + previous);
                    }
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }
}

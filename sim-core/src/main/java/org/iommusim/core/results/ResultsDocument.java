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
 * {@link ResultsCsv} and {@link TextListing} render it. Variant names are unique. Immutable, with
 * value equality like a record; the statistics catalogue ({@link #statistics()}) is worked out
 * once, on first use (a thousand-device run has 200,000 values to look at).
 */
public final class ResultsDocument {
    /** The version of the {@code stats.json} layout this code writes; bumped on any incompatible change. */
    public static final int SCHEMA_VERSION = 1;

    private final int schemaVersion;
    private final String scenario;
    private final long seed;
    private final List<VariantResult> variants;
    private final boolean complete;
    private volatile Map<String, StatInfo> statistics;

    public ResultsDocument(int schemaVersion, String scenario, long seed, List<VariantResult> variants,
                           boolean complete) {
        if (schemaVersion < 1 || schemaVersion > SCHEMA_VERSION) {
            throw new IllegalArgumentException("results schema version " + schemaVersion
                    + " is not supported; this build reads versions 1 to " + SCHEMA_VERSION);
        }
        Objects.requireNonNull(scenario, "scenario");
        this.variants = List.copyOf(Objects.requireNonNull(variants, "variants"));
        Set<String> names = new HashSet<>();
        for (VariantResult v : this.variants) {
            if (!names.add(v.name())) {
                throw new IllegalArgumentException("variant '" + v.name() + "' appears twice");
            }
        }
        this.schemaVersion = schemaVersion;
        this.scenario = scenario;
        this.seed = seed;
        this.complete = complete;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public String scenario() {
        return scenario;
    }

    public long seed() {
        return seed;
    }

    public List<VariantResult> variants() {
        return variants;
    }

    /** Whether the run completed ({@code false} when it was interrupted). */
    public boolean complete() {
        return complete;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResultsDocument d && schemaVersion == d.schemaVersion && scenario.equals(d.scenario)
                && seed == d.seed && complete == d.complete && variants.equals(d.variants);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schemaVersion, scenario, seed, variants, complete);
    }

    @Override
    public String toString() {
        return "ResultsDocument[schemaVersion=" + schemaVersion + ", scenario=" + scenario + ", seed=" + seed
                + ", variants=" + variants + ", complete=" + complete + "]";
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
        Map<String, StatInfo> s = statistics;
        if (s == null) {
            s = catalogue();
            statistics = s;
        }
        return s;
    }

    private Map<String, StatInfo> catalogue() {
        Map<String, StatInfo> out = new TreeMap<>();
        for (VariantResult v : variants) {
            for (Replication r : v.replications()) {
                for (StatValue s : r.snapshot().values()) {
                    StatInfo previous = out.get(s.name());
                    if (previous == null) {
                        out.put(s.name(), StatInfo.of(s));
                    } else if (previous.kind() != s.kind() || !previous.unit().equals(s.unit())
                            || !previous.description().equals(s.description())) {
                        StatInfo info = StatInfo.of(s);
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

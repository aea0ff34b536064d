package org.iommusim.core.random;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The distribution families by stable config name, for configuration files: a name and a
 * parameter map (as a YAML/JSON loader produces it) become a validated {@link DistributionSpec}.
 * Unknown names fail with the list of valid ones; unknown or missing parameters fail with the
 * family's parameter list.
 *
 * <p>{@link #standard()} is the one list of the built-in families, each declared by its own
 * class ({@link DistributionFamily}): a new family is one record implementing
 * {@link DistributionSpec} (validation, support, sampler and {@code FAMILY} in that one file) and
 * one line here; the scenario schema's {@code interArrival.distribution} key and reference.yaml
 * list the names and parameters from this registry. Parameter values are read as
 * {@link DistributionFamily} says. Immutable.
 */
public final class DistributionRegistry {
    private static final DistributionRegistry STANDARD = new DistributionRegistry(List.of(
            Exponential.FAMILY,
            Uniform.FAMILY,
            Deterministic.FAMILY,
            Zipf.FAMILY,
            Empirical.FAMILY,
            Lognormal.FAMILY));

    private final TreeMap<String, DistributionFamily> families = new TreeMap<>();

    private DistributionRegistry(List<DistributionFamily> families) {
        for (DistributionFamily f : families) {
            if (this.families.putIfAbsent(f.name(), f) != null) {
                throw new IllegalArgumentException("two distribution families are named '" + f.name() + "'");
            }
        }
    }

    /**
     * exponential(mean), uniform(low, high), deterministic(value), zipf(elements, exponent),
     * empirical(values, weights) or empirical(file), lognormal(mean, cv).
     */
    public static DistributionRegistry standard() {
        return STANDARD;
    }

    /** This registry and {@code extra} (a test's example family, or a model's own). */
    public DistributionRegistry with(DistributionFamily extra) {
        List<DistributionFamily> all = new ArrayList<>(families.values());
        all.add(extra);
        return new DistributionRegistry(all);
    }

    /** The valid config names, sorted. */
    public SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(families.keySet()));
    }

    /** The parameter names of family {@code name}. */
    public List<String> parameters(String name) {
        return family(name).parameters();
    }

    /** The ways family {@code name} is taken: each form's parameter names (most families have one form). */
    public List<List<String>> forms(String name) {
        return family(name).forms();
    }

    /** Validates {@code params} and builds the spec of family {@code name}; a file is read as given. */
    public DistributionSpec spec(String name, Map<String, ?> params) {
        return spec(name, params, null);
    }

    /**
     * Validates {@code params} and builds the spec of family {@code name}. A {@code file}
     * parameter (empirical) names a file relative to {@code baseDir} (the scenario file's folder;
     * null = the working directory), read by {@link EmpiricalFile}.
     */
    public DistributionSpec spec(String name, Map<String, ?> params, Path baseDir) {
        DistributionFamily f = family(name);
        for (String key : params.keySet()) {
            if (!f.parameters().contains(key)) {
                throw new IllegalArgumentException("distribution '" + name + "' has no parameter '" + key
                        + "'; its parameters: " + String.join(", ", f.parameters()));
            }
        }
        Set<String> given = new TreeSet<>();
        params.forEach((k, v) -> {
            if (v != null) {
                given.add(k);
            }
        });
        List<String> form = f.forms().stream().filter(fm -> given.equals(new TreeSet<>(fm))).findFirst().orElse(null);
        if (form == null) {
            if (f.forms().size() == 1) {
                String missing = f.parameters().stream().filter(p -> !given.contains(p)).findFirst().orElseThrow();
                throw new IllegalArgumentException("distribution '" + name + "' needs parameter '" + missing
                        + "' (parameters: " + String.join(", ", f.parameters()) + ")");
            }
            throw new IllegalArgumentException("distribution '" + name + "' takes either "
                    + String.join(" or ", f.forms().stream().map(fm -> String.join(" and ", fm)).toList())
                    + ", got " + (given.isEmpty() ? "no parameters" : String.join(", ", given)));
        }
        Object file = params.get(EmpiricalFile.PARAMETER);
        if (file != null) {
            Map<String, Object> resolved = new HashMap<>(params);
            Path p = Path.of(file.toString().trim());
            resolved.put(EmpiricalFile.PARAMETER, baseDir == null ? p : baseDir.resolve(p));
            return f.factory().apply(resolved);
        }
        return f.factory().apply(params);
    }

    /** Shorthand for {@code spec(name, params).create(stream)}. */
    public Distribution create(String name, Map<String, ?> params, RandomStream stream) {
        return spec(name, params).create(stream);
    }

    private DistributionFamily family(String name) {
        DistributionFamily f = name == null ? null : families.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown distribution '" + name + "'; valid: "
                    + String.join(", ", families.keySet()));
        }
        return f;
    }
}

package org.iommusim.core.random;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.iommusim.core.kernel.SimTime;

/**
 * The distribution families by stable config name, for configuration files: a name and a
 * parameter map (as a YAML/JSON loader produces it) become a validated {@link DistributionSpec}.
 * Unknown names fail with the list of valid ones; unknown or missing parameters fail with the
 * family's parameter list.
 *
 * <p>Parameter values may be numbers, numeric strings, or durations with a unit
 * ({@code "200ns"}, converted to picoseconds by {@link SimTime#parse}); empirical takes lists.
 * Immutable: {@link #standard()} is the registry of the five built-in families.
 */
public final class DistributionRegistry {
    private record Family(List<String> parameters, Function<Map<String, ?>, DistributionSpec> factory) {
    }

    private static final DistributionRegistry STANDARD = buildStandard();

    private final TreeMap<String, Family> families;

    private DistributionRegistry(TreeMap<String, Family> families) {
        this.families = families;
    }

    /** exponential(mean), uniform(low, high), deterministic(value), zipf(elements, exponent), empirical(values, weights). */
    public static DistributionRegistry standard() {
        return STANDARD;
    }

    /** The valid config names, sorted. */
    public SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(families.keySet()));
    }

    /** The parameter names of family {@code name}. */
    public List<String> parameters(String name) {
        return family(name).parameters();
    }

    /** Validates {@code params} and builds the spec of family {@code name}. */
    public DistributionSpec spec(String name, Map<String, ?> params) {
        Family f = family(name);
        for (String key : params.keySet()) {
            if (!f.parameters().contains(key)) {
                throw new IllegalArgumentException("distribution '" + name + "' has no parameter '" + key
                        + "'; its parameters: " + String.join(", ", f.parameters()));
            }
        }
        for (String p : f.parameters()) {
            if (params.get(p) == null) {
                throw new IllegalArgumentException("distribution '" + name + "' needs parameter '" + p
                        + "' (parameters: " + String.join(", ", f.parameters()) + ")");
            }
        }
        return f.factory().apply(params);
    }

    /** Shorthand for {@code spec(name, params).create(stream)}. */
    public Distribution create(String name, Map<String, ?> params, RandomStream stream) {
        return spec(name, params).create(stream);
    }

    private Family family(String name) {
        Family f = name == null ? null : families.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown distribution '" + name + "'; valid: "
                    + String.join(", ", families.keySet()));
        }
        return f;
    }

    private static DistributionRegistry buildStandard() {
        TreeMap<String, Family> m = new TreeMap<>();
        m.put(DistributionSpec.Exponential.NAME, new Family(List.of("mean"),
                p -> new DistributionSpec.Exponential(number(p, "mean"))));
        m.put(DistributionSpec.Uniform.NAME, new Family(List.of("low", "high"),
                p -> new DistributionSpec.Uniform(number(p, "low"), number(p, "high"))));
        m.put(DistributionSpec.Deterministic.NAME, new Family(List.of("value"),
                p -> new DistributionSpec.Deterministic(number(p, "value"))));
        m.put(DistributionSpec.Zipf.NAME, new Family(List.of("elements", "exponent"),
                p -> new DistributionSpec.Zipf(integer(p, "elements"), number(p, "exponent"))));
        m.put(DistributionSpec.Empirical.NAME, new Family(List.of("values", "weights"),
                p -> new DistributionSpec.Empirical(list(p, "values"), list(p, "weights"))));
        return new DistributionRegistry(m);
    }

    private static double number(Map<String, ?> params, String key) {
        return toDouble(params.get(key), key);
    }

    private static int integer(Map<String, ?> params, String key) {
        double v = number(params, key);
        if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parameter '" + key + "' must be a whole number, got " + params.get(key));
        }
        return (int) v;
    }

    private static List<Double> list(Map<String, ?> params, String key) {
        Object v = params.get(key);
        List<Double> out = new ArrayList<>();
        if (v instanceof double[] a) {
            for (double d : a) {
                out.add(d);
            }
        } else if (v instanceof List<?> l) {
            for (Object o : l) {
                out.add(toDouble(o, key));
            }
        } else {
            throw new IllegalArgumentException("parameter '" + key + "' must be a list of numbers, got " + v);
        }
        return out;
    }

    private static double toDouble(Object v, String key) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim()).doubleValue();
            } catch (NumberFormatException notPlain) {
                try {
                    return SimTime.parse(s);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("parameter '" + key + "': " + e.getMessage(), e);
                }
            }
        }
        throw new IllegalArgumentException("parameter '" + key + "' must be a number or a duration such as 200ns, got "
                + v);
    }
}

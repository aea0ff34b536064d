package org.iommusim.core.random;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.iommusim.core.kernel.SimTime;

/**
 * One distribution family as configuration sees it: its stable config name, its parameter
 * names, and how a parameter map becomes its {@link DistributionSpec}. Each family's record
 * declares its own ({@code Exponential.FAMILY}); {@link DistributionRegistry} lists them. The
 * static helpers read parameter values and check them for the families' constructors.
 *
 * <p>Parameter values may be numbers, numeric strings, or durations with a unit ({@code "200ns"},
 * converted to picoseconds by {@link SimTime#parse}); list parameters take a list or a
 * comma-separated string ({@code "1us, 5us"}). A family taken in more than one way lists each
 * way's parameters as a form ({@code empirical}: values and weights, or a file); a parameter map
 * must match one form exactly.
 */
public record DistributionFamily(String name, List<String> parameters, List<List<String>> forms,
                                 Function<Map<String, ?>, DistributionSpec> factory) {
    public DistributionFamily {
        parameters = List.copyOf(parameters);
        forms = forms.stream().map(List::copyOf).toList();
        for (List<String> form : forms) {
            if (!parameters.containsAll(form)) {
                throw new IllegalArgumentException(name + ": form " + form + " uses a parameter not in " + parameters);
            }
        }
    }

    /** A family taken with all its parameters (one form). */
    public DistributionFamily(String name, List<String> parameters, Function<Map<String, ?>, DistributionSpec> factory) {
        this(name, parameters, List.of(parameters), factory);
    }

    static double number(Map<String, ?> params, String key) {
        return toDouble(params.get(key), key);
    }

    static int integer(Map<String, ?> params, String key) {
        double v = number(params, key);
        if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parameter '" + key + "' must be a whole number, got " + params.get(key));
        }
        return (int) v;
    }

    static List<Double> list(Map<String, ?> params, String key) {
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
        } else if (v instanceof String s) {
            for (String part : s.split(",")) {
                out.add(toDouble(part.trim(), key));
            }
        } else {
            throw new IllegalArgumentException("parameter '" + key + "' must be a list of numbers, got " + v);
        }
        return out;
    }

    static double toDouble(Object v, String key) {
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

    static void requireFinite(String family, String param, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(family + ": " + param + " must be a finite number, got " + v);
        }
    }

    static void requirePositive(String family, String param, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(family + ": " + param + " must be finite and > 0, got " + v);
        }
    }
}

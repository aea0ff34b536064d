package org.iommusim.scenarios.runner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iommusim.scenarios.config.EffectiveConfig;
import org.iommusim.scenarios.config.Origin;
import org.iommusim.scenarios.config.SetOverride;
import org.iommusim.scenarios.config.YamlNode;
import org.iommusim.scenarios.schema.Experiments;
import org.iommusim.scenarios.schema.Scenario;

/**
 * What a run executes: the variants of a scenario, each a name, its overrides in the order
 * given (as recorded in {@code stats.json}) and those overrides as located {@link SetOverride}s.
 * Variants × sweep points, in that order: for each variant (or the scenario itself when it has
 * none), every point of the sweep (the Cartesian product of its axes, first axis slowest, its
 * explicit points, or its Latin hypercube sample, {@link LatinHypercube}). Swept parameters are
 * added to each variant's overrides, and the variant name says their values ({@code hardware span=4MiB}; a sampled point's name starts with its draw
 * number, {@code #17 entries=512}).
 */
public record Plan(List<Point> points, List<String> sweptKeys) {

    /** One variant to run. */
    public record Point(String name, Map<String, String> overrides, List<SetOverride> sets) {
    }

    public Plan {
        points = List.copyOf(points);
        sweptKeys = List.copyOf(sweptKeys);
    }

    /** The plan of a loaded scenario (its {@code variants} and {@code sweep}). */
    public static Plan of(EffectiveConfig<Scenario> base) {
        Scenario s = base.value();
        List<Point> variants = new ArrayList<>();
        if (s.variants().isEmpty()) {
            variants.add(new Point("base", Map.of(), List.of()));
        }
        for (Experiments.Variant v : s.variants()) {
            variants.add(point(base, v.name(), "variants." + v.name() + ".set", v.set(), null));
        }
        List<Map<String, String>> sweep = sweepPoints(s.sweep());
        List<String> keys = sweep.isEmpty() ? List.of() : List.copyOf(sweep.get(0).keySet());
        if (sweep.isEmpty()) {
            return new Plan(variants, keys);
        }
        boolean fullKeys = lastSegmentsRepeat(keys);
        boolean sampled = s.sweep().sample().points() > 0;
        List<Point> out = new ArrayList<>();
        for (Point v : variants) {
            for (int i = 0; i < sweep.size(); i++) {
                String origin = !s.sweep().points().isEmpty() ? "sweep.points." + i
                        : sampled ? "sweep.sample.ranges" : "sweep.axes";
                Point p = point(base, v.name(), origin, sweep.get(i), v);
                String prefix = s.variants().isEmpty() ? "" : v.name();
                if (sampled) { // drawn points may repeat after rounding: the draw number keeps names unique
                    prefix = (prefix.isEmpty() ? "" : prefix + " ") + "#" + (i + 1);
                }
                out.add(new Point(pointName(prefix, sweep.get(i), fullKeys), p.overrides(), p.sets()));
            }
        }
        return new Plan(out, keys);
    }

    private static Point point(EffectiveConfig<Scenario> base, String name, String path, Map<String, String> set,
                               Point on) {
        Map<String, String> overrides = new LinkedHashMap<>(on == null ? Map.of() : on.overrides());
        List<SetOverride> sets = new ArrayList<>(on == null ? List.of() : on.sets());
        for (Map.Entry<String, String> e : set.entrySet()) {
            Origin origin = base.origin(path + "." + e.getKey());
            sets.add(new SetOverride(e.getKey() + "=" + e.getValue(), Arrays.asList(e.getKey().split("\\.", -1)),
                    new YamlNode.Scalar(e.getValue(), true, origin)));
            overrides.put(e.getKey(), e.getValue());
        }
        return new Point(name, overrides, sets);
    }

    private static List<Map<String, String>> sweepPoints(Experiments.Sweep sweep) {
        if (!sweep.points().isEmpty()) {
            return sweep.points();
        }
        if (sweep.sample().points() > 0) {
            return LatinHypercube.points(sweep.sample());
        }
        List<Map<String, String>> out = new ArrayList<>();
        if (sweep.axes().isEmpty()) {
            return out;
        }
        out.add(new LinkedHashMap<>());
        for (Experiments.Axis a : sweep.axes()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> p : out) {
                for (String v : a.values()) {
                    Map<String, String> q = new LinkedHashMap<>(p);
                    q.put(a.key(), v);
                    next.add(q);
                }
            }
            out = next;
        }
        return out;
    }

    /** Whether two swept keys end in the same segment, so names need the whole keys to be readable. */
    private static boolean lastSegmentsRepeat(List<String> keys) {
        return keys.stream().map(k -> k.substring(k.lastIndexOf('.') + 1)).distinct().count() < keys.size();
    }

    /** "variant key=value ..." with the last key segment, or the whole dotted key when {@code fullKeys}. */
    private static String pointName(String variant, Map<String, String> point, boolean fullKeys) {
        StringBuilder sb = new StringBuilder(variant);
        for (Map.Entry<String, String> e : point.entrySet()) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            String k = e.getKey();
            sb.append(fullKeys ? k : k.substring(k.lastIndexOf('.') + 1)).append('=').append(e.getValue());
        }
        return sb.toString();
    }
}

package org.iommusim.reports.charts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.VariantResult;
import org.iommusim.core.results.ParameterValue;

/**
 * The shape of a sweep, read from the variants' overrides: the swept parameters in axis order
 * (the manifest's {@code sweepParameters}, or, when it has none, every override key present in
 * all variants with more than one value), the x parameter (the first axis), and for each
 * variant its parsed x value and its group: the variant's own name (its name without the sweep
 * point, {@code 4k-pages}) and the values of the other swept parameters ({@code key=value});
 * for a scenario without named variants, every other override that varies. A variant without
 * the x parameter is left out.
 */
public record SweepAxes(List<String> parameters, String x, boolean numeric, ParameterValue.Dimension dimension,
        Map<VariantResult, ParameterValue> xValues, Map<VariantResult, String> groups) {

    /** The axes of the document, or null when it is not a sweep (no parameter varies). */
    public static SweepAxes of(ResultsDocument doc, List<String> declared) {
        List<String> params = new ArrayList<>();
        for (String p : declared.isEmpty() ? inferred(doc) : declared) {
            if (distinctValues(doc, p).size() > 1) {
                params.add(p);
            }
        }
        if (params.isEmpty()) {
            return null;
        }
        String x = params.get(0);
        Map<VariantResult, ParameterValue> xs = new LinkedHashMap<>();
        Set<ParameterValue.Dimension> dims = new LinkedHashSet<>();
        for (VariantResult v : doc.variants()) {
            String text = v.overrides().get(x);
            if (text != null) {
                ParameterValue pv = ParameterValue.parse(text);
                xs.put(v, pv);
                dims.add(pv.dimension());
            }
        }
        boolean numeric = dims.size() == 1 && dims.iterator().next() != ParameterValue.Dimension.CATEGORY;
        List<String> others = new ArrayList<>();
        for (String key : allKeys(doc)) {
            if (!key.equals(x) && distinctValues(doc, key).size() > 1) {
                others.add(key);
            }
        }
        Map<VariantResult, String> groups = new LinkedHashMap<>();
        for (VariantResult v : xs.keySet()) {
            List<String> parts = new ArrayList<>();
            String base = ChartStyle.baseName(v.name());
            boolean named = !base.isEmpty() && !base.equals(v.name()) || !base.isEmpty() && declared.isEmpty();
            if (named) {
                parts.add(base);
            }
            for (String k : others) {
                if (!named || params.contains(k)) {
                    parts.add(shortKey(k) + "=" + v.overrides().getOrDefault(k, "-"));
                }
            }
            groups.put(v, String.join(", ", parts));
        }
        return new SweepAxes(params, x, numeric,
                numeric ? dims.iterator().next() : ParameterValue.Dimension.CATEGORY, xs, groups);
    }

    /** The last segment of a dotted key, for legends; the whole key when it is short. */
    public static String shortKey(String key) {
        int dot = key.lastIndexOf('.');
        return key.length() <= 24 || dot < 0 ? key : key.substring(dot + 1);
    }

    private static List<String> inferred(ResultsDocument doc) {
        List<String> out = new ArrayList<>();
        for (String key : allKeys(doc)) {
            if (doc.variants().stream().allMatch(v -> v.overrides().containsKey(key))) {
                out.add(key);
            }
        }
        return out;
    }

    private static Set<String> allKeys(ResultsDocument doc) {
        Set<String> keys = new LinkedHashSet<>();
        doc.variants().forEach(v -> keys.addAll(v.overrides().keySet()));
        return keys;
    }

    private static Set<String> distinctValues(ResultsDocument doc, String key) {
        Set<String> values = new LinkedHashSet<>();
        doc.variants().forEach(v -> values.add(v.overrides().get(key)));
        return values;
    }
}

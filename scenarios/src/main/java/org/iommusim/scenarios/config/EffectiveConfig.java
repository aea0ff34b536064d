package org.iommusim.scenarios.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a load: the bound root record, the effective tree (every key, canonical values,
 * schema order) and where each effective value came from (reference file, scenario file and
 * line, {@code --set}, or schema default).
 *
 * @param value   the bound root record
 * @param tree    the effective tree: maps, lists, and Long/Double/Boolean/String/null leaves
 * @param origins dotted path → origin ({@code ""} is the whole document)
 * @param <R>     the root record type
 */
public record EffectiveConfig<R>(R value, Map<String, Object> tree, Map<String, Origin> origins) {
    public EffectiveConfig {
        @SuppressWarnings("unchecked")
        Map<String, Object> frozen = (Map<String, Object>) freeze(tree);
        tree = frozen;
        origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
    }

    /** The origin of the value at {@code path}, or of its nearest ancestor that has one. */
    public Origin origin(String path) {
        String p = path;
        while (true) {
            Origin o = origins.get(p);
            if (o != null) {
                return o;
            }
            if (p.isEmpty()) {
                return Origin.file("?", 1, 1);
            }
            int dot = p.lastIndexOf('.');
            p = dot < 0 ? "" : p.substring(0, dot);
        }
    }

    /** A deep, unmodifiable copy (maps keep their order and may hold nulls). */
    private static Object freeze(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put((String) k, freeze(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (o instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(freeze(v)));
            return Collections.unmodifiableList(copy);
        }
        return o;
    }

    /** The effective configuration as YAML (see {@link EffectiveWriter}). */
    public String toYaml() {
        return EffectiveWriter.write(tree);
    }
}

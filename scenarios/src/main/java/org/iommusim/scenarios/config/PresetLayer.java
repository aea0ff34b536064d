package org.iommusim.scenarios.config;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.iommusim.scenarios.config.FieldSpec.ListType;
import org.iommusim.scenarios.config.FieldSpec.RecordType;
import org.iommusim.scenarios.config.FieldSpec.ScalarType;
import org.iommusim.scenarios.config.YamlNode.Entry;
import org.iommusim.scenarios.config.YamlNode.ListNode;
import org.iommusim.scenarios.config.YamlNode.MapNode;
import org.iommusim.scenarios.config.YamlNode.Scalar;

/**
 * A named defaults layer for one top-level section: the scenario names a preset with a selector
 * key of the section ({@code iommu.preset}), and every key of the section the scenario leaves out
 * takes the preset's value, with the preset as its origin. The layer sits between the reference
 * and the scenario: the scenario's keys (and {@code --set}) beat the preset's key by key, a list
 * replaces the preset's list. Keys a preset leaves null fall through to the reference and the
 * schema. An unknown preset name adds no layer (binding reports the name with the allowed ones).
 *
 * <p>Immutable; it knows no concrete schema (the section's values come from {@code values}).
 *
 * @param section     the top-level key of the section ({@code iommu})
 * @param selector    the section's key naming the preset ({@code preset})
 * @param defaultName the preset when the scenario names none
 * @param values      a preset's section record by name, or null for an unknown name
 * @param spec        the section's keys
 */
public record PresetLayer(String section, String selector, String defaultName, Function<String, Record> values,
                          RecordSpec spec) {

    /** {@code tree} with the selected preset's section under it. */
    MapNode under(MapNode tree) {
        String name = selected(tree);
        Record preset = values.apply(name);
        if (preset == null) {
            return tree;
        }
        MapNode layer = of(spec, preset, Origin.preset(name));
        return overlay(new MapNode(List.of(new Entry(section, layer.origin(), layer)), tree.origin()), tree);
    }

    /** The preset {@code tree} names (trimmed), or the default. */
    String selected(MapNode tree) {
        if (tree.get(section) instanceof MapNode m && m.get(selector) instanceof Scalar s && !s.isNull()) {
            return s.text().trim();
        }
        return defaultName;
    }

    /** The keys of {@code value} as a YAML tree with {@code origin}: null components and the selector left out. */
    private MapNode of(RecordSpec recordSpec, Record value, Origin origin) {
        List<Entry> entries = new ArrayList<>();
        for (RecordComponent c : recordSpec.type().getRecordComponents()) {
            Key k = c.getAnnotation(Key.class);
            String key = k.name().isEmpty() ? c.getName() : k.name();
            Object v = RecordDefaults.value(value, c);
            if (v == null || recordSpec == spec && key.equals(selector) || !k.sections().isEmpty()) {
                continue;
            }
            FieldSpec f = recordSpec.field(key).orElseThrow();
            YamlNode node = node(f.type(), v, origin);
            if (node != null) {
                entries.add(new Entry(key, origin, node));
            }
        }
        return new MapNode(entries, origin);
    }

    private YamlNode node(FieldSpec.ValueType type, Object v, Origin origin) {
        if (type instanceof ScalarType s) {
            return new Scalar(RecordDefaults.text(s, v), true, origin);
        }
        if (type instanceof RecordType r) {
            return of(r.spec(), (Record) v, origin);
        }
        if (type instanceof ListType l && v instanceof List<?> list && !list.isEmpty()) {
            List<YamlNode> items = new ArrayList<>();
            for (Object item : list) {
                items.add(node(l.element(), item, origin));
            }
            return new ListNode(items, origin);
        }
        return null;
    }

    /** {@code base} with {@code top} over it: maps merge key by key, anything else replaces; origins are top's. */
    private static MapNode overlay(MapNode base, MapNode top) {
        List<Entry> entries = new ArrayList<>(base.entries());
        for (Entry t : top.entries()) {
            int i = 0;
            while (i < entries.size() && !entries.get(i).key().equals(t.key())) {
                i++;
            }
            if (i == entries.size()) {
                entries.add(t);
            } else if (entries.get(i).value() instanceof MapNode b && t.value() instanceof MapNode m) {
                entries.set(i, new Entry(t.key(), t.keyOrigin(), overlay(b, m)));
            } else {
                entries.set(i, t);
            }
        }
        return new MapNode(entries, top.origin());
    }
}

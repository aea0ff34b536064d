package org.iommusim.scenarios.config;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.scenarios.config.FieldSpec.ListType;
import org.iommusim.scenarios.config.FieldSpec.MapType;
import org.iommusim.scenarios.config.FieldSpec.RecordType;
import org.iommusim.scenarios.config.FieldSpec.ValueType;
import org.iommusim.scenarios.config.YamlNode.Entry;
import org.iommusim.scenarios.config.YamlNode.ListNode;
import org.iommusim.scenarios.config.YamlNode.MapNode;

/**
 * Applies {@code --set} overrides to a scenario tree, guided by the schema: a segment is a key
 * of a section, the {@code name} of an element of a named list, or a key of a map. Missing
 * sections are created; a map value is merged into an existing section; anything else replaces
 * the value. A path the schema does not know is reported like an unknown key, with "did you
 * mean". Values are not checked here (binding does that, with the {@code --set} origin).
 */
public final class Overrides {
    private Overrides() {
    }

    /** Returns {@code tree} with every override applied; bad paths go to {@code diagnostics}. */
    public static MapNode apply(MapNode tree, List<SetOverride> sets, RecordSpec root, Diagnostics diagnostics) {
        MapNode result = tree;
        for (SetOverride s : sets) {
            try {
                result = new Walk(s).record(result, root, 0, "");
            } catch (Failure f) {
                diagnostics.add(f.diagnostic);
            }
        }
        return result;
    }

    /** Deep-merges {@code overlay} into {@code base}: overlay wins, sections merge key by key. */
    public static MapNode merge(MapNode base, MapNode overlay) {
        List<Entry> entries = new ArrayList<>(base.entries());
        for (Entry o : overlay.entries()) {
            int i = indexOf(entries, o.key());
            if (i < 0) {
                entries.add(o);
            } else if (entries.get(i).value() instanceof MapNode b && o.value() instanceof MapNode m) {
                entries.set(i, new Entry(o.key(), o.keyOrigin(), merge(b, m)));
            } else {
                entries.set(i, o);
            }
        }
        return new MapNode(entries, base.origin());
    }

    private static int indexOf(List<Entry> entries, String key) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static MapNode put(MapNode map, String key, Origin origin, YamlNode value) {
        return merge(map, new MapNode(List.of(new Entry(key, origin, value)), origin));
    }

    /** A path that cannot be applied. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Diagnostic diagnostic;

        Failure(Diagnostic d) {
            super(d.message(), null, false, false);
            this.diagnostic = d;
        }
    }

    /** One override's walk down the tree. */
    private static final class Walk {
        private final SetOverride set;
        private final List<String> segs;

        Walk(SetOverride set) {
            this.set = set;
            this.segs = set.segments();
        }

        MapNode record(MapNode map, RecordSpec spec, int i, String prefix) {
            String key = segs.get(i);
            String path = join(prefix, key);
            FieldSpec f = spec.field(key).orElseThrow(() -> fail(path, " is unknown" + Suggestions.tail(key, spec.keys())));
            YamlNode child = map.get(key);
            YamlNode value = i == segs.size() - 1 ? last(child) : descend(f.type(), child, i + 1, path);
            return put(map, key, set.origin(), value);
        }

        private YamlNode last(YamlNode child) {
            if (child instanceof MapNode c && set.value() instanceof MapNode v) {
                return merge(c, v);
            }
            return set.value();
        }

        private YamlNode descend(ValueType type, YamlNode child, int i, String path) {
            if (type instanceof RecordType r) {
                MapNode m = child instanceof MapNode c ? c : new MapNode(List.of(), set.origin());
                return record(m, r.spec(), i, path);
            }
            if (type instanceof ListType l && l.named()) {
                return element(child, ((RecordType) l.element()).spec(), i, path);
            }
            if (type instanceof MapType mt) {
                MapNode m = child instanceof MapNode c ? c : new MapNode(List.of(), set.origin());
                String key = segs.get(i);
                YamlNode value = i == segs.size() - 1 ? last(m.get(key))
                        : descend(mt.value(), m.get(key), i + 1, join(path, key));
                return put(m, key, set.origin(), value);
            }
            throw fail(path, " is " + type.phrase() + " and has no key '" + segs.get(i)
                    + "'; set the whole value instead, e.g. " + path + "=...");
        }

        private YamlNode element(YamlNode child, RecordSpec spec, int i, String path) {
            String name = segs.get(i);
            List<YamlNode> items = child instanceof ListNode l ? l.items() : List.of();
            List<String> names = new ArrayList<>();
            for (int k = 0; k < items.size(); k++) {
                if (items.get(k) instanceof MapNode m && m.get(RecordSpec.NAME_KEY) instanceof YamlNode.Scalar s) {
                    if (s.text().equals(name)) {
                        if (i == segs.size() - 1) {
                            throw fail(join(path, name), " is an element; set one of its keys, e.g. "
                                    + join(path, name) + "." + spec.keys().get(0) + "=...");
                        }
                        List<YamlNode> copy = new ArrayList<>(items);
                        copy.set(k, record(m, spec, i + 1, join(path, name)));
                        return new ListNode(copy, child.origin());
                    }
                    names.add(s.text());
                }
            }
            throw fail(join(path, name), " is unknown: '" + path + "' has no element named '" + name + "'"
                    + Suggestions.tail(name, names));
        }

        private Failure fail(String path, String rest) {
            return new Failure(Diagnostic.atKey(set.origin(), path, rest));
        }

        private static String join(String prefix, String key) {
            return prefix.isEmpty() ? key : prefix + "." + key;
        }
    }
}

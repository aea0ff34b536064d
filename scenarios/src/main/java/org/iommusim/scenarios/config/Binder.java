package org.iommusim.scenarios.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iommusim.scenarios.config.FieldSpec.ListType;
import org.iommusim.scenarios.config.FieldSpec.MapType;
import org.iommusim.scenarios.config.FieldSpec.RecordType;
import org.iommusim.scenarios.config.FieldSpec.ScalarType;
import org.iommusim.scenarios.config.FieldSpec.ValueType;
import org.iommusim.scenarios.config.YamlNode.ListNode;
import org.iommusim.scenarios.config.YamlNode.MapNode;
import org.iommusim.scenarios.config.YamlNode.Scalar;

/**
 * Binds a located YAML tree to immutable records, layering it over the reference tree and the
 * schema defaults key by key, and collecting every problem as a {@link Diagnostic}. Alongside
 * the records it builds the effective tree (canonical values in schema order) and the origin
 * of every effective value.
 *
 * <p>Lists of records are not layered element-wise: the scenario's list replaces the default
 * (empty) list, and each element takes its missing keys from the reference's template element
 * (the first element of that list in reference.yaml), then from the schema. One instance per load.
 */
final class Binder {
    /** A bound value and its canonical YAML form; {@code ok} is false after an error. */
    record Bound(Object value, Object yaml, boolean ok) {
        static final Bound FAILED = new Bound(null, null, false);
    }

    private final Diagnostics diagnostics;
    private final Map<String, Origin> origins = new LinkedHashMap<>();

    Binder(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    Map<String, Origin> origins() {
        return Collections.unmodifiableMap(origins);
    }

    Bound record(RecordSpec spec, MapNode data, MapNode ref, String path, Origin where) {
        origins.put(path, where);
        reportUnknown(spec, data, path);
        reportUnknown(spec, ref, path);
        Object[] args = new Object[spec.fields().size()];
        Map<String, Object> yaml = new LinkedHashMap<>();
        boolean ok = true;
        for (int i = 0; i < args.length; i++) {
            FieldSpec f = spec.fields().get(i);
            Bound b = field(f, data == null ? null : data.get(f.key()), ref == null ? null : ref.get(f.key()),
                    join(path, f.key()), where);
            ok &= b.ok();
            args[i] = b.value();
            yaml.put(f.key(), b.yaml());
        }
        return ok ? construct(spec, spec.arguments(args), yaml, path, where) : Bound.FAILED;
    }

    private Bound field(FieldSpec f, YamlNode data, YamlNode ref, String path, Origin where) {
        if (f.type() instanceof RecordType r) {
            YamlNode d = isNull(data) ? null : data;
            if (d != null && !(d instanceof MapNode)) {
                return typeError(d, path, r);
            }
            Origin o = d != null ? d.origin() : ref instanceof MapNode ? ref.origin() : where;
            return record(r.spec(), (MapNode) d, ref instanceof MapNode m ? m : null, path, o);
        }
        YamlNode template = null;
        YamlNode node = data;
        if (f.type() instanceof ListType l && l.element() instanceof RecordType) {
            template = ref instanceof ListNode rl && !rl.items().isEmpty() ? rl.items().get(0) : null;
        } else if (node == null && ref != null && !(f.required() && isNull(ref))) {
            node = ref;
        }
        if (node == null && f.defaultText() != null) {
            node = YamlReader.readValue(f.defaultText(), Origin.schemaDefault(path));
        }
        if (node == null) {
            diagnostics.atKey(where, path, " is required but missing; expected " + f.type().phrase() + ": " + f.doc());
            return Bound.FAILED;
        }
        if (isNull(node) && f.nullable()) {
            origins.put(path, node.origin());
            return new Bound(null, null, true);
        }
        return value(f, f.type(), node, template, path);
    }

    private Bound value(FieldSpec f, ValueType type, YamlNode node, YamlNode template, String path) {
        origins.put(path, node.origin());
        if (type instanceof ScalarType s) {
            return scalar(f, s, node, path);
        }
        if (type instanceof RecordType r) {
            if (!(node instanceof MapNode m)) {
                return typeError(node, path, type);
            }
            return record(r.spec(), m, template instanceof MapNode t ? t : null, path, node.origin());
        }
        if (type instanceof ListType l) {
            return node instanceof ListNode list ? list(f, l, list, template, path) : typeError(node, path, type);
        }
        MapType mt = (MapType) type;
        return node instanceof MapNode m ? map(f, mt, m, path) : typeError(node, path, type);
    }

    private Bound scalar(FieldSpec f, ScalarType type, YamlNode node, String path) {
        if (!(node instanceof Scalar s) || s.isNull()) {
            return typeError(node, path, type);
        }
        try {
            Object v = Scalars.parse(type, s.text());
            if (f != null) {
                var range = Scalars.checkRange(f, type, v, s.text());
                if (range.isPresent()) {
                    diagnostics.atKey(s.origin(), path, range.get());
                    return Bound.FAILED;
                }
            }
            return new Bound(v, Scalars.canonical(type, v), true);
        } catch (Scalars.OutOfRange e) {
            boolean declared = f != null && !(f.min().isEmpty() && f.max().isEmpty());
            diagnostics.atKey(s.origin(), path, declared
                    ? ": " + s.text().trim() + " is out of range; allowed: " + Scalars.range(f.min(), f.max()) : e.getMessage());
            return Bound.FAILED;
        } catch (Scalars.BadValue e) {
            diagnostics.atKey(s.origin(), path, e.getMessage());
            return Bound.FAILED;
        }
    }

    private Bound list(FieldSpec f, ListType type, ListNode list, YamlNode template, String path) {
        if (!sizeOk(f, list.items().size(), list.origin(), path, "elements")) {
            return Bound.FAILED;
        }
        List<Object> values = new ArrayList<>();
        List<Object> yaml = new ArrayList<>();
        Map<String, Origin> names = new HashMap<>();
        boolean ok = true;
        for (int i = 0; i < list.items().size(); i++) {
            YamlNode item = list.items().get(i);
            String segment = String.valueOf(i);
            if (type.named() && item instanceof MapNode m && m.get(RecordSpec.NAME_KEY) instanceof Scalar n && !n.isNull()) {
                segment = n.text();
                Origin first = names.putIfAbsent(n.text(), n.origin());
                if (first != null) {
                    diagnostics.atKey(n.origin(), path, " has two elements named '" + n.text()
                            + "' (the first at line " + first.line() + "); names must be unique");
                    ok = false;
                }
            }
            Bound b = isNull(item) ? typeError(item, join(path, segment), type.element())
                    : value(null, type.element(), item, template, join(path, segment));
            ok &= b.ok();
            values.add(b.value());
            yaml.add(b.yaml());
        }
        return ok ? new Bound(List.copyOf(values), yaml, true) : Bound.FAILED;
    }

    private Bound map(FieldSpec f, MapType type, MapNode node, String path) {
        if (!sizeOk(f, node.entries().size(), node.origin(), path, "keys")) {
            return Bound.FAILED;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> yaml = new LinkedHashMap<>();
        boolean ok = true;
        for (YamlNode.Entry e : node.entries()) {
            Bound b = isNull(e.value()) ? typeError(e.value(), join(path, e.key()), type.value())
                    : value(null, type.value(), e.value(), null, join(path, e.key()));
            ok &= b.ok();
            values.put(e.key(), b.value());
            yaml.put(e.key(), b.yaml());
        }
        return ok ? new Bound(Collections.unmodifiableMap(values), yaml, true) : Bound.FAILED;
    }

    private boolean sizeOk(FieldSpec f, int size, Origin origin, String path, String what) {
        if (f == null) {
            return true;
        }
        boolean low = !f.min().isEmpty() && size < Integer.parseInt(f.min());
        boolean high = !f.max().isEmpty() && size > Integer.parseInt(f.max());
        if (low || high) {
            diagnostics.atKey(origin, path, " has " + size + " " + what + "; allowed: " + Scalars.range(f.min(), f.max()));
            return false;
        }
        return true;
    }

    private Bound construct(RecordSpec spec, Object[] args, Map<String, Object> yaml, String path, Origin where) {
        try {
            Class<?>[] types = java.util.Arrays.stream(spec.type().getRecordComponents())
                    .map(java.lang.reflect.RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<? extends Record> c = spec.type().getDeclaredConstructor(types);
            c.setAccessible(true);
            return new Bound(c.newInstance(args), yaml, true);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                diagnostics.add(new Diagnostic(where, path, (path.isEmpty() ? "the configuration" : "key '" + path + "'")
                        + " is invalid: " + iae.getMessage()));
                return Bound.FAILED;
            }
            throw new IllegalStateException("constructing " + spec.type().getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + spec.type().getName(), e);
        }
    }

    private void reportUnknown(RecordSpec spec, MapNode map, String path) {
        if (map == null) {
            return;
        }
        for (YamlNode.Entry e : map.entries()) {
            MovedKey moved = spec.type().getAnnotation(MovedKey.class);
            if (spec.field(e.key()).isEmpty() && moved != null && moved.key().equals(e.key())) {
                diagnostics.atKey(e.keyOrigin(), join(path, e.key()), " has moved: set " + moved.to() + " instead ("
                        + moved.why() + ")");
            } else if (spec.field(e.key()).isEmpty()) {
                diagnostics.atKey(e.keyOrigin(), join(path, e.key()), " is unknown" + Suggestions.tail(e.key(), spec.keys()));
            }
        }
    }

    private Bound typeError(YamlNode node, String path, ValueType expected) {
        diagnostics.atKey(node.origin(), path, ": expected " + expected.phrase() + ", got " + node.describe());
        return Bound.FAILED;
    }

    private static boolean isNull(YamlNode node) {
        return node instanceof Scalar s && s.isNull();
    }

    static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }
}

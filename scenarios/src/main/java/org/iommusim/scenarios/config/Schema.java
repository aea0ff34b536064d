package org.iommusim.scenarios.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.iommusim.scenarios.config.FieldSpec.ListType;
import org.iommusim.scenarios.config.FieldSpec.MapType;
import org.iommusim.scenarios.config.FieldSpec.RecordType;
import org.iommusim.scenarios.config.FieldSpec.ScalarKind;
import org.iommusim.scenarios.config.FieldSpec.ScalarType;
import org.iommusim.scenarios.config.FieldSpec.ValueType;

/**
 * A configuration schema: the {@link RecordSpec} tree read by reflection from a root record
 * whose components all carry {@link Key}. Declaring a schema is writing the records:
 *
 * <pre>{@code
 * record Iotlb(@Key(doc = "entries", def = "2048", min = "1") int entries,
 *              @Key(doc = "hit latency", def = "2ns", kind = Key.Kind.DURATION) long latency) {}
 * Schema schema = Schema.of(Scenario.class);
 * }</pre>
 *
 * <p>Declaration mistakes (a missing {@code @Key}, an unsupported type, a default or bound
 * that does not parse, a recursive record) are programming errors and throw
 * {@link IllegalArgumentException} here, never at load time. It does not bind values (see
 * {@link Binder}).
 */
public record Schema(RecordSpec root) {
    /**
     * The registries a schema reads names and sections from ({@link Key#choices()},
     * {@link Key#sections()}): the extension points' one lists, so a new entry needs no schema edit.
     */
    public interface Registries {
        /** No registries: a schema whose keys name none. */
        Registries NONE = new Registries() {
            @Override
            public List<String> names(String registry) {
                throw new IllegalArgumentException("no registry '" + registry + "'");
            }

            @Override
            public List<SectionType> sections(String registry) {
                throw new IllegalArgumentException("no registry '" + registry + "'");
            }
        };

        /** The names of the entries of {@code registry}, in documentation order. */
        List<String> names(String registry);

        /** The config section each entry of {@code registry} declares. */
        List<SectionType> sections(String registry);

        /** What a key naming an entry of {@code registry} should also say (each entry's parameters); "" for nothing. */
        default String details(String registry) {
            return "";
        }
    }

    /** A registry entry's section: its key (the entry's name), what it is, its config record. */
    public record SectionType(String key, String doc, Class<? extends Record> type) {
    }

    public static Schema of(Class<? extends Record> rootType) {
        return of(rootType, Registries.NONE);
    }

    /** The schema of {@code rootType}, with allowed values and sections from {@code registries}. */
    public static Schema of(Class<? extends Record> rootType, Registries registries) {
        return of(rootType, registries, Map.of());
    }

    /**
     * The schema of {@code rootType} with the defaults of the record types in {@code defaults}
     * taken from the given instances instead of their own {@code defaults()} (a preset's values:
     * {@code config --reference --preset X}).
     */
    public static Schema of(Class<? extends Record> rootType, Registries registries,
                            Map<Class<? extends Record>, Record> defaults) {
        return new Schema(new Reader(registries, defaults).record(rootType, new HashSet<>(), null));
    }

    /** The config name of an enum constant: lower case, {@code -} for {@code _}. */
    public static String enumName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads the annotations of one record tree. */
    private static final class Reader {
        private final Registries registries;
        private final Map<Class<? extends Record>, Record> given;

        Reader(Registries registries, Map<Class<? extends Record>, Record> given) {
            this.registries = registries;
            this.given = given;
        }

        /**
         * One record's keys; {@code inherited} is the component value of the enclosing record's
         * defaults: a section whose keys write no {@code def} of their own takes its defaults from
         * its parent's defaults when the parent has them (a preset's iommu section).
         */
        RecordSpec record(Class<?> type, Set<Class<?>> open, Record inherited) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type.getName() + " is not a record");
            }
            if (!open.add(type)) {
                throw new IllegalArgumentException("recursive config record " + type.getName()
                        + "; use a list with references by name instead");
            }
            List<FieldSpec> fields = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            Record defaults = inherited != null && !declaresDefaults(type) ? inherited
                    : given.containsKey(type) ? given.get(type) : RecordDefaults.of(type);
            for (RecordComponent c : type.getRecordComponents()) {
                for (FieldSpec f : fields(type, c, defaults, open)) {
                    if (!keys.add(f.key())) {
                        throw new IllegalArgumentException(type.getName() + " declares key '" + f.key() + "' twice");
                    }
                    fields.add(f);
                }
            }
            open.remove(type);
            @SuppressWarnings("unchecked")
            Class<? extends Record> recordType = (Class<? extends Record>) type;
            return new RecordSpec(recordType, fields);
        }

        /** Whether a key of {@code type} writes its own default ({@code def}): then it keeps its own. */
        private static boolean declaresDefaults(Class<?> type) {
            for (RecordComponent c : type.getRecordComponents()) {
                Key k = c.getAnnotation(Key.class);
                if (k != null && !Key.REQUIRED.equals(k.def())) {
                    return true;
                }
            }
            return false;
        }

        /** One key, or for a {@link Key#sections()} component one section per registry entry. */
        private List<FieldSpec> fields(Class<?> owner, RecordComponent c, Record defaults, Set<Class<?>> open) {
            String where = owner.getSimpleName() + "." + c.getName();
            Key k = c.getAnnotation(Key.class);
            if (k == null) {
                throw new IllegalArgumentException(where + " has no @Key: every config key must be documented");
            }
            if (!k.sections().isEmpty()) {
                if (c.getType() != Sections.class) {
                    throw new IllegalArgumentException(where + ": sections = ... needs the type Sections");
                }
                List<FieldSpec> out = new ArrayList<>();
                for (SectionType t : registries.sections(k.sections())) {
                    out.add(new FieldSpec(t.key(), new RecordType(record(t.type(), open, null)), t.doc(), "{}", "", "", "",
                            c.getName()));
                }
                return out;
            }
            return List.of(field(where, c, k, defaults, open));
        }

        private FieldSpec field(String where, RecordComponent c, Key k, Record defaults, Set<Class<?>> open) {
            Record section = defaults != null && c.getType().isRecord() ? (Record) RecordDefaults.value(defaults, c) : null;
            ValueType type = type(c.getGenericType(), k, where, open, section);
            String def = k.def();
            if (defaults != null && type instanceof ScalarType s) {
                if (!Key.REQUIRED.equals(def)) {
                    throw new IllegalArgumentException(where + ": the record's defaults() gives the default;"
                            + " remove def = \"" + def + "\"");
                }
                def = RecordDefaults.text(s, RecordDefaults.value(defaults, c));
            }
            if (type instanceof ListType || type instanceof MapType) {
                def = Key.REQUIRED.equals(def) ? (type instanceof ListType ? "[]" : "{}") : def;
            } else if (type instanceof RecordType) {
                if (!Key.REQUIRED.equals(def)) {
                    throw new IllegalArgumentException(where + ": a section takes its defaults from its own keys");
                }
                def = "{}";
            }
            if (Key.REQUIRED.equals(def)) {
                def = null;
            }
            if (Key.NONE.equals(def) && c.getType().isPrimitive()) {
                throw new IllegalArgumentException(where + ": def = NONE needs a reference type, not " + c.getType());
            }
            String key = k.name().isEmpty() ? c.getName() : k.name();
            String doc = k.choices().isEmpty() || registries.details(k.choices()).isEmpty() ? k.doc()
                    : k.doc() + ": " + registries.details(k.choices());
            FieldSpec spec = new FieldSpec(key, type, doc, def, k.unit(), k.min(), k.max());
            checkDeclaration(spec, where);
            return spec;
        }

        private ValueType type(Type t, Key k, String where, Set<Class<?>> open, Record section) {
            if (t instanceof ParameterizedType p && p.getRawType() == List.class) {
                return new ListType(type(p.getActualTypeArguments()[0], k, where, open, null));
            }
            if (t instanceof ParameterizedType p && p.getRawType() == java.util.Map.class) {
                if (p.getActualTypeArguments()[0] != String.class) {
                    throw new IllegalArgumentException(where + ": map keys must be String");
                }
                return new MapType(type(p.getActualTypeArguments()[1], k, where, open, null));
            }
            if (!(t instanceof Class<?> cls)) {
                throw new IllegalArgumentException(where + ": unsupported type " + t);
            }
            if (cls.isRecord()) {
                return new RecordType(record(cls, open, section));
            }
            ScalarKind kind = scalarKind(cls, k.kind(), where);
            if (k.auto() && kind != ScalarKind.DURATION && kind != ScalarKind.INT && kind != ScalarKind.LONG) {
                throw new IllegalArgumentException(where + ": only durations and integers may accept auto");
            }
            return new ScalarType(kind, cls, allowed(cls, k, where), k.auto());
        }

        private static ScalarKind scalarKind(Class<?> c, Key.Kind kind, String where) {
            boolean isLong = c == long.class || c == Long.class;
            boolean isDouble = c == double.class || c == Double.class;
            switch (kind) {
                case DURATION, SIZE -> {
                    if (!isLong) {
                        throw new IllegalArgumentException(where + ": " + kind + " needs a long");
                    }
                    return kind == Key.Kind.DURATION ? ScalarKind.DURATION : ScalarKind.SIZE;
                }
                case RATE -> {
                    if (!isDouble) {
                        throw new IllegalArgumentException(where + ": RATE needs a double");
                    }
                    return ScalarKind.RATE;
                }
                default -> {
                }
            }
            if (c == int.class || c == Integer.class) {
                return ScalarKind.INT;
            } else if (isLong) {
                return ScalarKind.LONG;
            } else if (isDouble) {
                return ScalarKind.DOUBLE;
            } else if (c == boolean.class || c == Boolean.class) {
                return ScalarKind.BOOLEAN;
            } else if (c == String.class) {
                return ScalarKind.STRING;
            } else if (c.isEnum()) {
                return ScalarKind.ENUM;
            }
            throw new IllegalArgumentException(where + ": unsupported type " + c.getName());
        }

        private List<String> allowed(Class<?> c, Key k, String where) {
            if (!k.choices().isEmpty()) {
                if (c != String.class || k.values().length > 0) {
                    throw new IllegalArgumentException(where + ": choices = ... needs a String key without values");
                }
                return registries.names(k.choices());
            }
            if (c.isEnum()) {
                List<String> names = new ArrayList<>();
                for (Object o : c.getEnumConstants()) {
                    names.add(enumName((Enum<?>) o));
                }
                return names;
            }
            return List.of(k.values());
        }

        /** Parses the default and bounds now, so a bad declaration fails at startup. */
        private static void checkDeclaration(FieldSpec f, String where) {
            try {
                if (f.type() instanceof ScalarType s) {
                    if (f.defaultText() != null && !f.nullable()) {
                        Scalars.parse(s, f.defaultText());
                    }
                    if (!f.min().isEmpty()) {
                        Scalars.parse(s, f.min());
                    }
                    if (!f.max().isEmpty()) {
                        Scalars.parse(s, f.max());
                    }
                } else {
                    if (!f.min().isEmpty()) {
                        Integer.parseInt(f.min());
                    }
                    if (!f.max().isEmpty()) {
                        Integer.parseInt(f.max());
                    }
                }
            } catch (Scalars.BadValue | NumberFormatException e) {
                throw new IllegalArgumentException(where + ": bad default or bound: " + e.getMessage(), e);
            }
        }
    }
}

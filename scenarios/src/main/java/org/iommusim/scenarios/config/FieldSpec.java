package org.iommusim.scenarios.config;

import java.util.List;

/**
 * The declarative description of one configuration key, read from a {@link Key} annotation:
 * name, value type, default, unit, range and meaning. Immutable.
 *
 * @param key         the YAML key
 * @param type        the value type
 * @param doc         what the key means
 * @param defaultText the default as YAML text, or null when required
 * @param unit        unit for documentation ("" when none or implied by the type)
 * @param min         inclusive minimum as text ("" for none)
 * @param max         inclusive maximum as text ("" for none)
 * @param group       for a section of a {@link Key#sections()} component, that component's name
 *                    (its sections are bound together into one {@link Sections}); null otherwise
 */
public record FieldSpec(String key, ValueType type, String doc, String defaultText, String unit,
                        String min, String max, String group) {

    /** A key of its own (not one of a component's registry sections). */
    public FieldSpec(String key, ValueType type, String doc, String defaultText, String unit, String min, String max) {
        this(key, type, doc, defaultText, unit, min, max, null);
    }

    public boolean required() {
        return defaultText == null;
    }

    /** True when the default is {@link Key#NONE}: the value may be null. */
    public boolean nullable() {
        return Key.NONE.equals(defaultText);
    }

    /** The value types a key can have. */
    public sealed interface ValueType permits ScalarType, RecordType, ListType, MapType {
        /** A phrase for messages: "an integer", "a duration like 80ns", "a list of ...". */
        String phrase();
    }

    /** The scalar kinds. */
    public enum ScalarKind {
        INT("an integer"), LONG("an integer"), DOUBLE("a number"), BOOLEAN("true or false"),
        STRING("a string"), ENUM("one of the allowed names"), DURATION("a duration like 80ns or 1.5us"),
        SIZE("a size like 4096, 4KiB or 2MiB"), RATE("a rate like 10/us or 2.5GiB/s");

        private final String phrase;

        ScalarKind(String phrase) {
            this.phrase = phrase;
        }

        public String phrase() {
            return phrase;
        }
    }

    /**
     * A scalar value.
     *
     * @param javaType the component's (boxed or primitive) type
     * @param allowed  the allowed names for enums and restricted strings (empty: any)
     * @param auto     whether the word {@code auto} is also accepted ({@link Key#auto()})
     */
    public record ScalarType(ScalarKind kind, Class<?> javaType, List<String> allowed, boolean auto)
            implements ValueType {
        public ScalarType {
            allowed = List.copyOf(allowed);
        }

        /** A scalar that does not accept {@code auto}. */
        public ScalarType(ScalarKind kind, Class<?> javaType, List<String> allowed) {
            this(kind, javaType, allowed, false);
        }

        @Override
        public String phrase() {
            return (allowed.isEmpty() ? kind.phrase() : "one of " + String.join(", ", allowed))
                    + (auto ? ", or auto" : "");
        }
    }

    /** A nested section bound to a record. */
    public record RecordType(RecordSpec spec) implements ValueType {
        @Override
        public String phrase() {
            return "a map of keys (" + String.join(", ", spec.keys()) + ")";
        }
    }

    /** A list; when its elements are records with a {@code name} key they are addressable by name. */
    public record ListType(ValueType element) implements ValueType {
        @Override
        public String phrase() {
            return "a list, each " + element.phrase();
        }

        public boolean named() {
            return element instanceof RecordType r && r.spec().named();
        }
    }

    /** A map from string keys to values. */
    public record MapType(ValueType value) implements ValueType {
        @Override
        public String phrase() {
            return "a map of names, each " + value.phrase();
        }
    }
}

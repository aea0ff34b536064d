package org.iommusim.scenarios.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares one configuration key on a record component: its meaning, default, unit, range and
 * how to read it. {@link Schema#of} reads these by reflection; every component of a config
 * record must carry one, so no key can go undocumented.
 *
 * <p>The Java type decides the value type: {@code int}, {@code long}, {@code double},
 * {@code boolean}, {@code String}, an enum (written as its constant in lower case with
 * {@code -} for {@code _}), a nested record (a section), {@code List<T>} and
 * {@code Map<String, T>}. A {@code long} may be a {@link Kind#DURATION} (picoseconds, written
 * {@code 80ns}) or a {@link Kind#SIZE} (bytes, written {@code 4KiB}); a {@code double} may be a
 * {@link Kind#RATE} (per second, written {@code 2.5/us}). On a list, {@link #kind} applies to
 * the elements.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Key {
    /** {@link #def} value meaning "no default: the key must be given". */
    String REQUIRED = "<required>";
    /** {@link #def} value meaning "optional, null when absent" (reference types only). */
    String NONE = "~";

    /** What the key means (one sentence; goes into reference.yaml). */
    String doc();

    /**
     * The default, written as in YAML ({@code 2048}, {@code 80ns}, {@code lru}, {@code [4KiB]}).
     * {@link #REQUIRED} (the default) means the key must be given; lists and maps default to
     * empty and sections to their own keys' defaults, so they leave this unset.
     */
    String def() default REQUIRED;

    /** The YAML key; empty means the component's name. */
    String name() default "";

    /** How to read a {@code long} or {@code double} (or list elements). */
    Kind kind() default Kind.AUTO;

    /** Unit shown in the documentation for plain numbers ({@code entries}, {@code pages}). */
    String unit() default "";

    /** Inclusive minimum, written like a value ({@code 1}, {@code 1ns}, {@code 4KiB}); for lists and maps, the size. */
    String min() default "";

    /** Inclusive maximum, written like a value; for lists and maps, the size. */
    String max() default "";

    /**
     * Whether a duration or integer key also accepts the word {@code auto}: the run chooses the
     * value (from the data), and the key is bound as {@link #AUTO_VALUE}.
     */
    boolean auto() default false;

    /** What a key declared with {@link #auto()} holds when its value is {@code auto}. */
    long AUTO_VALUE = -1;

    /** Allowed values of a {@code String} key (empty: any string). */
    String[] values() default {};

    /**
     * The registry whose names are the allowed values of this {@code String} key (empty: none):
     * the list comes from {@link Schema.Registries#names} when the schema is built, so a new
     * entry in the registry is a new allowed value with no change here.
     */
    String choices() default "";

    /**
     * On a {@link Sections} component: the registry whose entries each get a section under their
     * own name ({@link Schema.Registries#sections}), all siblings of the record's other keys.
     */
    String sections() default "";

    /** Value kinds that the Java type alone cannot tell apart. */
    enum Kind { AUTO, DURATION, SIZE, RATE }
}

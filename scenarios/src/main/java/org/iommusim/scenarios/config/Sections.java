package org.iommusim.scenarios.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bound sections of a {@link Key#sections()} component: one config record per registry
 * entry, by the entry's name, in registry order. Immutable. A record component of this type
 * lets a registry add a section (with its own keys and defaults) without a new component.
 */
public final class Sections {
    private final Map<String, Record> byName;

    public Sections(Map<String, ? extends Record> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** The section {@code name}, as the record type its registry entry declares. */
    public <T extends Record> T get(String name, Class<T> type) {
        Record r = byName.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no section '" + name + "'; sections: " + names());
        }
        return type.cast(r);
    }

    /** The section names, in registry order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sections s && s.byName.equals(byName);
    }

    @Override
    public int hashCode() {
        return byName.hashCode();
    }

    @Override
    public String toString() {
        return byName.toString();
    }
}

package org.iommusim.scenarios.config;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of one config record type, in declaration order (which is also the order of
 * reference.yaml and of the effective configuration). Immutable.
 *
 * @param type   the record class
 * @param fields one spec per record component, in component order
 */
public record RecordSpec(Class<? extends Record> type, List<FieldSpec> fields) {
    /** The key that names list elements ({@code devices.nic0.ring}). */
    public static final String NAME_KEY = "name";

    public RecordSpec {
        fields = List.copyOf(fields);
    }

    public List<String> keys() {
        return fields.stream().map(FieldSpec::key).toList();
    }

    public Optional<FieldSpec> field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /**
     * The constructor arguments from one value per field (in field order): a field of its own is
     * one argument; the sections of a {@link Key#sections()} component become one {@link Sections}.
     */
    public Object[] arguments(Object[] values) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        int next = 0;
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            if (components[i].getAnnotation(Key.class).sections().isEmpty()) {
                while (fields.get(next).group() != null) {
                    next++;
                }
                args[i] = values[next++];
            } else {
                Map<String, Record> sections = new LinkedHashMap<>();
                for (int j = 0; j < fields.size(); j++) {
                    if (name.equals(fields.get(j).group())) {
                        sections.put(fields.get(j).key(), (Record) values[j]);
                    }
                }
                args[i] = new Sections(sections);
            }
        }
        return args;
    }

    /** True when the record has a required string {@code name} key (elements are addressable by name). */
    public boolean named() {
        return field(NAME_KEY).map(f -> f.type() instanceof FieldSpec.ScalarType s
                && s.kind() == FieldSpec.ScalarKind.STRING).orElse(false);
    }
}

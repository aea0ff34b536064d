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

    /**
     * Per record class, which components are {@link Key#sections()} groups. A pure function of the
     * class, computed once: {@code getRecordComponents()} returns fresh components whose
     * annotations are parsed again on every call, which was a fifth of loading a 1,000-device
     * scenario (docs/PERFORMANCE.md).
     */
    private static final ClassValue<boolean[]> SECTIONED = new ClassValue<>() {
        @Override
        protected boolean[] computeValue(Class<?> c) {
            RecordComponent[] components = c.getRecordComponents();
            boolean[] sectioned = new boolean[components.length];
            for (int i = 0; i < components.length; i++) {
                sectioned[i] = !components[i].getAnnotation(Key.class).sections().isEmpty();
            }
            return sectioned;
        }
    };

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
        boolean[] sectioned = SECTIONED.get(type);
        Object[] args = new Object[components.length];
        int next = 0;
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            if (!sectioned[i]) {
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

package org.iommusim.scenarios.config;

import java.util.List;
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

    /** True when the record has a required string {@code name} key (elements are addressable by name). */
    public boolean named() {
        return field(NAME_KEY).map(f -> f.type() instanceof FieldSpec.ScalarType s
                && s.kind() == FieldSpec.ScalarKind.STRING).orElse(false);
    }
}

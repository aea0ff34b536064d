package org.iommusim.scenarios.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iommusim.scenarios.config.Schema;

/**
 * The list of control-plane workload kinds by name. Immutable; {@link #BUILT_IN} is the model's
 * (a new kind is a class implementing {@link WorkloadKind} and one line there), {@link #with} a
 * copy with one more (a test's example). Unknown names fail with the valid ones.
 */
public final class WorkloadKinds {
    /** The model's workload kinds, in documentation order. */
    public static final WorkloadKinds BUILT_IN = new WorkloadKinds(List.of(
            new GuestPteWritesKind(),
            new ParentChurnKind(),
            new RangeInvalidationsKind(),
            new InvalidationCommandsKind()));

    private final Map<String, WorkloadKind<?>> byName = new LinkedHashMap<>();

    WorkloadKinds(List<WorkloadKind<?>> kinds) {
        for (WorkloadKind<?> k : kinds) {
            if (byName.putIfAbsent(k.name(), k) != null) {
                throw new IllegalArgumentException("two workload kinds are named '" + k.name() + "'");
            }
        }
    }

    /** These kinds and {@code extra} after them. */
    public WorkloadKinds with(WorkloadKind<?> extra) {
        List<WorkloadKind<?>> all = new ArrayList<>(byName.values());
        all.add(extra);
        return new WorkloadKinds(all);
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public WorkloadKind<?> get(String name) {
        WorkloadKind<?> k = byName.get(name);
        if (k == null) {
            throw new IllegalArgumentException("unknown control-plane workload '" + name + "'; valid: " + names());
        }
        return k;
    }

    /** The section key of kind {@code name}: its camel-case form ({@code guest-pte-writes} is {@code guestPteWrites}). */
    static String sectionKey(String name) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    /** One schema section per kind, under its section key. */
    List<Schema.SectionType> sections() {
        return byName.values().stream().map(k -> new Schema.SectionType(sectionKey(k.name()), "Kind " + k.name() + ": "
                + k.doc(), k.section())).toList();
    }
}

package org.iommusim.scenarios.config;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.scenarios.config.FieldSpec.ListType;
import org.iommusim.scenarios.config.FieldSpec.RecordType;

/**
 * Generates reference.yaml text from a {@link Schema}: every key in declaration order with a
 * comment line above it giving its meaning, type, unit, range and whether it is required, and
 * its default as the value ({@code ~} when required). A list of records is written as a
 * one-element list holding the element template (the per-element defaults); the default list
 * itself is empty.
 *
 * <p>The shipped reference.yaml is this output, checked by a test ({@link ReferenceCheck} plus
 * an equality check), so documentation cannot drift from the schema.
 */
public final class ReferenceWriter {
    private ReferenceWriter() {
    }

    public static String render(Schema schema, String title) {
        StringBuilder sb = new StringBuilder();
        for (String line : title.split("\n")) {
            sb.append("# ").append(line).append('\n');
        }
        sb.append("#\n# Every key with its default, unit and meaning. A scenario overrides any of them;\n")
                .append("# --set key=value overrides both. Generated from the schema: do not edit by hand.\n");
        record(schema.root(), 0, sb);
        return sb.toString();
    }

    private static void record(RecordSpec spec, int indent, StringBuilder sb) {
        for (FieldSpec f : spec.fields()) {
            if (indent == 0) {
                sb.append('\n');
            }
            pad(sb, indent).append("# ").append(comment(f)).append('\n');
            pad(sb, indent).append(f.key()).append(':');
            if (f.type() instanceof RecordType r) {
                sb.append('\n');
                record(r.spec(), indent + 2, sb);
            } else if (f.type() instanceof ListType l && l.element() instanceof RecordType r) {
                sb.append('\n');
                pad(sb, indent + 2).append("# Template: each element takes its missing keys from here;")
                        .append(" the default is no elements.\n");
                pad(sb, indent + 2).append("-\n");
                record(r.spec(), indent + 4, sb);
            } else {
                sb.append(' ').append(f.required() ? "~" : f.defaultText()).append('\n');
            }
        }
    }

    /** {@code doc (details; ...)} for one key. */
    static String comment(FieldSpec f) {
        List<String> details = new ArrayList<>();
        if (!(f.type() instanceof RecordType)) {
            details.add(f.type().phrase());
        }
        if (!f.unit().isEmpty()) {
            details.add("unit: " + f.unit());
        }
        if (!f.min().isEmpty() || !f.max().isEmpty()) {
            String what = f.type() instanceof FieldSpec.ScalarType ? "range: " : "size: ";
            details.add(what + Scalars.range(f.min(), f.max()));
        }
        if (f.required()) {
            details.add("required");
        } else if (f.nullable()) {
            details.add("optional");
        }
        String doc = f.doc().strip();
        return details.isEmpty() ? doc : doc + " (" + String.join("; ", details) + ")";
    }

    private static StringBuilder pad(StringBuilder sb, int n) {
        return sb.append(" ".repeat(n));
    }
}

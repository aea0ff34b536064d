package org.iommusim.scenarios.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.iommusim.scenarios.config.FieldSpec.ListType;
import org.iommusim.scenarios.config.FieldSpec.RecordType;
import org.iommusim.scenarios.config.FieldSpec.ScalarType;
import org.iommusim.scenarios.config.YamlNode.ListNode;
import org.iommusim.scenarios.config.YamlNode.MapNode;
import org.iommusim.scenarios.config.YamlNode.Scalar;

/**
 * Checks a reference.yaml against its {@link Schema}: every schema key is present, no key is
 * there that the schema lacks, every key has a comment (on the line above or at the end of its
 * line), and every scalar default equals the schema's ({@code ~} for required keys). Lists of
 * records must hold exactly one template element. Returns readable problems; an empty list
 * means consistent.
 *
 * <p>It does not check the comment's wording; comparing with {@link ReferenceWriter}'s output
 * does that.
 */
public final class ReferenceCheck {
    private final String[] lines;
    private final List<String> problems = new ArrayList<>();

    private ReferenceCheck(String text) {
        this.lines = text.split("\n", -1);
    }

    public static List<String> check(Schema schema, String referenceText, String sourceName) {
        ReferenceCheck c = new ReferenceCheck(referenceText);
        try {
            c.record(schema.root(), YamlReader.readDocument(referenceText, sourceName), "");
        } catch (ConfigException e) {
            e.diagnostics().forEach(d -> c.problems.add(d.toString()));
        }
        return List.copyOf(c.problems);
    }

    private void record(RecordSpec spec, MapNode map, String path) {
        for (YamlNode.Entry e : map.entries()) {
            if (spec.field(e.key()).isEmpty()) {
                problems.add(e.keyOrigin() + ": key '" + Binder.join(path, e.key()) + "' is not in the schema");
            }
        }
        for (FieldSpec f : spec.fields()) {
            String p = Binder.join(path, f.key());
            var entry = map.entry(f.key());
            if (entry.isEmpty()) {
                problems.add("key '" + p + "' is in the schema but missing from " + map.origin().source());
                continue;
            }
            documented(entry.get().keyOrigin(), p);
            field(f, entry.get().value(), p);
        }
    }

    private void field(FieldSpec f, YamlNode node, String p) {
        if (f.type() instanceof RecordType r) {
            if (node instanceof MapNode m) {
                record(r.spec(), m, p);
            } else {
                problems.add(node.origin() + ": key '" + p + "' must be a section");
            }
        } else if (f.type() instanceof ListType l && l.element() instanceof RecordType r) {
            if (node instanceof ListNode list && list.items().size() == 1 && list.items().get(0) instanceof MapNode m) {
                record(r.spec(), m, p + ".*");
            } else {
                problems.add(node.origin() + ": key '" + p + "' must be a list holding one template element");
            }
        } else if (f.type() instanceof ScalarType s) {
            defaultEquals(f, s, node, p);
        }
    }

    private void defaultEquals(FieldSpec f, ScalarType s, YamlNode node, String p) {
        boolean isNull = node instanceof Scalar sc && sc.isNull();
        if (f.required() || f.nullable()) {
            if (!isNull) {
                problems.add(node.origin() + ": key '" + p + "' has no default in the schema; write ~");
            }
            return;
        }
        try {
            Object expected = Scalars.parse(s, f.defaultText());
            Object actual = node instanceof Scalar sc && !isNull ? Scalars.parse(s, sc.text()) : null;
            if (!Objects.equals(expected, actual)) {
                problems.add(node.origin() + ": key '" + p + "' is " + node.describe()
                        + " but the schema default is " + f.defaultText());
            }
        } catch (Scalars.BadValue e) {
            problems.add(node.origin() + ": key '" + p + "'" + e.getMessage());
        }
    }

    private void documented(Origin keyOrigin, String p) {
        int i = keyOrigin.line() - 1;
        boolean above = i > 0 && lines[i - 1].strip().startsWith("#");
        boolean trailing = i < lines.length && lines[i].contains(" #");
        if (!above && !trailing) {
            problems.add(keyOrigin + ": key '" + p + "' has no comment documenting it");
        }
    }
}

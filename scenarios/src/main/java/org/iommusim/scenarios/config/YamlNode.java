package org.iommusim.scenarios.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable YAML tree whose every node remembers its {@link Origin}: maps (string keys, in
 * file order, each key with its own origin), lists and scalars (the raw text, as written).
 *
 * <p>Scalars are not typed here: the schema decides whether {@code 80ns} is a duration or a
 * string. A plain (unquoted) {@code ~}, {@code null} or empty scalar is a YAML null.
 */
public sealed interface YamlNode permits YamlNode.MapNode, YamlNode.ListNode, YamlNode.Scalar {

    Origin origin();

    /** A short description of the node's shape for error messages ("a map", "a list", "'x'"). */
    String describe();

    /** One key of a map with the origin of the key itself (for "unknown key" diagnostics). */
    record Entry(String key, Origin keyOrigin, YamlNode value) {
    }

    /** A map with unique string keys, in file order. */
    record MapNode(List<Entry> entries, Origin origin) implements YamlNode {
        public MapNode {
            entries = List.copyOf(entries);
        }

        public Optional<Entry> entry(String key) {
            for (Entry e : entries) {
                if (e.key().equals(key)) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }

        public YamlNode get(String key) {
            return entry(key).map(Entry::value).orElse(null);
        }

        public List<String> keys() {
            return entries.stream().map(Entry::key).toList();
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    /** A list (YAML sequence). */
    record ListNode(List<YamlNode> items, Origin origin) implements YamlNode {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar's text as written.
     *
     * @param plain true when the scalar was unquoted (only then can it be a YAML null)
     */
    record Scalar(String text, boolean plain, Origin origin) implements YamlNode {
        public boolean isNull() {
            return plain && (text.isEmpty() || text.equals("~") || text.equals("null")
                    || text.equals("Null") || text.equals("NULL"));
        }

        @Override
        public String describe() {
            return isNull() ? "null" : "'" + text + "'";
        }
    }

    /** Builds a map node from a key→node map (for programmatic trees, e.g. tests). */
    static MapNode mapOf(Map<String, YamlNode> values, Origin origin) {
        return new MapNode(values.entrySet().stream()
                .map(e -> new Entry(e.getKey(), e.getValue().origin(), e.getValue())).toList(), origin);
    }
}

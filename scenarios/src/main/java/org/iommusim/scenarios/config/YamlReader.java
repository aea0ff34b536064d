package org.iommusim.scenarios.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads YAML text into a located {@link YamlNode} tree using SnakeYAML's event parser (the
 * low-level API, so every node keeps its start mark and nothing is resolved to Java types).
 *
 * <p>Stricter than YAML: the document must be a single map; keys must be non-null scalars and
 * unique; anchors, aliases, merge keys' aliases and explicit tags are rejected; nesting deeper
 * than {@link #MAX_DEPTH} is rejected. Every failure is a {@link ConfigException} naming the
 * source, line and column. It does not interpret values (see {@link Scalars}).
 */
public final class YamlReader {
    /** Maximum nesting of maps and lists. */
    public static final int MAX_DEPTH = 64;
    private static final int MAX_CODE_POINTS = 8 * 1024 * 1024;

    private final String source;
    private final Parser parser;
    private int depth;

    private YamlReader(String text, String source) {
        this.source = source;
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMaxAliasesForCollections(0);
        this.parser = new ParserImpl(new StreamReader(text), options);
    }

    /**
     * Parses a whole document whose top level must be a map; an empty document is an empty map.
     *
     * @param source the display name used in origins (e.g. the file name as the user gave it)
     */
    public static YamlNode.MapNode readDocument(String text, String source) {
        YamlNode root = read(text, source);
        if (root == null) {
            return new YamlNode.MapNode(List.of(), Origin.file(source, 1, 1));
        }
        if (root instanceof YamlNode.Scalar s && s.isNull()) {
            return new YamlNode.MapNode(List.of(), s.origin());
        }
        if (!(root instanceof YamlNode.MapNode map)) {
            throw new ConfigException(new Diagnostic(root.origin(), "",
                    "the top level must be a map of keys, got " + root.describe()));
        }
        return map;
    }

    /** Parses a single YAML value (for {@code --set} values); origins are all {@code origin}. */
    public static YamlNode readValue(String text, Origin origin) {
        YamlNode node;
        try {
            node = read(text, origin.source());
        } catch (ConfigException e) {
            Diagnostic d = e.diagnostics().get(0);
            throw new ConfigException(new Diagnostic(origin, "", "value is not valid YAML: " + d.message()));
        }
        if (node == null) {
            return new YamlNode.Scalar("", true, origin);
        }
        return relocate(node, origin);
    }

    private static YamlNode read(String text, String source) {
        YamlReader r = new YamlReader(text, source);
        try {
            return r.stream();
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new ConfigException(new Diagnostic(r.origin(m), "", "malformed YAML: " + oneLine(problem)));
        } catch (ReaderException e) {
            throw new ConfigException(new Diagnostic(positionOrigin(text, e.getPosition(), source), "",
                    "malformed YAML: character U+" + String.format("%04X", e.getCodePoint())
                            + " is not allowed in YAML"));
        } catch (YAMLException e) {
            throw new ConfigException(new Diagnostic(Origin.file(source, 1, 1), "",
                    "malformed YAML: " + oneLine(e.getMessage())));
        }
    }

    private YamlNode stream() {
        parser.getEvent(); // StreamStart
        if (parser.checkEvent(Event.ID.StreamEnd)) {
            return null;
        }
        parser.getEvent(); // DocumentStart
        YamlNode root = node();
        parser.getEvent(); // DocumentEnd
        if (!parser.checkEvent(Event.ID.StreamEnd)) {
            throw fail(parser.peekEvent().getStartMark(), "expected a single YAML document, found a second one");
        }
        return root;
    }

    private YamlNode node() {
        Event e = parser.getEvent();
        if (e instanceof AliasEvent) {
            throw fail(e.getStartMark(), "aliases (*name) are not supported; write the value out");
        }
        if (e instanceof NodeEvent n && n.getAnchor() != null) {
            throw fail(e.getStartMark(), "anchors (&" + n.getAnchor() + ") are not supported; write the value out");
        }
        if (e instanceof ScalarEvent s) {
            if (s.getTag() != null) {
                throw fail(e.getStartMark(), "explicit tags (" + s.getTag() + ") are not supported");
            }
            return new YamlNode.Scalar(s.getValue(), s.isPlain(), origin(e.getStartMark()));
        }
        if (e instanceof CollectionStartEvent c && c.getTag() != null) {
            throw fail(e.getStartMark(), "explicit tags (" + c.getTag() + ") are not supported");
        }
        if (++depth > MAX_DEPTH) {
            throw fail(e.getStartMark(), "nesting deeper than " + MAX_DEPTH + " levels");
        }
        YamlNode result;
        if (e instanceof MappingStartEvent) {
            result = map(origin(e.getStartMark()));
        } else if (e instanceof SequenceStartEvent) {
            List<YamlNode> items = new ArrayList<>();
            while (!parser.checkEvent(Event.ID.SequenceEnd)) {
                items.add(node());
            }
            parser.getEvent();
            result = new YamlNode.ListNode(items, origin(e.getStartMark()));
        } else {
            throw fail(e.getStartMark(), "unexpected " + e.getEventId());
        }
        depth--;
        return result;
    }

    private YamlNode.MapNode map(Origin origin) {
        List<YamlNode.Entry> entries = new ArrayList<>();
        Map<String, Origin> seen = new HashMap<>();
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            Event k = parser.peekEvent();
            YamlNode key = node();
            if (!(key instanceof YamlNode.Scalar ks)) {
                throw fail(k.getStartMark(), "keys must be plain strings, found " + key.describe() + " used as a key");
            }
            if (ks.isNull()) {
                throw fail(k.getStartMark(), "keys must be non-empty strings, found a null key");
            }
            Origin previous = seen.putIfAbsent(ks.text(), ks.origin());
            if (previous != null) {
                throw new ConfigException(new Diagnostic(ks.origin(), ks.text(),
                        "key '" + ks.text() + "' is defined twice (first at line " + previous.line() + ")"));
            }
            entries.add(new YamlNode.Entry(ks.text(), ks.origin(), node()));
        }
        parser.getEvent();
        return new YamlNode.MapNode(entries, origin);
    }

    private Origin origin(Mark m) {
        return m == null ? Origin.file(source, 1, 1) : Origin.file(source, m.getLine() + 1, m.getColumn() + 1);
    }

    private ConfigException fail(Mark m, String message) {
        return new ConfigException(new Diagnostic(origin(m), "", message));
    }

    private static Origin positionOrigin(String text, int position, String source) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < text.length() && i < position; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return Origin.file(source, line, col);
    }

    private static String oneLine(String s) {
        return s == null ? "unreadable input" : s.replaceAll("\\s+", " ").trim();
    }

    private static YamlNode relocate(YamlNode node, Origin origin) {
        if (node instanceof YamlNode.Scalar s) {
            return new YamlNode.Scalar(s.text(), s.plain(), origin);
        }
        if (node instanceof YamlNode.ListNode l) {
            return new YamlNode.ListNode(l.items().stream().map(i -> relocate(i, origin)).toList(), origin);
        }
        YamlNode.MapNode m = (YamlNode.MapNode) node;
        return new YamlNode.MapNode(m.entries().stream()
                .map(en -> new YamlNode.Entry(en.key(), origin, relocate(en.value(), origin))).toList(), origin);
    }
}

package org.iommusim.core.results;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.iommusim.core.stats.StatKind;

/**
 * Rebuilds a {@link ResultsDocument} from {@code stats.json} text (layout in
 * {@link ResultsJson}). Strict about what it needs, tolerant of keys it does not know; every
 * error names the JSON path. Streams: a first pass reads every top-level key but
 * {@code variants} (the statistics catalogue comes last in the file), a second reads the
 * variants one replication at a time, so a large file (a thousand devices) never exists as one
 * JSON tree in memory. Not public: use {@link ResultsJson#read(Reader)}.
 */
final class ResultsJsonReader {
    /**
     * Sub-trees are read from a parser mid-document, so trailing content is checked by hand; a key
     * twice in one object is refused by the tree reader (cheaper than the parser's own duplicate
     * detection, which keeps a set per object) and, for the keys read by streaming, here.
     */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    private static final String VARIANTS = "variants";

    private final Map<String, StatInfo> catalogue = new LinkedHashMap<>();

    /** Opens a fresh parser over the same text (the reader makes two passes). */
    private interface Source {
        JsonParser open() throws IOException;
    }

    private ResultsJsonReader() {
    }

    static ResultsDocument read(Reader in) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            text.append(buffer, 0, n);
        }
        String json = text.toString();
        return new ResultsJsonReader().read(() -> MAPPER.createParser(json));
    }

    static ResultsDocument read(byte[] utf8) throws IOException {
        return new ResultsJsonReader().read(() -> MAPPER.createParser(utf8));
    }

    private ResultsDocument read(Source source) throws IOException {
        ObjectNode head = MAPPER.createObjectNode();
        boolean hasVariants = false;
        try (JsonParser p = source.open()) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("results JSON must be an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken t = p.nextToken();
                if (head.has(key) || hasVariants && VARIANTS.equals(key)) {
                    throw new IllegalArgumentException("results JSON: duplicate key '" + key + "'");
                }
                if (VARIANTS.equals(key)) {
                    if (t != JsonToken.START_ARRAY) {
                        throw new IllegalArgumentException(VARIANTS + ": expected an array");
                    }
                    hasVariants = true;
                    p.skipChildren();
                } else {
                    head.set(key, MAPPER.readTree(p));
                }
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("results JSON: unexpected content after the top-level object");
            }
        }
        if (!hasVariants) {
            throw new IllegalArgumentException(VARIANTS + ": missing");
        }
        int version = header(head);
        List<VariantResult> variants = new ArrayList<>();
        try (JsonParser p = source.open()) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                if (!VARIANTS.equals(key)) {
                    p.skipChildren();
                    continue;
                }
                for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                    variants.add(variant(p, VARIANTS + "[" + i + "]"));
                }
            }
        }
        try {
            return new ResultsDocument(version, text(head, "scenario", ""), longValue(head, "seed", ""), variants,
                    complete(head));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("results JSON: " + e.getMessage(), e);
        }
    }

    /** The top-level {@code complete}: absent means true (complete runs do not write it). */
    private static boolean complete(JsonNode root) {
        JsonNode c = root.get("complete");
        if (c == null) {
            return true;
        }
        if (!c.isBoolean()) {
            throw new IllegalArgumentException("complete: expected true or false, got " + c);
        }
        return c.booleanValue();
    }

    /** Checks the schema version and reads the statistics catalogue; returns the version. */
    private int header(JsonNode root) {
        int version = integer(root, "schemaVersion", "");
        if (version > ResultsDocument.SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion " + version + " was written by a newer iommusim;"
                    + " this build reads versions up to " + ResultsDocument.SCHEMA_VERSION);
        }
        JsonNode stats = object(root, "statistics", "");
        for (Map.Entry<String, JsonNode> e : stats.properties()) {
            String path = "statistics." + e.getKey();
            JsonNode s = expectObject(e.getValue(), path);
            String kind = text(s, "kind", path);
            StatKind k;
            try {
                k = StatKind.valueOf(kind.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(path + ".kind: unknown kind '" + kind + "'");
            }
            catalogue.put(e.getKey(), new StatInfo(e.getKey(), k, text(s, "unit", path), text(s, "description", path)));
        }
        return version;
    }

    /** One variant, the parser on its START_OBJECT: replications one at a time, the rest as a tree. */
    private VariantResult variant(JsonParser p, String path) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException(path + ": expected an object");
        }
        ObjectNode node = MAPPER.createObjectNode();
        List<Replication> reps = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            if (node.has(key) || reps != null && "replications".equals(key)) {
                throw new IllegalArgumentException(path + ": duplicate key '" + key + "'");
            }
            if (!"replications".equals(key)) {
                node.set(key, MAPPER.readTree(p));
                continue;
            }
            if (t != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException(path + ".replications: expected an array");
            }
            reps = new ArrayList<>();
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                reps.add(replication(MAPPER.readTree(p), path + ".replications[" + i + "]"));
            }
        }
        if (reps == null) {
            throw new IllegalArgumentException(path + ".replications: missing");
        }
        String name = text(node, "name", path);
        Map<String, String> overrides = new LinkedHashMap<>();
        JsonNode o = object(node, "overrides", path);
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException(path + ".overrides." + e.getKey() + ": expected a string");
            }
            overrides.put(e.getKey(), e.getValue().textValue());
        }
        Map<String, StatSummary> summary = new LinkedHashMap<>();
        JsonNode sm = object(node, "summary", path);
        for (Map.Entry<String, JsonNode> e : sm.properties()) {
            String p2 = path + ".summary." + e.getKey();
            JsonNode s = expectObject(e.getValue(), p2);
            summary.put(e.getKey(), new StatSummary(number(s, "mean", p2), number(s, "ci95Low", p2),
                    number(s, "ci95High", p2), text(s, "unit", p2), integer(s, "n", p2)));
        }
        List<RunWarning> warnings = new ArrayList<>();
        if (node.has("warnings")) {
            JsonNode ws = array(node, "warnings", path);
            for (int i = 0; i < ws.size(); i++) {
                String p2 = path + ".warnings[" + i + "]";
                JsonNode w = expectObject(ws.get(i), p2);
                warnings.add(new RunWarning(text(w, "kind", p2), text(w, "resource", p2), text(w, "message", p2)));
            }
        }
        return new VariantResult(name, overrides, summary, reps, warnings);
    }

    private Replication replication(JsonNode node, String path) {
        expectObject(node, path);
        List<StatValue> values = new ArrayList<>();
        JsonNode stats = object(node, "stats", path);
        for (Map.Entry<String, JsonNode> e : stats.properties()) {
            values.add(stat(e.getKey(), e.getValue(), path + ".stats." + e.getKey()));
        }
        Snapshot snapshot = Snapshot.of(longValue(node, "simulatedTimePs", path), values);
        return new Replication(integer(node, "index", path), longValue(node, "seed", path), snapshot);
    }

    private StatValue stat(String name, JsonNode node, String path) {
        StatInfo info = catalogue.get(name);
        if (info == null) {
            throw new IllegalArgumentException(path + ": statistic '" + name + "' is missing from 'statistics'");
        }
        StatValue.Builder b = StatValue.builder(name, info.kind(), info.unit(), info.description());
        if (node.isNumber() || node.isNull()) {
            return b.field("value", toDouble(node, path)).build();
        }
        expectObject(node, path);
        if (node.has("unit") && !info.unit().equals(node.get("unit").asText())) {
            throw new IllegalArgumentException(path + ".unit: '" + node.get("unit").asText()
                    + "' differs from the catalogue's '" + info.unit() + "'");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!ResultsJson.RESERVED_FIELDS.contains(e.getKey())) {
                b.field(e.getKey(), toDouble(e.getValue(), path + "." + e.getKey()));
            }
        }
        if (node.has("t") || node.has("v")) {
            JsonNode t = array(node, "t", path);
            JsonNode v = array(node, "v", path);
            if (t.size() != v.size()) {
                throw new IllegalArgumentException(path + ": 't' has " + t.size() + " entries but 'v' has " + v.size());
            }
            long[] times = new long[t.size()];
            double[] vals = new double[v.size()];
            for (int i = 0; i < times.length; i++) {
                if (!t.get(i).canConvertToLong() || !t.get(i).isIntegralNumber()) {
                    throw new IllegalArgumentException(path + ".t[" + i + "]: expected an integer (picoseconds)");
                }
                times[i] = t.get(i).longValue();
                vals[i] = toDouble(v.get(i), path + ".v[" + i + "]");
            }
            b.series(times, vals);
        }
        try {
            return b.build();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode expectObject(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(path + ": expected an object");
        }
        return node;
    }

    private static JsonNode required(JsonNode parent, String key, String path) {
        JsonNode n = parent.get(key);
        if (n == null) {
            throw new IllegalArgumentException(join(path, key) + ": missing");
        }
        return n;
    }

    private static JsonNode object(JsonNode parent, String key, String path) {
        return expectObject(required(parent, key, path), join(path, key));
    }

    private static JsonNode array(JsonNode parent, String key, String path) {
        JsonNode n = required(parent, key, path);
        if (!n.isArray()) {
            throw new IllegalArgumentException(join(path, key) + ": expected an array");
        }
        return n;
    }

    private static String text(JsonNode parent, String key, String path) {
        JsonNode n = required(parent, key, path);
        if (!n.isTextual()) {
            throw new IllegalArgumentException(join(path, key) + ": expected a string");
        }
        return n.textValue();
    }

    private static long longValue(JsonNode parent, String key, String path) {
        JsonNode n = required(parent, key, path);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new IllegalArgumentException(join(path, key) + ": expected an integer");
        }
        return n.longValue();
    }

    private static int integer(JsonNode parent, String key, String path) {
        JsonNode n = required(parent, key, path);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new IllegalArgumentException(join(path, key) + ": expected an integer");
        }
        return n.intValue();
    }

    private static double number(JsonNode parent, String key, String path) {
        return toDouble(required(parent, key, path), join(path, key));
    }

    /** A number, or null for "no value" (NaN). */
    private static double toDouble(JsonNode n, String path) {
        if (n.isNull()) {
            return Double.NaN;
        }
        if (!n.isNumber()) {
            throw new IllegalArgumentException(path + ": expected a number or null");
        }
        return n.doubleValue();
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}

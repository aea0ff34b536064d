package org.iommusim.core.results;

import static org.iommusim.core.results.JsonChecks.array;
import static org.iommusim.core.results.JsonChecks.expectObject;
import static org.iommusim.core.results.JsonChecks.integer;
import static org.iommusim.core.results.JsonChecks.longValue;
import static org.iommusim.core.results.JsonChecks.object;
import static org.iommusim.core.results.JsonChecks.once;
import static org.iommusim.core.results.JsonChecks.required;
import static org.iommusim.core.results.JsonChecks.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.iommusim.core.stats.StatKind;

/**
 * Rebuilds a {@link ResultsDocument} from {@code stats.json} text (layout in
 * {@link ResultsJson}). Strict about what it needs, tolerant of keys it does not know; every
 * error names the JSON path. Streams: a first pass reads every top-level key but
 * {@code variants} (the statistics catalogue comes last in the file), a second reads the
 * variants; the statistics, summaries and catalogue are read token by token
 * ({@link StatsJsonStream}) and only small parts (overrides, warnings, the header) as JSON trees,
 * so a large file (a thousand devices) never exists as a tree in memory; every value is read
 * through {@link JsonChecks}, which names the path of a wrong one. Not public: use
 * {@link ResultsJson#read(Reader)}.
 */
final class ResultsJsonReader {
    /**
     * Sub-trees are read from a parser mid-document, so trailing content is checked by hand; a key
     * twice in one object is refused by the tree reader (cheaper than the parser's own duplicate
     * detection, which keeps a set per object) and, for the keys read by streaming, here.
     */
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    // a large run has 200,000 distinct keys (summary keys, statistic names): the
                    // parser's symbol table and the JVM's string table slow down at that size, and
                    // decoding each name afresh is cheaper than looking it up there
                    .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                    .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    private static final String VARIANTS = "variants";
    private static final String STATISTICS = "statistics";

    private final Map<String, StatInfo> catalogue = new LinkedHashMap<>();
    private List<String[]> catalogueTexts;

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

    static ResultsDocument read(Path utf8File) throws IOException {
        // Files.newInputStream: a missing file is a NoSuchFileException, as callers expect
        return new ResultsJsonReader().read(() -> MAPPER.createParser(Files.newInputStream(utf8File)));
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
                if (head.has(key) || hasVariants && VARIANTS.equals(key)
                        || catalogueTexts != null && STATISTICS.equals(key)) {
                    throw new IllegalArgumentException("results JSON: duplicate key '" + key + "'");
                }
                if (VARIANTS.equals(key)) {
                    if (t != JsonToken.START_ARRAY) {
                        throw new IllegalArgumentException(VARIANTS + ": expected an array");
                    }
                    hasVariants = true;
                    p.skipChildren();
                } else if (STATISTICS.equals(key)) {
                    catalogueTexts = StatsJsonStream.catalogue(p, STATISTICS);
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
        StatsJsonStream stream = new StatsJsonStream(catalogue);
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
                    variants.add(variant(p, stream, VARIANTS + "[" + i + "]"));
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
        if (catalogueTexts == null) {
            throw new IllegalArgumentException(STATISTICS + ": missing");
        }
        for (String[] e : catalogueTexts) {
            String path = STATISTICS + "." + e[0];
            StatKind k;
            try {
                k = StatKind.valueOf(e[1].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(path + ".kind: unknown kind '" + e[1] + "'");
            }
            if (catalogue.put(e[0], new StatInfo(e[0], k, e[2], e[3])) != null) {
                throw new IllegalArgumentException(STATISTICS + ": duplicate key '" + e[0] + "'");
            }
        }
        return version;
    }

    /** One variant, the parser on its START_OBJECT. */
    private VariantResult variant(JsonParser p, StatsJsonStream stream, String path) throws IOException {
        expectObject(p, path);
        ObjectNode node = MAPPER.createObjectNode();
        Set<String> seen = new HashSet<>();
        List<Replication> reps = null;
        SummaryTable summary = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            if (!seen.add(key)) {
                throw new IllegalArgumentException(path + ": duplicate key '" + key + "'");
            }
            if ("summary".equals(key)) {
                summary = stream.summary(p, path + ".summary");
            } else if ("replications".equals(key)) {
                if (t != JsonToken.START_ARRAY) {
                    throw new IllegalArgumentException(path + ".replications: expected an array");
                }
                reps = new ArrayList<>();
                for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                    reps.add(replication(p, stream, path + ".replications[" + i + "]"));
                }
            } else if ("name".equals(key) || "overrides".equals(key) || "warnings".equals(key)) {
                node.set(key, MAPPER.readTree(p));
            } else {
                p.skipChildren();
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
        if (summary == null) {
            throw new IllegalArgumentException(path + ".summary: missing");
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

    /** One replication, the parser on its START_OBJECT. */
    private static Replication replication(JsonParser p, StatsJsonStream stream, String path) throws IOException {
        expectObject(p, path);
        Long index = null;
        Long seed = null;
        Long time = null;
        List<StatValue> values = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            switch (key) {
                case "index" -> index = (long) integer(p, once(index, path, key));
                case "seed" -> seed = longValue(p, once(seed, path, key));
                case "simulatedTimePs" -> time = longValue(p, once(time, path, key));
                case "stats" -> values = stream.stats(p, once(values, path, key));
                default -> p.skipChildren();
            }
        }
        if (values == null) {
            throw new IllegalArgumentException(path + ".stats: missing");
        }
        long simulatedTime = required(time, path, "simulatedTimePs");
        Snapshot snapshot;
        try {
            snapshot = Snapshot.of(simulatedTime, values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ".stats: " + e.getMessage(), e);
        }
        return new Replication(Math.toIntExact(required(index, path, "index")), required(seed, path, "seed"),
                snapshot);
    }
}

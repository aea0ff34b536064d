package org.iommusim.core.results;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.iommusim.core.stats.StatKind;

/**
 * Writes and reads {@code stats.json}, the versioned results file (schema
 * {@value ResultsDocument#SCHEMA_VERSION}). Layout, keys always in this order:
 *
 * <pre>{@code
 * { "schemaVersion": 1, "scenario": "hw-vs-sw", "seed": 42,
 *   "complete": false,                                                 // only when the run was interrupted
 *   "variants": [ {
 *     "name": "hardware",
 *     "overrides": { "iommu.nesting": "hardware" },                  // in the order given
 *     "summary": {                                                     // every scalar key, Snapshot#scalars order
 *       "walk.latency":     { "mean": 812.5, "ci95Low": 800.1, "ci95High": 824.9, "unit": "ps", "n": 5 },
 *       "walk.latency.p99": { ... } },
 *     "warnings": [ { "kind": "saturated", "resource": "host.cpu", "message": "..." } ],  // only if any
 *     "replications": [ {
 *       "index": 0, "seed": 42, "simulatedTimePs": 1000000000,
 *       "stats": {                                                     // sorted by name
 *         "dma.completed": 1000,                                       // counter, derived: the value alone
 *         "walk.latency": { "mean": 812.5, "count": 1000, ..., "unit": "ps" },  // fields in order, then unit
 *         "iotlb.hit-ratio.series": { "mean": 0.9, "samples": 2, "unit": "ratio",
 *                                     "t": [ 1000, 2000 ], "v": [ 0.9, 0.9 ] } } } ] } ],
 *   "statistics": {                                                    // catalogue, sorted by name
 *     "dma.completed": { "kind": "counter", "unit": "dmas", "description": "DMAs completed" } } }
 * }</pre>
 *
 * <ul>
 *   <li>A counter or derived statistic whose only field is {@code value} is a bare number; any
 *       other statistic is an object of its fields in their fixed order (the first is the
 *       primary value), then {@code unit}, then for a time series {@code t} (picoseconds) and
 *       {@code v} (values). Field names {@code unit}, {@code t} and {@code v} are reserved.</li>
 *   <li>{@code seed} of a replication is the master seed its streams derive from; with
 *       {@code index} (the substream) it reproduces the replication.</li>
 *   <li>{@code statistics} gives kind ({@code counter}, {@code tally}, {@code histogram},
 *       {@code time_weighted}, {@code time_series}, {@code derived}), unit and description of
 *       every statistic in any replication, so a reader rebuilds the model from the file
 *       alone.</li>
 *   <li>Numbers: shortest text that reads back to the same double, integral values without a
 *       fraction; NaN and infinities are {@code null} (read back as NaN).</li>
 *   <li>Bytes: UTF-8, two-space indent, {@code \n} line ends, a trailing newline; arrays open
 *       on the line of their key. The same document always gives the same bytes.</li>
 * </ul>
 *
 * Reading accepts unknown keys (for forward-compatible additions) but rejects a newer
 * {@code schemaVersion}, duplicate keys and missing or mistyped values, naming the JSON path.
 * Writing files atomically is the caller's business.
 */
public final class ResultsJson {
    static final Set<String> RESERVED_FIELDS = Set.of("unit", "t", "v");

    private ResultsJson() {
    }

    /** The document as {@code stats.json} text. */
    public static String toJson(ResultsDocument doc) {
        StringWriter out = new StringWriter();
        try {
            write(doc, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes the document to {@code out} (not closed). */
    public static void write(ResultsDocument doc, Writer out) throws IOException {
        Map<String, StatInfo> catalogue = doc.statistics();
        JsonFactory factory = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.setPrettyPrinter(prettyPrinter());
            g.writeStartObject();
            g.writeNumberField("schemaVersion", doc.schemaVersion());
            g.writeStringField("scenario", doc.scenario());
            g.writeNumberField("seed", doc.seed());
            if (!doc.complete()) { // written only when false, so a complete run's bytes are unchanged
                g.writeBooleanField("complete", false);
            }
            g.writeArrayFieldStart("variants");
            for (VariantResult v : doc.variants()) {
                writeVariant(g, v);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("statistics");
            for (StatInfo s : catalogue.values()) {
                g.writeObjectFieldStart(s.name());
                g.writeStringField("kind", s.kind().name().toLowerCase(Locale.ROOT));
                g.writeStringField("unit", s.unit());
                g.writeStringField("description", s.description());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    /** Writes the document to {@code file} in UTF-8 (not atomically). */
    public static void write(ResultsDocument doc, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(doc, w);
        }
    }

    /** Parses {@code stats.json} text; see the class comment for what is rejected. */
    public static ResultsDocument fromJson(String json) {
        try {
            return read(new StringReader(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("results JSON is malformed: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a document.
     *
     * @throws IOException if the text is not JSON (Jackson's message gives line and column)
     * @throws IllegalArgumentException if it is JSON but not a results document; the message
     *     names the JSON path, e.g. {@code variants[0].replications[2].stats.walk.latency}
     */
    public static ResultsDocument read(Reader in) throws IOException {
        return ResultsJsonReader.read(in);
    }

    /** Reads a UTF-8 {@code stats.json} file; errors as {@link #read(Reader)}, prefixed with the file name. */
    public static ResultsDocument read(Path file) throws IOException {
        try {
            return ResultsJsonReader.read(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static void writeVariant(JsonGenerator g, VariantResult v) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", v.name());
        g.writeObjectFieldStart("overrides");
        for (Map.Entry<String, String> e : v.overrides().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("summary");
        for (Map.Entry<String, StatSummary> e : v.summary().entrySet()) {
            StatSummary s = e.getValue();
            g.writeObjectFieldStart(e.getKey());
            number(g, "mean", s.mean());
            number(g, "ci95Low", s.ci95Low());
            number(g, "ci95High", s.ci95High());
            g.writeStringField("unit", s.unit());
            g.writeNumberField("n", s.n());
            g.writeEndObject();
        }
        g.writeEndObject();
        if (!v.warnings().isEmpty()) { // only when there are: runs without warnings keep their bytes
            g.writeArrayFieldStart("warnings");
            for (RunWarning w : v.warnings()) {
                g.writeStartObject();
                g.writeStringField("kind", w.kind());
                g.writeStringField("resource", w.resource());
                g.writeStringField("message", w.message());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeArrayFieldStart("replications");
        for (Replication r : v.replications()) {
            g.writeStartObject();
            g.writeNumberField("index", r.index());
            g.writeNumberField("seed", r.seed());
            g.writeNumberField("simulatedTimePs", r.snapshot().simulatedTime());
            g.writeObjectFieldStart("stats");
            for (StatValue s : r.snapshot().values()) {
                writeStat(g, s);
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeStat(JsonGenerator g, StatValue s) throws IOException {
        g.writeFieldName(s.name());
        if (isBare(s)) {
            number(g, s.primary());
            return;
        }
        g.writeStartObject();
        for (Map.Entry<String, Double> f : s.fields().entrySet()) {
            if (RESERVED_FIELDS.contains(f.getKey())) {
                throw new IllegalArgumentException("statistic '" + s.name() + "' has a field named '" + f.getKey()
                        + "', which is reserved in stats.json");
            }
            number(g, f.getKey(), f.getValue());
        }
        g.writeStringField("unit", s.unit());
        if (s.hasSeries() || s.kind() == StatKind.TIME_SERIES) {
            g.writeArrayFieldStart("t");
            for (long t : s.seriesTimes()) {
                g.writeNumber(t);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("v");
            for (double x : s.seriesValues()) {
                number(g, x);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** Whether a statistic is written as a bare number: a counter or derived value with one field, {@code value}. */
    static boolean isBare(StatValue s) {
        return (s.kind() == StatKind.COUNTER
                || s.kind() == StatKind.DERIVED)
                && s.fields().size() == 1 && s.fields().containsKey("value") && !s.hasSeries();
    }

    private static void number(JsonGenerator g, String field, double d) throws IOException {
        g.writeFieldName(field);
        number(g, d);
    }

    private static void number(JsonGenerator g, double d) throws IOException {
        String text = Numbers.exact(d);
        if (text == null) {
            g.writeNull();
        } else {
            g.writeNumber(text);
        }
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(new DefaultIndenter("  ", "\n"));
    }
}

package org.iommusim.core.findings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import org.iommusim.core.results.Numbers;

/**
 * Writes {@code findings.json}:
 *
 * <pre>{@code
 * { "findingsVersion": 2, "scenario": "hw-vs-sw", "significance": 0.05, "minRelativeChange": 0.01,
 *   "findings": [                                           // reading order, see Findings#ranked
 *     { "kind": "difference", "sentence": "software vs hardware: ...",
 *       "statistic": "host.cores.utilisation", "unit": "ratio", "reference": "hardware", ... } ] }
 * }</pre>
 *
 * Each finding is its kind, its sentence and then its {@link Finding#fields()} in their order.
 * Numbers are written as the shortest text that reads back to the same double (NaN and
 * infinities as {@code null}), flags as JSON booleans; two-space indent, {@code \n} line ends, a trailing newline: the
 * same findings always give the same bytes.
 */
public final class FindingsJson {
    /**
     * The version of this layout; bumped on any incompatible change (2: a difference without
     * spread on either side says {@code "deterministic": true} and has {@code p} null, was 0).
     */
    public static final int VERSION = 2;

    private FindingsJson() {
    }

    public static String toJson(Findings findings) {
        StringWriter out = new StringWriter();
        JsonFactory factory = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
        try (JsonGenerator g = factory.createGenerator(out)) {
            DefaultIndenter indent = new DefaultIndenter("  ", "\n");
            g.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(indent).withArrayIndenter(indent));
            g.writeStartObject();
            g.writeNumberField("findingsVersion", VERSION);
            g.writeStringField("scenario", findings.scenario());
            g.writeFieldName("significance");
            g.writeRawValue(Numbers.exact(Welch.ALPHA));
            g.writeFieldName("minRelativeChange");
            g.writeRawValue(Numbers.exact(FindingsEngine.MIN_RELATIVE_CHANGE));
            g.writeArrayFieldStart("findings");
            for (Finding f : findings.ranked()) {
                g.writeStartObject();
                g.writeStringField("kind", f.kind());
                g.writeStringField("sentence", f.sentence());
                for (Map.Entry<String, Object> e : f.fields().entrySet()) {
                    g.writeFieldName(e.getKey());
                    writeValue(g, e.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Number n) {
            String text = Numbers.exact(n.doubleValue());
            if (text == null) {
                g.writeNull();
            } else {
                g.writeRawValue(text);
            }
        } else {
            g.writeString(v.toString());
        }
    }
}

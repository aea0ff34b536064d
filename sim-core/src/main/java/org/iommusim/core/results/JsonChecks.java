package org.iommusim.core.results;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Reading one typed value of {@code stats.json} or failing with a message that names its JSON
 * path and what was expected there ({@code variants[0].replications[1].seed: expected an
 * integer}): from Jackson's token stream (the parser on the value, as {@link StatsJsonStream}
 * and {@link ResultsJsonReader} read the bulky parts) and from small JSON trees (the header, a
 * variant's name, overrides and warnings). Every failure is an {@link IllegalArgumentException};
 * nothing here knows the layout of the file beyond the value it is asked for.
 */
final class JsonChecks {
    private JsonChecks() {
    }

    // ---- the token stream: the parser on the value ----

    /** A number, or null for "no value" (NaN). */
    static double number(JsonParser p, String path) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return Double.NaN;
        }
        if (t == null || !t.isNumeric()) {
            skipValue(p);
            throw new IllegalArgumentException(path + ": expected a number or null");
        }
        return p.getDoubleValue();
    }

    static int integer(JsonParser p, String path) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw new IllegalArgumentException(path + ": expected an integer");
        }
        return p.getIntValue();
    }

    static long longValue(JsonParser p, String path) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new IllegalArgumentException(path + ": expected an integer");
        }
        return p.getLongValue();
    }

    static String text(JsonParser p, String path) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException(path + ": expected a string");
        }
        return p.getText();
    }

    static void expectObject(JsonParser p, String path) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException(path + ": expected an object");
        }
    }

    static void expectArray(JsonParser p, String path) {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException(path + ": expected an array");
        }
    }

    /** Skips the value the parser is on when it is an object or array (a scalar needs no skipping). */
    static void skipValue(JsonParser p) throws IOException {
        if (p.currentToken() != null && p.currentToken().isStructStart()) {
            p.skipChildren();
        }
    }

    /** The key's path; refuses a key seen before in the same object ({@code prior} not null). */
    static String once(Object prior, String path, String key) {
        if (prior != null) {
            throw new IllegalArgumentException(path + ": duplicate key '" + key + "'");
        }
        return path + "." + key;
    }

    /** A value read by streaming that the object must have had. */
    static long required(Long value, String path, String key) {
        if (value == null) {
            throw new IllegalArgumentException(path + "." + key + ": missing");
        }
        return value;
    }

    // ---- small trees: the parent node and the key ----

    static JsonNode expectObject(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(path + ": expected an object");
        }
        return node;
    }

    static JsonNode required(JsonNode parent, String key, String path) {
        JsonNode n = parent.get(key);
        if (n == null) {
            throw new IllegalArgumentException(join(path, key) + ": missing");
        }
        return n;
    }

    static JsonNode object(JsonNode parent, String key, String path) {
        return expectObject(required(parent, key, path), join(path, key));
    }

    static JsonNode array(JsonNode parent, String key, String path) {
        JsonNode n = required(parent, key, path);
        if (!n.isArray()) {
            throw new IllegalArgumentException(join(path, key) + ": expected an array");
        }
        return n;
    }

    static String text(JsonNode parent, String key, String path) {
        JsonNode n = required(parent, key, path);
        if (!n.isTextual()) {
            throw new IllegalArgumentException(join(path, key) + ": expected a string");
        }
        return n.textValue();
    }

    static long longValue(JsonNode parent, String key, String path) {
        JsonNode n = required(parent, key, path);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new IllegalArgumentException(join(path, key) + ": expected an integer");
        }
        return n.longValue();
    }

    static int integer(JsonNode parent, String key, String path) {
        JsonNode n = required(parent, key, path);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new IllegalArgumentException(join(path, key) + ": expected an integer");
        }
        return n.intValue();
    }

    /** {@code path.key}, or {@code key} at the top level ({@code path} empty). */
    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}

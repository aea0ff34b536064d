package org.iommusim.core.results;

import static org.iommusim.core.results.JsonChecks.expectArray;
import static org.iommusim.core.results.JsonChecks.expectObject;
import static org.iommusim.core.results.JsonChecks.integer;
import static org.iommusim.core.results.JsonChecks.number;
import static org.iommusim.core.results.JsonChecks.skipValue;
import static org.iommusim.core.results.JsonChecks.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bulky parts of {@code stats.json} read straight from Jackson's token stream, with no
 * JSON tree in between: a replication's statistics, a variant's summary and the statistics
 * catalogue (about 50,000, 150,000 and 50,000 entries for a thousand devices). Every error
 * names the JSON path ({@link JsonChecks}), with the messages the tree-based reading gave.
 * Repeated unit strings are shared. Not public: used by {@link ResultsJsonReader}.
 */
final class StatsJsonStream {
    private final Map<String, StatInfo> catalogue;
    private final Map<String, String> strings = new HashMap<>();

    StatsJsonStream(Map<String, StatInfo> catalogue) {
        this.catalogue = catalogue;
    }

    /** The catalogue object (parser on its START_OBJECT): name → (kind, unit, description) texts. */
    static List<String[]> catalogue(JsonParser p, String path) throws IOException {
        expectObject(p, path);
        List<String[]> out = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            String here = path + "." + name;
            p.nextToken();
            expectObject(p, here);
            String[] entry = {name, null, null, null};
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                int slot = "kind".equals(key) ? 1 : "unit".equals(key) ? 2 : "description".equals(key) ? 3 : 0;
                if (slot == 0) {
                    p.skipChildren();
                    continue;
                }
                if (entry[slot] != null) {
                    throw new IllegalArgumentException(here + ": duplicate key '" + key + "'");
                }
                entry[slot] = text(p, here + "." + key);
            }
            for (int i = 1; i < entry.length; i++) {
                if (entry[i] == null) {
                    throw new IllegalArgumentException(here + "." + (i == 1 ? "kind" : i == 2 ? "unit" : "description")
                            + ": missing");
                }
            }
            out.add(entry);
        }
        return out;
    }

    /** A variant's {@code summary} object (parser on its START_OBJECT). */
    SummaryTable summary(JsonParser p, String path) throws IOException {
        expectObject(p, path);
        SummaryTable.Builder b = new SummaryTable.Builder(64);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            String here = path + "." + key;
            p.nextToken();
            expectObject(p, here);
            double mean = Double.NaN;
            double low = Double.NaN;
            double high = Double.NaN;
            String unit = null;
            int n = 0;
            int seen = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                int bit = switch (f) {
                    case "mean" -> 1;
                    case "ci95Low" -> 2;
                    case "ci95High" -> 4;
                    case "unit" -> 8;
                    case "n" -> 16;
                    default -> 0;
                };
                if (bit == 0) {
                    p.skipChildren();
                    continue;
                }
                if ((seen & bit) != 0) {
                    throw new IllegalArgumentException(here + ": duplicate key '" + f + "'");
                }
                seen |= bit;
                switch (bit) {
                    case 1 -> mean = number(p, here + ".mean");
                    case 2 -> low = number(p, here + ".ci95Low");
                    case 4 -> high = number(p, here + ".ci95High");
                    case 8 -> unit = shared(text(p, here + ".unit"));
                    default -> n = integer(p, here + ".n");
                }
            }
            String[] order = {"mean", "ci95Low", "ci95High", "unit", "n"};
            for (int i = 0; i < order.length; i++) {
                if ((seen & (1 << i)) == 0) {
                    throw new IllegalArgumentException(here + "." + order[i] + ": missing");
                }
            }
            b.add(key, mean, low, high, unit, n);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    /** A replication's {@code stats} object (parser on its START_OBJECT). */
    List<StatValue> stats(JsonParser p, String path) throws IOException {
        expectObject(p, path);
        List<StatValue> values = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            values.add(stat(p, name, path + "." + name));
        }
        return values;
    }

    private StatValue stat(JsonParser p, String name, String path) throws IOException {
        StatInfo info = catalogue.get(name);
        if (info == null) {
            throw new IllegalArgumentException(path + ": statistic '" + name + "' is missing from 'statistics'");
        }
        StatValue.Builder b = StatValue.builder(name, info.kind(), info.unit(), info.description());
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL || t.isNumeric()) {
            return b.field("value", number(p, path)).build();
        }
        expectObject(p, path);
        boolean unit = false;
        long[] times = null;
        double[] vals = null;
        try {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                switch (f) {
                    case "unit" -> {
                        if (unit) {
                            throw new IllegalArgumentException(path + ": duplicate key 'unit'");
                        }
                        unit = true;
                        String u = p.currentToken().isScalarValue() ? p.getText() : "";
                        skipValue(p);
                        if (!info.unit().equals(u)) {
                            throw new IllegalArgumentException(path + ".unit: '" + u + "' differs from the catalogue's '"
                                    + info.unit() + "'");
                        }
                    }
                    case "t" -> {
                        if (times != null) {
                            throw new IllegalArgumentException(path + ": duplicate key 't'");
                        }
                        times = times(p, path + ".t");
                    }
                    case "v" -> {
                        if (vals != null) {
                            throw new IllegalArgumentException(path + ": duplicate key 'v'");
                        }
                        vals = values(p, path + ".v");
                    }
                    default -> b.field(f, number(p, path + "." + f));
                }
            }
            if (times != null || vals != null) {
                if (times == null || vals == null) {
                    throw new IllegalArgumentException(path + "." + (times == null ? "t" : "v") + ": missing");
                }
                if (times.length != vals.length) {
                    throw new IllegalArgumentException(path + ": 't' has " + times.length + " entries but 'v' has "
                            + vals.length);
                }
                b.series(times, vals);
            }
            return b.build();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private static long[] times(JsonParser p, String path) throws IOException {
        expectArray(p, path);
        long[] out = new long[16];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw new IllegalArgumentException(path + "[" + n + "]: expected an integer (picoseconds)");
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = p.getLongValue();
        }
        return Arrays.copyOf(out, n);
    }

    private static double[] values(JsonParser p, String path) throws IOException {
        expectArray(p, path);
        double[] out = new double[16];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n] = number(p, path + "[" + n + "]");
            n++;
        }
        return Arrays.copyOf(out, n);
    }

    private String shared(String s) {
        String known = strings.putIfAbsent(s, s);
        return known == null ? s : known;
    }
}

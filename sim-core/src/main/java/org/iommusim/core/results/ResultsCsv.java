package org.iommusim.core.results;

import java.util.List;
import java.util.Map;

/**
 * Tidy CSV renderings of a {@link ResultsDocument}, for spreadsheets and data frames.
 *
 * <p>{@link #tidy}: {@code stats.csv}, one row per variant × replication × statistic field,
 * columns {@value #TIDY_HEADER}. {@code value} is the field's value at full precision (as in
 * JSON), empty when NaN or infinite; {@code unit} is the field's unit
 * ({@link StatValue#unitOf}). Time-series samples are not in the CSV (they are in
 * {@code stats.json}); the series' scalar fields are.
 *
 * <p>{@link #summary}: one row per variant × scalar key, columns {@value #SUMMARY_HEADER}.
 *
 * <p>Both: a header row, fields quoted per RFC 4180 only when they contain a comma, a double
 * quote, CR or LF (quotes doubled), {@code \n} line ends (RFC 4180 says CRLF; every CSV reader
 * we target accepts LF, and it keeps files byte-identical across platforms), a final newline.
 */
public final class ResultsCsv {
    public static final String TIDY_HEADER = "variant,replication,seed,statistic,field,value,unit";
    public static final String SUMMARY_HEADER = "variant,statistic,mean,ci95Low,ci95High,unit,n";

    private ResultsCsv() {
    }

    public static String tidy(ResultsDocument doc) {
        StringBuilder out = new StringBuilder(TIDY_HEADER).append('\n');
        for (VariantResult v : doc.variants()) {
            for (Replication r : v.replications()) {
                for (StatValue s : r.snapshot().values()) {
                    for (Map.Entry<String, Double> f : s.fields().entrySet()) {
                        row(out, List.of(v.name(), Integer.toString(r.index()), Long.toString(r.seed()), s.name(),
                                f.getKey(), cell(f.getValue()), s.unitOf(f.getKey())));
                    }
                }
            }
        }
        return out.toString();
    }

    public static String summary(ResultsDocument doc) {
        StringBuilder out = new StringBuilder(SUMMARY_HEADER).append('\n');
        for (VariantResult v : doc.variants()) {
            for (Map.Entry<String, StatSummary> e : v.summary().entrySet()) {
                StatSummary s = e.getValue();
                row(out, List.of(v.name(), e.getKey(), cell(s.mean()), cell(s.ci95Low()), cell(s.ci95High()), s.unit(),
                        Integer.toString(s.n())));
            }
        }
        return out.toString();
    }

    /** One field, quoted if RFC 4180 requires it. */
    public static String quote(String field) {
        boolean needs = false;
        for (int i = 0; i < field.length() && !needs; i++) {
            char c = field.charAt(i);
            needs = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    private static String cell(double d) {
        String s = Numbers.exact(d);
        return s == null ? "" : s;
    }

    private static void row(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(fields.get(i)));
        }
        out.append('\n');
    }
}

package org.iommusim.core.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Aligned plain-text listings for people: {@code stats.txt} and the console summary table.
 * One row per scalar key ({@code name} for a statistic's primary field, {@code name.field}
 * for the others, as in {@link Snapshot#scalars()}); the description is printed on the primary
 * row only. Values are rounded to about four significant digits ({@code -} = no observations);
 * use the JSON or CSV for full precision. Does not wrap long descriptions.
 */
public final class TextListing {
    private TextListing() {
    }

    /**
     * One replication's statistics: columns {@code statistic, value, unit, description}.
     *
     * <pre>
     * statistic           value  unit   description
     * ------------------  -----  -----  ------------------
     * dma.completed        1000  dmas   DMAs completed
     * walk.latency        812.5  ps     Page-walk latency
     * walk.latency.count   1000  count
     * </pre>
     */
    public static String snapshot(Snapshot snapshot) {
        TextTable t = new TextTable(new String[] {"statistic", "value", "unit", "description"},
                new boolean[] {false, true, false, false});
        for (StatValue s : snapshot.values()) {
            boolean first = true;
            for (Map.Entry<String, Double> f : s.fields().entrySet()) {
                t.row(first ? s.name() : s.name() + "." + f.getKey(), Numbers.human(f.getValue()),
                        s.unitOf(f.getKey()), first ? s.description() : "");
                first = false;
            }
        }
        return t.render();
    }

    /** {@link #summaries(ResultsDocument, Predicate)} with every key. */
    public static String summaries(ResultsDocument doc) {
        return summaries(doc, key -> true) + warnings(doc);
    }

    /** "" when no variant raised a warning; else a {@code warnings} section, one line per warning. */
    public static String warnings(ResultsDocument doc) {
        StringBuilder b = new StringBuilder();
        for (VariantResult v : doc.variants()) {
            for (RunWarning w : v.warnings()) {
                b.append(b.length() == 0 ? "\nwarnings\n" : "").append("  ").append(w.kind()).append(' ')
                        .append(w.resource()).append(": ").append(w.message()).append('\n');
            }
        }
        return b.toString();
    }

    /**
     * The variants side by side: a two-line preamble (scenario, seed, replications per
     * variant), then columns {@code statistic, unit}, for each variant its mean and the
     * half-width of the 95% confidence interval ({@code +/-}, with {@code (n=k)} when only k of
     * the variant's replications had a value), and {@code description}. Rows are the scalar
     * keys accepted by {@code keys}, in the order they first appear across the variants.
     */
    public static String summaries(ResultsDocument doc, Predicate<String> keys) {
        List<VariantResult> variants = doc.variants();
        Map<String, StatInfo> catalogue = doc.statistics();
        Map<String, String> units = new LinkedHashMap<>();
        for (VariantResult v : variants) {
            for (Map.Entry<String, StatSummary> e : v.summary().entrySet()) {
                if (keys.test(e.getKey())) {
                    units.putIfAbsent(e.getKey(), e.getValue().unit());
                }
            }
        }
        String[] header = new String[3 + 2 * variants.size()];
        boolean[] right = new boolean[header.length];
        header[0] = "statistic";
        header[1] = "unit";
        StringBuilder counts = new StringBuilder();
        for (int i = 0; i < variants.size(); i++) {
            header[2 + 2 * i] = variants.get(i).name();
            header[3 + 2 * i] = "+/-";
            right[2 + 2 * i] = true;
            right[3 + 2 * i] = true;
            counts.append(i == 0 ? "" : ", ").append(variants.get(i).name()).append(": ")
                    .append(variants.get(i).replications().size());
        }
        header[header.length - 1] = "description";
        TextTable t = new TextTable(header, right);
        for (Map.Entry<String, String> k : units.entrySet()) {
            String[] row = new String[header.length];
            row[0] = k.getKey();
            row[1] = k.getValue();
            for (int i = 0; i < variants.size(); i++) {
                VariantResult v = variants.get(i);
                StatSummary s = v.summary().get(k.getKey());
                row[2 + 2 * i] = s == null ? "" : Numbers.human(s.mean());
                row[3 + 2 * i] = s == null ? "" : halfWidth(s, v.replications().size());
            }
            StatInfo info = catalogue.get(k.getKey());
            row[header.length - 1] = info == null ? "" : info.description();
            t.row(row);
        }
        return "scenario " + doc.scenario() + ", master seed " + doc.seed() + "; replications per variant: " + counts
                + "\n+/- is the half-width of the 95% confidence interval of the mean (Student t)\n\n" + t.render();
    }

    private static String halfWidth(StatSummary s, int replications) {
        String hw = Double.isNaN(s.halfWidth()) ? "" : Numbers.human(s.halfWidth());
        String n = s.n() < replications ? "(n=" + s.n() + ")" : "";
        return (hw + " " + n).strip();
    }
}

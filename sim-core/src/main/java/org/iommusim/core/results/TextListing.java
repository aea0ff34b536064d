package org.iommusim.core.results;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.commons.text.WordUtils;

/**
 * Aligned plain-text listings for people: {@code stats.txt} and the console summary. Every line
 * fits {@link #WIDTH} columns. Values are shown in a human unit chosen per statistic so that all
 * of a statistic's figures share one unit ({@link DisplayUnit}: ns/µs/ms, GB/s, %, counts with
 * thousands separators) and rounded to about four significant digits ({@code -} = no
 * observations); {@code stats.json} and {@code stats.csv} keep the exact base units.
 *
 * <ul>
 *   <li>Few variants: side by side ({@code statistic, unit, <variant>, +/-, ...}).</li>
 *   <li>Too many to fit: long format, one row per statistic × variant
 *       ({@code statistic, variant, mean, +/-, unit}).</li>
 *   <li>Statistics that are zero or never observed in every variant are not tabulated; their
 *       names follow the table, with a count.</li>
 * </ul>
 *
 * <p>This class composes the listings and keeps every line within {@link #WIDTH} (wrapping,
 * fitting); {@link VariantTables} lays out the statistics × variants tables and
 * {@link PointsTable} the console's one-row-per-variant table.
 */
public final class TextListing {
    /** The widest line any listing prints. */
    public static final int WIDTH = 120;
    private static final String INDENT = "    ";

    private TextListing() {
    }

    /**
     * One replication's statistics: columns {@code statistic, value, unit}, each statistic's
     * fields in its own display unit, then the descriptions.
     */
    public static String snapshot(Snapshot snapshot) {
        TextTable t = new TextTable(new String[] {"statistic", "value", "unit"}, new boolean[] {false, true, false});
        StringBuilder descriptions = new StringBuilder();
        for (StatValue s : snapshot.values()) {
            DisplayUnit statUnit = DisplayUnit.of(s.unit(), scalarsIn(s, s.unit()));
            DisplayUnit countUnit = DisplayUnit.of("count", 0);
            boolean first = true;
            for (Map.Entry<String, Double> f : s.fields().entrySet()) {
                DisplayUnit du = "count".equals(s.unitOf(f.getKey())) && !"count".equals(s.unit()) ? countUnit : statUnit;
                t.row(first ? s.name() : s.name() + "." + f.getKey(), Numbers.display(du.apply(f.getValue())), du.label());
                first = false;
            }
            descriptions.append(wrap(s.name() + ": " + s.description()));
        }
        return t.render() + "\n" + descriptions;
    }

    /** {@code stats.txt}: every scalar key of every variant, the descriptions, then the run's warnings. */
    public static String summaries(ResultsDocument doc) {
        return summaries(doc, key -> true) + warnings(doc);
    }

    /**
     * "" when no variant raised a warning; else a {@code warnings} section, one line per warning
     * (wrapped at {@link #WIDTH}).
     */
    public static String warnings(ResultsDocument doc) {
        StringBuilder b = new StringBuilder();
        for (VariantResult v : doc.variants()) {
            for (RunWarning w : v.warnings()) {
                // the message names the variant; a line past WIDTH is wrapped like every other
                String line = "  " + w.kind() + " " + w.resource() + ": " + w.message();
                b.append(b.length() == 0 ? "\nwarnings\n" : "").append(fit(line)).append('\n');
            }
        }
        return b.toString();
    }

    /**
     * The scalar keys accepted by {@code keys}, in the order they first appear across the
     * variants: a preamble (scenario, seed, replications), the table (side by side when it fits,
     * else long format), the zero or unobserved statistics by name, then the description of
     * every tabulated statistic.
     */
    public static String summaries(ResultsDocument doc, Predicate<String> keys) {
        VariantTables.Rows rows = VariantTables.Rows.of(doc, keys);
        StringBuilder out = new StringBuilder(preamble(doc));
        String wide = VariantTables.wide(doc, rows.shown(), false);
        out.append(fits(wide) ? wide : VariantTables.long_(doc, rows.shown()));
        out.append(zeros(rows.zero(), true));
        StringBuilder descriptions = new StringBuilder();
        Map<String, StatInfo> catalogue = doc.statistics();
        for (VariantTables.Row r : rows.shown()) {
            StatInfo info = catalogue.get(r.key());
            if (info != null && !info.description().isEmpty()) {
                descriptions.append(wrap(r.key() + ": " + info.description()));
            }
        }
        if (descriptions.length() > 0) {
            out.append("\ndescriptions\n").append(descriptions);
        }
        return out.toString();
    }

    /**
     * The console summary of the statistics {@code keys} (in that order of priority): side by side
     * with (cut) descriptions when the variants fit, otherwise one row per variant with as many
     * statistics as columns as fit {@link #WIDTH}, most important first; then the zero ones by name.
     */
    public static String headline(ResultsDocument doc, List<String> keys) {
        VariantTables.Rows rows = VariantTables.Rows.of(doc, keys::contains);
        rows.shown().sort((a, b) -> Integer.compare(keys.indexOf(a.key()), keys.indexOf(b.key())));
        StringBuilder out = new StringBuilder(preamble(doc));
        String wide = VariantTables.wide(doc, rows.shown(), true);
        out.append(fits(wide) ? wide : PointsTable.render(doc, rows.shown()));
        out.append(zeros(rows.zero(), false));
        return out.toString();
    }

    private static String preamble(ResultsDocument doc) {
        List<VariantResult> variants = doc.variants();
        StringBuilder counts = new StringBuilder();
        boolean same = variants.stream().map(v -> v.replications().size()).distinct().count() <= 1;
        if (same) {
            int n = variants.isEmpty() ? 0 : variants.get(0).replications().size();
            counts.append(variants.size() == 1 ? "1 variant, " : variants.size() + " variants, ").append(n)
                    .append(n == 1 ? " replication" : " replications").append(variants.size() == 1 ? "" : " each");
        } else {
            counts.append("replications per variant: ");
            for (int i = 0; i < variants.size(); i++) {
                counts.append(i == 0 ? "" : ", ").append(variants.get(i).name()).append(": ")
                        .append(variants.get(i).replications().size());
            }
        }
        return wrap("scenario " + doc.scenario() + ", master seed " + doc.seed() + "; " + counts)
                + wrap("+/- is the half-width of the 95% confidence interval of the mean (Student t); (n=k): only k"
                        + " replications observed it") + "\n";
    }

    private static String zeros(List<String> zero, boolean names) {
        if (zero.isEmpty()) {
            return "";
        }
        String head = zero.size() + (zero.size() == 1 ? " statistic was" : " statistics were")
                + " zero or never observed in every variant";
        return "\n" + wrap(head + (names || zero.size() <= 6 ? ": " + String.join(", ", zero) : " (see stats.txt)"));
    }

    static boolean fits(String text) {
        return maxWidth(text) <= WIDTH;
    }

    static int maxWidth(String text) {
        return text.lines().mapToInt(l -> l.codePointCount(0, l.length())).max().orElse(0);
    }

    /** {@code text} with every line longer than {@link #WIDTH} wrapped (continuations indented). */
    public static String fit(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            if (line.codePointCount(0, line.length()) <= WIDTH) {
                out.append(line);
            } else {
                int lead = line.length() - line.stripLeading().length();
                String indent = line.substring(0, lead);
                out.append(indent).append(WordUtils.wrap(line.strip(), WIDTH - lead - INDENT.length(),
                        "\n" + indent + INDENT, true));
            }
        }
        return out.toString();
    }

    /** {@code text} wrapped at {@link #WIDTH}, continuation lines indented, ending in a newline. */
    static String wrap(String text) {
        return WordUtils.wrap(text, WIDTH - INDENT.length(), "\n" + INDENT, true) + "\n";
    }

    private static double[] scalarsIn(StatValue s, String unit) {
        return s.fields().entrySet().stream().filter(f -> s.unitOf(f.getKey()).equals(unit))
                .mapToDouble(Map.Entry::getValue).toArray();
    }
}

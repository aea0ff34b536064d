package org.iommusim.core.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 */
public final class TextListing {
    /** The widest line any listing prints. */
    public static final int WIDTH = 120;
    /** A description column narrower than this is left out rather than cut to nothing. */
    private static final int MIN_DESCRIPTION = 24;
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
        Rows rows = Rows.of(doc, keys);
        StringBuilder out = new StringBuilder(preamble(doc));
        String wide = wide(doc, rows.shown, false);
        out.append(fits(wide) ? wide : long_(doc, rows.shown));
        out.append(zeros(rows.zero, true));
        StringBuilder descriptions = new StringBuilder();
        Map<String, StatInfo> catalogue = doc.statistics();
        for (Row r : rows.shown) {
            StatInfo info = catalogue.get(r.key);
            if (info != null && !info.description().isEmpty()) {
                descriptions.append(wrap(r.key + ": " + info.description()));
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
        Rows rows = Rows.of(doc, keys::contains);
        rows.shown.sort((a, b) -> Integer.compare(keys.indexOf(a.key), keys.indexOf(b.key)));
        StringBuilder out = new StringBuilder(preamble(doc));
        String wide = wide(doc, rows.shown, true);
        out.append(fits(wide) ? wide : PointsTable.render(doc, rows.shown));
        out.append(zeros(rows.zero, false));
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

    private static String wide(ResultsDocument doc, List<Row> rows, boolean withDescriptions) {
        List<VariantResult> variants = doc.variants();
        int cols = 2 + 2 * variants.size();
        String[] header = new String[cols];
        boolean[] right = new boolean[cols];
        header[0] = "statistic";
        header[1] = "unit";
        for (int i = 0; i < variants.size(); i++) {
            header[2 + 2 * i] = variants.get(i).name();
            header[3 + 2 * i] = "+/-";
            right[2 + 2 * i] = true;
            right[3 + 2 * i] = true;
        }
        TextTable t = new TextTable(header, right);
        for (Row r : rows) {
            String[] row = new String[cols];
            row[0] = r.key;
            row[1] = r.unit.label();
            for (int i = 0; i < variants.size(); i++) {
                StatSummary s = r.values.get(i);
                row[2 + 2 * i] = s == null ? "" : Numbers.display(r.unit.apply(s.mean()));
                row[3 + 2 * i] = s == null ? "" : halfWidth(s, r.unit, variants.get(i).replications().size());
            }
            t.row(row);
        }
        String table = t.render();
        if (!withDescriptions || !fits(table)) {
            return table;
        }
        int room = WIDTH - maxWidth(table) - 2;
        if (room < MIN_DESCRIPTION) {
            return table;
        }
        Map<String, StatInfo> catalogue = doc.statistics();
        String[] lines = table.split("\n");
        StringBuilder out = new StringBuilder();
        int width = maxWidth(table);
        for (int i = 0; i < lines.length; i++) {
            String d = i == 0 ? "description" : i == 1 ? "-".repeat(room) : describe(catalogue, rows.get(i - 2));
            String cut = d.length() > room ? d.substring(0, room - 1).stripTrailing() + "…" : d;
            out.append(d.isEmpty() ? lines[i] : pad(lines[i], width) + "  " + cut).append('\n');
        }
        return out.toString();
    }

    /**
     * One row per statistic × variant, the statistic named on its first row; when long names and
     * long variant names together pass {@link #WIDTH}, each statistic's name is a line of its own
     * above its (indented) variant rows instead.
     */
    private static String long_(ResultsDocument doc, List<Row> rows) {
        String side = longTable(doc, rows, true);
        return fits(side) ? side : longTable(doc, rows, false);
    }

    private static String longTable(ResultsDocument doc, List<Row> rows, boolean nameColumn) {
        String[] header = nameColumn ? new String[] {"statistic", "variant", "mean", "+/-", "unit"}
                : new String[] {"statistic / variant", "mean", "+/-", "unit"};
        boolean[] right = nameColumn ? new boolean[] {false, false, true, true, false}
                : new boolean[] {false, true, true, false};
        TextTable t = new TextTable(header, right);
        List<VariantResult> variants = doc.variants();
        for (Row r : rows) {
            boolean first = true;
            for (int i = 0; i < variants.size(); i++) {
                StatSummary s = r.values.get(i);
                if (s == null) {
                    continue;
                }
                String mean = Numbers.display(r.unit.apply(s.mean()));
                String hw = halfWidth(s, r.unit, variants.get(i).replications().size());
                if (nameColumn) {
                    t.row(first ? r.key : "", variants.get(i).name(), mean, hw, r.unit.label());
                } else {
                    if (first) {
                        t.row(r.key, "", "", "");
                    }
                    t.row("  " + variants.get(i).name(), mean, hw, r.unit.label());
                }
                first = false;
            }
        }
        return t.render();
    }

    private static String zeros(List<String> zero, boolean names) {
        if (zero.isEmpty()) {
            return "";
        }
        String head = zero.size() + (zero.size() == 1 ? " statistic was" : " statistics were")
                + " zero or never observed in every variant";
        return "\n" + wrap(head + (names || zero.size() <= 6 ? ": " + String.join(", ", zero) : " (see stats.txt)"));
    }

    static String halfWidth(StatSummary s, DisplayUnit du, int replications) {
        String hw = Double.isNaN(s.halfWidth()) ? "" : Numbers.displayError(du.apply(s.halfWidth()));
        String n = s.n() < replications ? "(n=" + s.n() + ")" : "";
        return (hw + " " + n).strip();
    }

    private static String describe(Map<String, StatInfo> catalogue, Row r) {
        StatInfo info = catalogue.get(r.key);
        return info == null ? "" : info.description();
    }

    static boolean fits(String text) {
        return maxWidth(text) <= WIDTH;
    }

    private static int maxWidth(String text) {
        return text.lines().mapToInt(l -> l.codePointCount(0, l.length())).max().orElse(0);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.codePointCount(0, s.length())));
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

    /** One scalar key: its display unit and each variant's summary (null when absent). */
    record Row(String key, DisplayUnit unit, List<StatSummary> values) {
        boolean zero() {
            return values.stream().allMatch(s -> s == null || (s.mean() == 0 || Double.isNaN(s.mean()))
                    && (s.halfWidth() == 0 || Double.isNaN(s.halfWidth())));
        }
    }

    /** The accepted keys split into those to tabulate and those zero or unobserved everywhere. */
    private record Rows(List<Row> shown, List<String> zero) {
        static Rows of(ResultsDocument doc, Predicate<String> keys) {
            Map<String, String> units = new LinkedHashMap<>();
            for (VariantResult v : doc.variants()) {
                for (Map.Entry<String, StatSummary> e : v.summary().entrySet()) {
                    if (keys.test(e.getKey())) {
                        units.putIfAbsent(e.getKey(), e.getValue().unit());
                    }
                }
            }
            List<Row> shown = new ArrayList<>();
            List<String> zero = new ArrayList<>();
            for (Map.Entry<String, String> k : units.entrySet()) {
                List<StatSummary> values = new ArrayList<>();
                double max = 0;
                for (VariantResult v : doc.variants()) {
                    StatSummary s = v.summary().get(k.getKey());
                    values.add(s);
                    if (s != null && Double.isFinite(s.mean())) {
                        max = Math.max(max, Math.abs(s.mean()));
                    }
                }
                Row r = new Row(k.getKey(), DisplayUnit.of(k.getValue(), max), values);
                if (r.zero()) {
                    zero.add(r.key);
                } else {
                    shown.add(r);
                }
            }
            return new Rows(shown, zero);
        }
    }
}

package org.iommusim.core.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The tables of statistics × variants that {@link TextListing} prints: which statistics get a
 * row ({@link Rows}: the accepted keys, each in one display unit across the variants, apart from
 * those zero or never observed everywhere), the side-by-side table (a mean and a {@code +/-}
 * column per variant, optionally with each statistic's description cut to the room left within
 * {@link TextListing#WIDTH}) and the long table (one row per statistic × variant) for runs with
 * too many variants to stand side by side. Which table a listing prints is {@link TextListing}'s
 * choice.
 */
final class VariantTables {
    /** A description column narrower than this is left out rather than cut to nothing. */
    private static final int MIN_DESCRIPTION = 24;

    private VariantTables() {
    }

    /** The variants side by side; with descriptions when asked and there is room for them. */
    static String wide(ResultsDocument doc, List<Row> rows, boolean withDescriptions) {
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
        if (!withDescriptions || !TextListing.fits(table)) {
            return table;
        }
        int room = TextListing.WIDTH - TextListing.maxWidth(table) - 2;
        if (room < MIN_DESCRIPTION) {
            return table;
        }
        Map<String, StatInfo> catalogue = doc.statistics();
        String[] lines = table.split("\n");
        StringBuilder out = new StringBuilder();
        int width = TextListing.maxWidth(table);
        for (int i = 0; i < lines.length; i++) {
            String d = i == 0 ? "description" : i == 1 ? "-".repeat(room) : describe(catalogue, rows.get(i - 2));
            String cut = d.length() > room ? d.substring(0, room - 1).stripTrailing() + "…" : d;
            out.append(d.isEmpty() ? lines[i] : pad(lines[i], width) + "  " + cut).append('\n');
        }
        return out.toString();
    }

    /**
     * One row per statistic × variant, the statistic named on its first row; when long names and
     * long variant names together pass {@link TextListing#WIDTH}, each statistic's name is a line
     * of its own above its (indented) variant rows instead.
     */
    static String long_(ResultsDocument doc, List<Row> rows) {
        String side = longTable(doc, rows, true);
        return TextListing.fits(side) ? side : longTable(doc, rows, false);
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

    /** The {@code +/-} cell: the half-width in the row's unit; {@code (n=k)} when only k replications saw it. */
    static String halfWidth(StatSummary s, DisplayUnit du, int replications) {
        String hw = Double.isNaN(s.halfWidth()) ? "" : Numbers.displayError(du.apply(s.halfWidth()));
        String n = s.n() < replications ? "(n=" + s.n() + ")" : "";
        return (hw + " " + n).strip();
    }

    private static String describe(Map<String, StatInfo> catalogue, Row r) {
        StatInfo info = catalogue.get(r.key);
        return info == null ? "" : info.description();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.codePointCount(0, s.length())));
    }

    /** One scalar key: its display unit and each variant's summary (null when absent). */
    record Row(String key, DisplayUnit unit, List<StatSummary> values) {
        boolean zero() {
            return values.stream().allMatch(s -> s == null || (s.mean() == 0 || Double.isNaN(s.mean()))
                    && (s.halfWidth() == 0 || Double.isNaN(s.halfWidth())));
        }
    }

    /** The accepted keys split into those to tabulate and those zero or unobserved everywhere. */
    record Rows(List<Row> shown, List<String> zero) {
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

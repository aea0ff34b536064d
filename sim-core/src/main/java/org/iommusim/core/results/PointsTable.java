package org.iommusim.core.results;

import java.util.ArrayList;
import java.util.List;

/**
 * The long-format console summary of a sweep or of many variants: one row per variant (sweep
 * point), one column per headline statistic ({@code mean ±half-width}, the unit in the column
 * header), as many statistics as fit {@link TextListing#WIDTH} columns in the order given; the
 * statistics left out are named below the table.
 */
final class PointsTable {
    private PointsTable() {
    }

    static String render(ResultsDocument doc, List<VariantTables.Row> rows) {
        List<VariantResult> variants = doc.variants();
        List<VariantTables.Row> chosen = new ArrayList<>();
        List<String> left = new ArrayList<>();
        String table = table(variants, chosen);
        for (VariantTables.Row r : rows) {
            chosen.add(r);
            String next = table(variants, chosen);
            if (TextListing.fits(next)) {
                table = next;
            } else {
                chosen.remove(chosen.size() - 1);
                left.add(r.key());
            }
        }
        if (left.isEmpty()) {
            return table;
        }
        return table + "\n" + TextListing.wrap("not shown here (see stats.txt): " + String.join(", ", left));
    }

    private static String table(List<VariantResult> variants, List<VariantTables.Row> rows) {
        String[] header = new String[1 + rows.size()];
        boolean[] right = new boolean[header.length];
        header[0] = "variant";
        for (int c = 0; c < rows.size(); c++) {
            VariantTables.Row r = rows.get(c);
            String key = r.key().startsWith("run.") ? r.key().substring(4) : r.key();
            header[1 + c] = key + " (" + r.unit().label() + ")";
            right[1 + c] = true;
        }
        TextTable t = new TextTable(header, right);
        for (int i = 0; i < variants.size(); i++) {
            String[] row = new String[header.length];
            row[0] = variants.get(i).name();
            for (int c = 0; c < rows.size(); c++) {
                VariantTables.Row r = rows.get(c);
                StatSummary s = r.values().get(i);
                if (s == null) {
                    row[1 + c] = "";
                    continue;
                }
                String hw = VariantTables.halfWidth(s, r.unit(), variants.get(i).replications().size());
                row[1 + c] = Numbers.display(r.unit().apply(s.mean())) + (hw.isEmpty() ? "" : hw.startsWith("(") ? " " + hw : " ±" + hw);
            }
            t.row(row);
        }
        return t.render();
    }
}

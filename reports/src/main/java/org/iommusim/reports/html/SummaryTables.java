package org.iommusim.reports.html;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.StatSummary;
import org.iommusim.core.results.VariantResult;
import org.iommusim.core.results.DisplayUnit;
import org.iommusim.reports.charts.KeyMetric;

/**
 * The report's tables, variants side by side: the overrides that define each variant, the
 * headline metrics ({@link KeyMetric#ALL}) and, collapsed, every summarised scalar. A cell is
 * the mean over replications with its 95% confidence interval beneath, in a unit chosen per row
 * (picoseconds as ns/µs, bytes/s as MB/s/GB/s); "–" when a variant lacks the value.
 */
final class SummaryTables {
    private SummaryTables() {
    }

    static void write(Html h, ResultsDocument doc) {
        List<VariantResult> vs = doc.variants();
        h.raw("<section id=\"summary\">\n<h2>Summary</h2>\n");
        overrides(h, vs);
        h.raw("<h3>Headline metrics</h3>\n");
        List<Row> headline = new ArrayList<>();
        for (KeyMetric m : KeyMetric.ALL) {
            if (vs.stream().anyMatch(v -> m.of(v).isPresent())) {
                headline.add(new Row(m.label(), m.key(), m::of));
            }
        }
        if (headline.isEmpty()) {
            h.element("p", "None of the headline statistics is in these results.").nl();
        } else {
            table(h, vs, headline);
        }
        Set<String> keys = new LinkedHashSet<>();
        vs.forEach(v -> keys.addAll(v.summary().keySet()));
        List<Row> all = new ArrayList<>();
        for (String k : keys) {
            all.add(new Row(k, k, v -> Optional.ofNullable(v.summary().get(k))));
        }
        h.raw("<details><summary>").text("All statistics (" + all.size() + " values, mean and 95% CI over"
                + " replications)").raw("</summary>\n");
        table(h, vs, all);
        h.raw("</details>\n</section>\n");
    }

    private record Row(String label, String key, Function<VariantResult, Optional<StatSummary>> value) {
    }

    private static void overrides(Html h, List<VariantResult> vs) {
        Set<String> keys = new LinkedHashSet<>();
        vs.forEach(v -> keys.addAll(v.overrides().keySet()));
        if (keys.isEmpty()) {
            return;
        }
        h.raw("<h3>Variants</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>variant</th>");
        keys.forEach(k -> h.raw("<th>").text(k).raw("</th>"));
        h.raw("</tr></thead>\n<tbody>\n");
        for (VariantResult v : vs) {
            h.raw("<tr><th>").text(v.name()).raw("</th>");
            keys.forEach(k -> h.raw("<td>").text(v.overrides().getOrDefault(k, "")).raw("</td>"));
            h.raw("</tr>\n");
        }
        h.raw("</tbody></table></div>\n");
    }

    private static void table(Html h, List<VariantResult> vs, List<Row> rows) {
        h.raw("<div class=\"scroll\"><table class=\"summary\">\n<thead><tr><th>statistic</th><th>unit</th>");
        vs.forEach(v -> h.raw("<th>").text(v.name()).raw("</th>"));
        h.raw("</tr></thead>\n<tbody>\n");
        for (Row r : rows) {
            double max = 0;
            String unit = "";
            for (VariantResult v : vs) {
                Optional<StatSummary> s = r.value().apply(v);
                if (s.isPresent() && Double.isFinite(s.get().mean())) {
                    max = Math.max(max, Math.abs(s.get().mean()));
                    unit = s.get().unit();
                }
            }
            DisplayUnit du = DisplayUnit.of(unit, max);
            h.raw("<tr><th title=\"").text(r.key()).raw("\">").text(r.label()).raw("</th><td>").text(du.label())
                    .raw("</td>");
            for (VariantResult v : vs) {
                Optional<StatSummary> s = r.value().apply(v);
                h.raw("<td class=\"num\">");
                if (s.isPresent()) {
                    StatSummary x = s.get();
                    h.text(Html.number(du.apply(x.mean())));
                    if (Double.isFinite(x.ci95Low()) && Double.isFinite(x.ci95High())) {
                        h.raw("<br><small>[").text(Html.number(du.apply(x.ci95Low()))).raw(", ")
                                .text(Html.number(du.apply(x.ci95High()))).raw("]</small>");
                    }
                } else {
                    h.text("–");
                }
                h.raw("</td>");
            }
            h.raw("</tr>\n");
        }
        h.raw("</tbody></table></div>\n");
    }
}

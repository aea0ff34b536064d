package org.iommusim.reports.html;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.iommusim.core.results.DisplayUnit;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.StatSummary;
import org.iommusim.core.results.VariantResult;
import org.iommusim.reports.charts.DeviceCharts;
import org.iommusim.reports.charts.KeyMetric;
import org.iommusim.reports.io.MergedHistograms;

/**
 * The report's tables as template models, variants side by side: the overrides that define each
 * variant, the headline metrics ({@link KeyMetric#ALL}) and every summarised scalar (per-device
 * values only for the devices the charts show when there are many). A cell is the mean over
 * replications with its 95% confidence interval beneath, in a unit chosen per row
 * ({@link DisplayUnit}); "–" when a variant lacks the value. Intervals of statistics whose means
 * are all non-negative are clipped at zero, as in the charts, and the table's note says so.
 */
final class SummaryTables {
    private SummaryTables() {
    }

    /** A statistics table: variant names, and rows of cells. */
    public record Table(String title, List<String> variants, List<Row> rows) {
        /** Says which confidence intervals were clipped at zero; null when none was. */
        public String note() {
            long clipped = rows.stream().filter(Row::clipped).count();
            if (clipped == 0) {
                return null;
            }
            return "Confidence intervals are clipped at zero (in " + clipped + (clipped == 1 ? " row" : " rows")
                    + "): these statistics are times, sizes, counts, rates or ratios, which cannot be negative, while"
                    + " the Student-t interval of a few replications can reach below zero. The charts do the same.";
        }
    }

    /**
     * One statistic: label, key, display unit, a cell per variant, and whether a cell's confidence
     * interval was clipped at zero.
     */
    public record Row(String label, String key, String unit, List<Cell> cells, boolean clipped) {
        Row(String label, String key, String unit, List<Cell> cells) {
            this(label, key, unit, cells, false);
        }
    }

    /** A mean and its confidence interval ({@code [low, high]}), both in the row's unit; ci is null when unknown. */
    public record Cell(String mean, String ci) {
    }

    /** The variants' overrides: one column per overridden key. */
    public record Variants(List<String> keys, List<VariantRow> rows) {
    }

    public record VariantRow(String name, List<String> cells) {
    }

    /** The overrides table, or null when no variant overrides anything. */
    static Variants variants(ResultsDocument doc) {
        Set<String> keys = new LinkedHashSet<>();
        doc.variants().forEach(v -> keys.addAll(v.overrides().keySet()));
        if (keys.isEmpty()) {
            return null;
        }
        List<VariantRow> rows = new ArrayList<>();
        for (VariantResult v : doc.variants()) {
            rows.add(new VariantRow(v.name(), keys.stream().map(k -> v.overrides().getOrDefault(k, "")).toList()));
        }
        return new Variants(List.copyOf(keys), rows);
    }

    /** The headline metrics table, or null when the results have none of them. */
    static Table headline(ResultsDocument doc) {
        List<VariantResult> vs = doc.variants();
        List<Row> rows = new ArrayList<>();
        for (KeyMetric m : KeyMetric.ALL) {
            if (vs.stream().anyMatch(v -> m.of(v).isPresent())) {
                rows.add(row(vs, m.label(), m.key(), m::of));
            }
        }
        return rows.isEmpty() ? null : new Table("Headline metrics", names(vs), rows);
    }

    /** Every summarised scalar, per-device keys folded to the devices the report draws. */
    static Table all(ResultsDocument doc) {
        List<VariantResult> vs = doc.variants();
        Set<String> keys = new LinkedHashSet<>();
        vs.forEach(v -> keys.addAll(v.summary().keySet()));
        Set<String> devices = DeviceCharts.devices(doc).keySet();
        Set<String> shown = new LinkedHashSet<>(DeviceCharts.tabulated(doc));
        // per-requester-id keys (iommu.device<N>.*, iommu.atc.device<N>.*) fold the same way
        Set<String> requesters = new LinkedHashSet<>();
        keys.forEach(k -> requester(k).ifPresent(requesters::add));
        boolean foldRequesters = requesters.size() > DeviceCharts.MAX_DEVICE_CHARTS;
        List<Row> rows = new ArrayList<>();
        int folded = 0;
        for (String k : keys) {
            String device = deviceOf(k, devices);
            if (device != null && !shown.contains(device) || foldRequesters && requester(k).isPresent()) {
                folded++;
                continue;
            }
            rows.add(row(vs, k, k, v -> Optional.ofNullable(v.summary().get(k))));
        }
        List<String> whose = new ArrayList<>();
        if (shown.size() < devices.size()) {
            whose.add("devices other than " + String.join(", ", shown));
        }
        if (foldRequesters) {
            whose.add("the " + String.format("%,d", requesters.size()) + " requester ids");
        }
        String more = folded == 0 ? "" : "; " + String.format("%,d", folded) + " values of "
                + String.join(" and ", whose) + " are in stats.txt and stats.csv";
        String title = "All statistics (" + rows.size() + " values, mean and 95% CI over replications" + more + ")";
        return new Table(title, names(vs), rows);
    }

    /**
     * For the run-wide latency histograms: p50, p99 and p99.9 of each variant's merged histogram
     * (all replications' values pooled) beside the mean of the per-replication percentiles that
     * stats.json summarises; null when the folder has no merged histograms.
     */
    static Table percentiles(ResultsDocument doc, MergedHistograms histograms) {
        List<VariantResult> vs = doc.variants();
        List<Row> rows = new ArrayList<>();
        for (String stat : List.of("run.translation-latency", "run.dma-latency")) {
            for (String[] p : new String[][] {{"p50", "50"}, {"p99", "99"}, {"p999", "99.9"}}) {
                double level = Double.parseDouble(p[1]);
                List<Optional<Double>> merged = new ArrayList<>();
                for (int i = 0; i < vs.size(); i++) {
                    merged.add(histograms.of(i, stat).map(h -> (double) h.getValueAtPercentile(level)));
                }
                if (merged.stream().noneMatch(Optional::isPresent)) {
                    continue;
                }
                String key = stat + "." + p[0];
                Row mean = row(vs, stat + " " + p[0] + ", mean of replications", key,
                        v -> Optional.ofNullable(v.summary().get(key)));
                double max = merged.stream().flatMap(Optional::stream).mapToDouble(Double::doubleValue).max().orElse(0);
                DisplayUnit du = DisplayUnit.of(unitOf(vs, key), max);
                List<Cell> cells = merged.stream().map(m -> new Cell(m.map(x -> Figures.number(du.apply(x)))
                        .orElse("–"), null)).toList();
                rows.add(new Row(stat + " " + p[0] + ", merged histogram", key, du.label(), cells));
                rows.add(row(vs, mean.label(), key, v -> Optional.ofNullable(v.summary().get(key)), du));
            }
        }
        return rows.isEmpty() ? null : new Table("Percentiles of the merged histograms", names(vs), rows);
    }

    private static String unitOf(List<VariantResult> vs, String key) {
        return vs.stream().map(v -> v.summary().get(key)).filter(java.util.Objects::nonNull).map(StatSummary::unit)
                .findFirst().orElse("ps");
    }

    private static List<String> names(List<VariantResult> vs) {
        return vs.stream().map(VariantResult::name).toList();
    }

    private static final java.util.regex.Pattern REQUESTER =
            java.util.regex.Pattern.compile("^iommu\\.(?:atc\\.)?(device\\d+)\\..*");

    /** The requester id a per-requester key belongs to ({@code iommu.device3.x} → {@code device3}). */
    private static Optional<String> requester(String key) {
        java.util.regex.Matcher m = REQUESTER.matcher(key);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The device a {@code dev.<device>.*} key belongs to, or null. */
    private static String deviceOf(String key, Set<String> devices) {
        if (!key.startsWith("dev.")) {
            return null;
        }
        int dot = key.indexOf('.', 4);
        String d = dot < 0 ? null : key.substring(4, dot);
        return d != null && devices.contains(d) ? d : null;
    }

    private static Row row(List<VariantResult> vs, String label, String key,
            Function<VariantResult, Optional<StatSummary>> value) {
        double max = 0;
        String unit = "";
        for (VariantResult v : vs) {
            Optional<StatSummary> s = value.apply(v);
            if (s.isPresent() && Double.isFinite(s.get().mean())) {
                max = Math.max(max, Math.abs(s.get().mean()));
                unit = s.get().unit();
            }
        }
        return row(vs, label, key, value, DisplayUnit.of(unit, max));
    }

    private static Row row(List<VariantResult> vs, String label, String key,
            Function<VariantResult, Optional<StatSummary>> value, DisplayUnit du) {
        List<Optional<StatSummary>> values = vs.stream().map(value).toList();
        // as the charts: a statistic whose means are all >= 0 cannot be negative, nor can its interval
        boolean nonNegative = values.stream().flatMap(Optional::stream).noneMatch(x -> x.mean() < 0);
        boolean clipped = false;
        List<Cell> cells = new ArrayList<>();
        for (Optional<StatSummary> s : values) {
            if (s.isEmpty()) {
                cells.add(new Cell("–", null));
                continue;
            }
            StatSummary x = s.get();
            double low = x.ci95Low();
            if (nonNegative && low < 0) {
                low = 0;
                clipped = true;
            }
            String ci = Double.isFinite(low) && Double.isFinite(x.ci95High())
                    ? "[" + Figures.number(du.apply(low)) + ", " + Figures.number(du.apply(x.ci95High())) + "]"
                    : null;
            cells.add(new Cell(Figures.number(du.apply(x.mean())), ci));
        }
        return new Row(label, key, du.label(), cells, clipped);
    }
}

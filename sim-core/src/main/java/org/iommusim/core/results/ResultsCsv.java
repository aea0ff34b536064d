package org.iommusim.core.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Tidy CSV renderings of a {@link ResultsDocument}, for spreadsheets and data frames, written
 * with Commons CSV.
 *
 * <p>Both files start with {@code variant}, then one column per swept parameter (none for a run
 * without a sweep): numeric parameters as numbers in base units, the unit in brackets in the
 * header ({@code iommu.iotlb.entries}, {@code workloads.churn.span[B]}, {@code ...warmup[s]};
 * {@link ParameterValue}), others as written. For a sweep point {@code variant} is the name of
 * the variant it belongs to ({@code hardware}; {@code base} for a scenario without variants),
 * not the point's display name.
 *
 * <p>{@link #tidy}: {@code stats.csv}, one row per variant × replication × statistic field:
 * {@code ..., replication, seed, statistic, unit, field, value}. {@link #summary}: one row per
 * variant × scalar key: {@code ..., statistic, unit, mean, ci95Low, ci95High, n}
 * ({@code sweep.csv} with the headline keys).
 *
 * <p>Numbers: the shortest text that reads back to the same double ({@link Numbers#exact}),
 * independent of locale and JDK; empty when NaN or infinite. Fields are quoted per RFC 4180 only
 * when needed, lines end in {@code \n} (not CRLF: byte-identical files on every platform), the
 * file ends with a newline. Time-series samples are in {@code stats.json} only.
 */
public final class ResultsCsv {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n')
            .setQuoteMode(QuoteMode.MINIMAL).get();

    private ResultsCsv() {
    }

    /** {@code stats.csv} of a run without swept parameters. */
    public static String tidy(ResultsDocument doc) {
        return tidy(doc, List.of());
    }

    /** {@code stats.csv}: one row per variant × replication × statistic field. */
    public static String tidy(ResultsDocument doc, List<String> sweptKeys) {
        StringBuilder sb = new StringBuilder();
        tidy(doc, sweptKeys, sb);
        return sb.toString();
    }

    /**
     * {@link #tidy(ResultsDocument, List)} written to {@code to} (a buffered file writer: 36 MB at
     * 1,000 devices need not be one string first). Cell by cell, without a list per row: the
     * same bytes as {@link CSVPrinter#printRecord}, which prints each value and then the
     * record separator.
     */
    public static void tidy(ResultsDocument doc, List<String> sweptKeys, Appendable to) {
        Parameters params = Parameters.of(doc, sweptKeys);
        List<String> header = new ArrayList<>(params.header());
        header.addAll(List.of("replication", "seed", "statistic", "unit", "field", "value"));
        print(header, to, out -> {
            for (VariantResult v : doc.variants()) {
                List<String> lead = params.cells(v);
                for (Replication r : v.replications()) {
                    String index = Integer.toString(r.index());
                    String seed = Long.toString(r.seed());
                    for (StatValue s : r.snapshot().values()) {
                        for (Map.Entry<String, Double> f : s.fields().entrySet()) {
                            for (String cell : lead) {
                                out.print(cell);
                            }
                            out.print(index);
                            out.print(seed);
                            out.print(s.name());
                            out.print(s.unitOf(f.getKey()));
                            out.print(f.getKey());
                            out.print(cell(f.getValue()));
                            out.println();
                        }
                    }
                }
            }
        });
    }

    /** Every scalar key's summary per variant, no swept parameters. */
    public static String summary(ResultsDocument doc) {
        return summary(doc, List.of(), k -> true);
    }

    /** One row per variant × scalar key accepted by {@code keys}: mean and 95% CI. */
    public static String summary(ResultsDocument doc, List<String> sweptKeys, Predicate<String> keys) {
        Parameters params = Parameters.of(doc, sweptKeys);
        List<String> header = new ArrayList<>(params.header());
        header.addAll(List.of("statistic", "unit", "mean", "ci95Low", "ci95High", "n"));
        return print(header, out -> {
            for (VariantResult v : doc.variants()) {
                List<String> lead = params.cells(v);
                for (Map.Entry<String, StatSummary> e : v.summary().entrySet()) {
                    if (!keys.test(e.getKey())) {
                        continue;
                    }
                    StatSummary s = e.getValue();
                    List<String> row = new ArrayList<>(lead);
                    row.addAll(List.of(e.getKey(), s.unit(), cell(s.mean()), cell(s.ci95Low()), cell(s.ci95High()),
                            Integer.toString(s.n())));
                    out.printRecord(row);
                }
            }
        });
    }

    private interface Body {
        void write(CSVPrinter out) throws IOException;
    }

    private static String print(List<String> header, Body body) {
        StringBuilder sb = new StringBuilder();
        print(header, sb, body);
        return sb.toString();
    }

    private static void print(List<String> header, Appendable to, Body body) {
        try {
            CSVPrinter out = new CSVPrinter(to, FORMAT); // not closed: the caller owns (and closes) the writer
            out.printRecord(header);
            body.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(double d) {
        String s = Numbers.exact(d);
        return s == null ? "" : s;
    }

    /** The variant column and the swept-parameter columns of each variant. */
    private record Parameters(List<String> header, Map<String, List<String>> byVariant) {
        static Parameters of(ResultsDocument doc, List<String> keys) {
            List<String> header = new ArrayList<>(List.of("variant"));
            Map<String, List<String>> rows = new LinkedHashMap<>();
            for (VariantResult v : doc.variants()) {
                rows.put(v.name(), new ArrayList<>(List.of(keys.isEmpty() ? v.name() : baseName(v.name()))));
            }
            for (String k : keys) {
                List<ParameterValue> values = doc.variants().stream()
                        .map(v -> ParameterValue.parse(v.overrides().getOrDefault(k, ""))).toList();
                boolean numeric = values.stream().allMatch(ParameterValue::isNumeric)
                        && values.stream().map(ParameterValue::dimension).distinct().count() == 1;
                String unit = numeric ? values.get(0).dimension().baseUnit() : "";
                header.add(unit.isEmpty() ? k : k + "[" + unit + "]");
                for (int i = 0; i < values.size(); i++) {
                    ParameterValue pv = values.get(i);
                    rows.get(doc.variants().get(i).name()).add(numeric ? cell(pv.value()) : pv.text());
                }
            }
            return new Parameters(header, rows);
        }

        List<String> cells(VariantResult v) {
            return byVariant.get(v.name());
        }

        /** A sweep point's name without its {@code key=value} parts; {@code base} when nothing is left. */
        static String baseName(String pointName) {
            List<String> words = new ArrayList<>(List.of(pointName.split(" ")));
            words.removeIf(w -> w.contains("="));
            return words.isEmpty() ? "base" : String.join(" ", words);
        }
    }
}

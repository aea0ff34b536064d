package org.iommusim.core.findings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iommusim.core.experiment.Summaries;
import org.iommusim.core.results.Replication;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.Snapshot;
import org.iommusim.core.results.StatValue;
import org.iommusim.core.results.VariantResult;
import org.iommusim.core.stats.StatKind;

/** Synthetic results: variants whose replications hold given values of given statistics. */
final class Docs {
    private Docs() {
    }

    /** One variant; {@code values} maps a statistic (a derived value, unit "u") to its value per replication. */
    static VariantResult variant(String name, Map<String, String> overrides, Map<String, double[]> values) {
        int reps = values.values().iterator().next().length;
        List<Replication> out = new ArrayList<>();
        for (int k = 0; k < reps; k++) {
            List<StatValue> stats = new ArrayList<>();
            for (Map.Entry<String, double[]> e : values.entrySet()) {
                stats.add(StatValue.builder(e.getKey(), StatKind.DERIVED, "u", "a statistic")
                        .field("value", e.getValue()[k]).build());
            }
            out.add(new Replication(k, 1, Snapshot.of(1000, stats)));
        }
        return Summaries.variant(name, overrides, out);
    }

    /** A variant with a latency histogram and a time series, every field scaled by {@code scale}. */
    static VariantResult histogramVariant(String name, double scale) {
        List<Replication> out = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            double s = scale * (1 + 0.01 * k);
            out.add(new Replication(k, 1, Snapshot.of(1000, List.of(
                    StatValue.builder("walk.latency", StatKind.HISTOGRAM, "ps", "walks").field("mean", 800 * s)
                            .field("count", 1000 * s).field("p99", 1200 * s).field("max", 1600 * s).build(),
                    StatValue.builder("walk.rate.series", StatKind.TIME_SERIES, "1/s", "walks per second")
                            .field("mean", 5 * s).field("samples", 2)
                            .series(new long[] {500, 1000}, new double[] {4 * s, 6 * s}).build()))));
        }
        return Summaries.variant(name, Map.of(), out);
    }

    static VariantResult variant(String name, String stat, double... values) {
        return variant(name, Map.of(), Map.of(stat, values));
    }

    /** A sweep point of series {@code series} at {@code key=value} with one statistic. */
    static VariantResult point(String series, String key, String value, String stat, double... values) {
        Map<String, String> o = new LinkedHashMap<>();
        if (!series.isEmpty()) {
            o.put("nesting", series);
        }
        o.put(key, value);
        String name = (series.isEmpty() ? "" : series + " ") + key.substring(key.lastIndexOf('.') + 1) + "=" + value;
        return variant(name, o, Map.of(stat, values));
    }

    static ResultsDocument doc(VariantResult... variants) {
        return ResultsDocument.of("synthetic", 1, List.of(variants));
    }
}

package org.iommusim.core.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iommusim.core.results.Replication;
import org.iommusim.core.results.StatSummary;
import org.iommusim.core.results.StatValue;
import org.iommusim.core.results.RunWarnings;
import org.iommusim.core.results.VariantResult;

/**
 * Summarises replications: for every scalar key ({@code name} or {@code name.field}, see
 * {@code Snapshot.scalars()}) the mean and 95% {@link ConfidenceInterval} over the
 * replications, in index order (so the arithmetic, and the output bytes, never depend on
 * which replication finished first).
 *
 * <p>Missing values: a replication whose value is NaN (no observations, such as a latency
 * histogram that saw no walk) or infinite, or that lacks the key, does not contribute;
 * {@link StatSummary#n()} says how many did. So n = 1 gives a mean with NaN bounds, n = 0 a
 * NaN mean. Keys appear in the order they first occur, scanning replications by index.
 */
public final class Summaries {
    private Summaries() {
    }

    /** The summary of every scalar key of {@code replications}. */
    public static Map<String, StatSummary> of(List<Replication> replications) {
        List<Replication> sorted = new ArrayList<>(replications);
        sorted.sort((a, b) -> Integer.compare(a.index(), b.index()));
        Map<String, String> units = new LinkedHashMap<>();
        Map<String, double[]> values = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Replication r : sorted) {
            for (StatValue s : r.snapshot().values()) {
                boolean first = true;
                for (Map.Entry<String, Double> f : s.fields().entrySet()) {
                    String key = first ? s.name() : s.name() + "." + f.getKey();
                    first = false;
                    units.putIfAbsent(key, s.unitOf(f.getKey()));
                    double[] xs = values.computeIfAbsent(key, k -> new double[sorted.size()]);
                    double x = f.getValue();
                    if (Double.isFinite(x)) {
                        int c = counts.getOrDefault(key, 0);
                        xs[c] = x;
                        counts.put(key, c + 1);
                    }
                }
            }
        }
        Map<String, StatSummary> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : units.entrySet()) {
            int n = counts.getOrDefault(e.getKey(), 0);
            double[] xs = Arrays.copyOf(values.get(e.getKey()), n);
            ConfidenceInterval ci = ConfidenceInterval.of95(xs);
            out.put(e.getKey(), new StatSummary(ci.mean(), ci.low(), ci.high(), e.getValue(), n));
        }
        return out;
    }

    /** A variant's results: its replications (sorted by index) and their summary. */
    public static VariantResult variant(String name, Map<String, String> overrides, List<Replication> replications) {
        List<Replication> sorted = new ArrayList<>(replications);
        sorted.sort((a, b) -> Integer.compare(a.index(), b.index()));
        Map<String, StatSummary> summary = of(sorted);
        return new VariantResult(name, overrides, summary, sorted, RunWarnings.detect(name, summary));
    }
}

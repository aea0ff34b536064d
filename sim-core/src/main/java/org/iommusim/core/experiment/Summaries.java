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
        // one map of accumulators (150,000 keys per variant at 1,000 devices): one lookup per key
        // and replication where three maps (units, values, counts) took four
        Map<String, Key> keys = new LinkedHashMap<>();
        for (Replication r : sorted) {
            for (StatValue s : r.snapshot().values()) {
                boolean first = true;
                for (Map.Entry<String, Double> f : s.fields().entrySet()) {
                    String name = first ? s.name() : s.name() + "." + f.getKey();
                    first = false;
                    Key k = keys.get(name);
                    if (k == null) {
                        k = new Key(s.unitOf(f.getKey()), new double[sorted.size()]);
                        keys.put(name, k);
                    }
                    double x = f.getValue();
                    if (Double.isFinite(x)) {
                        k.xs[k.n++] = x;
                    }
                }
            }
        }
        Map<String, StatSummary> out = new LinkedHashMap<>();
        for (Map.Entry<String, Key> e : keys.entrySet()) {
            Key k = e.getValue();
            ConfidenceInterval ci = ConfidenceInterval.of95(Arrays.copyOf(k.xs, k.n));
            out.put(e.getKey(), new StatSummary(ci.mean(), ci.low(), ci.high(), k.unit, k.n));
        }
        return out;
    }

    /** One key's unit (from its first replication) and finite values in replication order. */
    private static final class Key {
        final String unit;
        final double[] xs;
        int n;

        Key(String unit, double[] xs) {
            this.unit = unit;
            this.xs = xs;
        }
    }

    /** A variant's results: its replications (sorted by index) and their summary. */
    public static VariantResult variant(String name, Map<String, String> overrides, List<Replication> replications) {
        List<Replication> sorted = new ArrayList<>(replications);
        sorted.sort((a, b) -> Integer.compare(a.index(), b.index()));
        Map<String, StatSummary> summary = of(sorted);
        return new VariantResult(name, overrides, summary, sorted, RunWarnings.detect(name, summary));
    }
}

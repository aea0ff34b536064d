package org.iommusim.reports.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iommusim.core.results.Replication;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.StatInfo;
import org.iommusim.core.results.StatSummary;
import org.iommusim.core.results.StatValue;
import org.iommusim.core.results.VariantResult;

/**
 * Looks up what charts plot: a statistic field summarised over a variant's replications (from
 * the variant's {@code summary}, keyed as {@link org.iommusim.core.results.Snapshot#scalars()}
 * keys them: the primary field under the statistic's name, others as {@code name.field}), the
 * unit and fields of a statistic, and the statistic names matching a pattern. Missing values
 * are empty Optionals, never exceptions. Stateless.
 */
public final class Metrics {
    private Metrics() {
    }

    /** The first replication (lowest index) of a variant that has the statistic. */
    public static Optional<StatValue> first(VariantResult v, String stat) {
        return v.replications().stream()
                .sorted((a, b) -> Integer.compare(a.index(), b.index()))
                .map(Replication::snapshot)
                .filter(s -> s.has(stat))
                .map(s -> s.get(stat))
                .findFirst();
    }

    /** The first value of the statistic found in any variant. */
    public static Optional<StatValue> any(ResultsDocument doc, String stat) {
        for (VariantResult v : doc.variants()) {
            Optional<StatValue> s = first(v, stat);
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    /** The unit of a statistic, from the document's catalogue. */
    public static Optional<String> unit(ResultsDocument doc, String stat) {
        StatInfo info = doc.statistics().get(stat);
        return info == null ? Optional.empty() : Optional.of(info.unit());
    }

    /**
     * The summary of one field of a statistic for a variant, or empty when the variant lacks it
     * or its mean is not finite. Falls back to the mean over replications (no interval) when
     * the variant has no summary entry.
     */
    public static Optional<StatSummary> summary(VariantResult v, String stat, String field) {
        Optional<StatValue> sample = first(v, stat);
        if (sample.isEmpty() || !sample.get().fields().containsKey(field)) {
            return Optional.empty();
        }
        String key = field.equals(sample.get().primaryField()) ? stat : stat + "." + field;
        StatSummary s = v.summary().get(key);
        if (s == null) {
            List<Double> xs = new ArrayList<>();
            for (Replication r : v.replications()) {
                Double x = r.snapshot().scalars().get(key);
                if (x != null && Double.isFinite(x)) {
                    xs.add(x);
                }
            }
            double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            s = new StatSummary(mean, Double.NaN, Double.NaN, sample.get().unitOf(field), xs.size());
        }
        return Double.isFinite(s.mean()) ? Optional.of(s) : Optional.empty();
    }

    /** The summary of a statistic's primary field. */
    public static Optional<StatSummary> summary(VariantResult v, String stat) {
        return first(v, stat).flatMap(s -> summary(v, stat, s.primaryField()));
    }

    /** The mean, or NaN when absent. */
    public static double mean(VariantResult v, String stat, String field) {
        return summary(v, stat, field).map(StatSummary::mean).orElse(Double.NaN);
    }

    /** The mean of the primary field, or NaN when absent. */
    public static double mean(VariantResult v, String stat) {
        return summary(v, stat).map(StatSummary::mean).orElse(Double.NaN);
    }

    /**
     * Statistic names in the catalogue matching {@code pattern} in full, sorted; with their
     * capture groups, for names that encode a device, a reason or an operation.
     */
    public static Map<String, List<String>> matching(ResultsDocument doc, Pattern pattern) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        // the catalogue is sorted by name already; one matcher, reset per name (50,000 at 1,000 devices)
        Matcher m = pattern.matcher("");
        for (String name : doc.statistics().keySet()) {
            if (m.reset(name).matches()) {
                List<String> groups = new ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    groups.add(m.group(i));
                }
                out.put(name, groups);
            }
        }
        return out;
    }
}

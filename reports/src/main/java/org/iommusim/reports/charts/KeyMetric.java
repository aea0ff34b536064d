package org.iommusim.reports.charts;

import java.util.List;
import java.util.Optional;
import org.iommusim.core.results.StatSummary;
import org.iommusim.core.results.VariantResult;

/**
 * A headline number the comparison and sweep charts plot: a statistic, the field of it (empty =
 * the primary field), a short id for file names, an axis label and the question a chart of it
 * answers. {@link #ALL} lists them in the order the report shows them.
 */
public record KeyMetric(String stat, Optional<String> field, String id, String label, String question) {
    public static final List<KeyMetric> ALL = List.of(
            new KeyMetric("run.dma-throughput", Optional.empty(), "throughput", "DMA throughput",
                    "Which moves data faster?"),
            new KeyMetric(LatencyCharts.TRANSLATION, Optional.of("p99"), "translation-p99", "p99 translation latency",
                    "Which translates faster at the tail?"),
            new KeyMetric(LatencyCharts.TRANSLATION, Optional.empty(), "translation-mean",
                    "mean translation latency", "Which translates faster on average?"),
            new KeyMetric("run.iotlb-hit-ratio", Optional.empty(), "iotlb-hit-ratio", "IOTLB hit ratio",
                    "Which hits the IOTLB more often?"),
            new KeyMetric("run.pte-reads-per-walk", Optional.empty(), "pte-reads", "PTE reads per walk",
                    "Which walks fewer page-table entries?"),
            new KeyMetric("run.control-cpu-time", Optional.empty(), "control-cpu", "control-plane CPU time",
                    "Which costs the host less CPU?"));

    /** The variant's summary of this metric, if it has a finite one. */
    public Optional<StatSummary> of(VariantResult v) {
        return field.isPresent() ? Metrics.summary(v, stat, field.get()) : Metrics.summary(v, stat);
    }

    /** The key people see in tables: {@code stat} or {@code stat.field}. */
    public String key() {
        return field.map(f -> stat + "." + f).orElse(stat);
    }
}

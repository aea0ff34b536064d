package org.iommusim.core.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iommusim.core.stats.StatKind;

/** Hand-built results covering every kind of statistic, NaN fields, a series and awkward text. */
final class ResultsFixtures {
    private ResultsFixtures() {
    }

    static Snapshot snapshot(double scale) {
        return Snapshot.of(1_000_000_000L, List.of(
                StatValue.builder("walk.latency", StatKind.HISTOGRAM, "ps", "Page-walk latency, \"cold\" walks")
                        .field("mean", 812.5 * scale).field("count", 1000).field("p50", 800).field("p90", 1000)
                        .field("p99", 1200).field("p999", 1500).field("min", 100).field("max", 1600).build(),
                StatValue.builder("dma.completed", StatKind.COUNTER, "dmas", "DMAs completed")
                        .field("value", Math.round(1000 * scale)).build(),
                StatValue.builder("iotlb.hit-ratio", StatKind.DERIVED, "1", "IOTLB hits / lookups")
                        .field("value", 0.1 * scale).build(),
                StatValue.builder("fault.latency", StatKind.TALLY, "ps", "Fault service time | µs scale")
                        .field("mean", Double.NaN).field("count", 0).field("stddev", Double.NaN)
                        .field("min", Double.NaN).field("max", Double.NaN).build(),
                StatValue.builder("queue.length", StatKind.TIME_WEIGHTED, "requests", "Requests waiting, time-weighted")
                        .field("mean", 1.0 / 3 * scale).field("max", 4).field("current", 0).build(),
                StatValue.builder("iotlb.hits.series", StatKind.TIME_SERIES, "1/s", "IOTLB hits per second, sampled")
                        .field("mean", 2.5e9 * scale).field("samples", 2)
                        .series(new long[] {500_000_000L, 1_000_000_000L}, new double[] {2e9 * scale, 3e9 * scale})
                        .build()));
    }

    static ResultsDocument document() {
        Map<String, String> hw = new LinkedHashMap<>();
        hw.put("iommu.nesting", "hardware");
        hw.put("devices.nic0.ring.buffers", "4096");
        Map<String, String> sw = new LinkedHashMap<>();
        sw.put("iommu.nesting", "software, \"shadow\"");
        return ResultsDocument.of("hw-vs-sw", 42, List.of(
                variant("hardware", hw, 1.0, 1.5),
                variant("software", sw, 2.0, 2.25)));
    }

    private static VariantResult variant(String name, Map<String, String> overrides, double s0, double s1) {
        List<Replication> reps = List.of(new Replication(0, 42, snapshot(s0)), new Replication(1, 42, snapshot(s1)));
        Map<String, StatSummary> summary = new LinkedHashMap<>();
        summary.put("dma.completed", new StatSummary(1000 * (s0 + s1) / 2, 900.25, 1100.75, "dmas", 2));
        summary.put("walk.latency", new StatSummary(812.5, 800.125, 824.875, "ps", 2));
        summary.put("walk.latency.count", new StatSummary(1000, Double.NaN, Double.NaN, "count", 1));
        summary.put("fault.latency", new StatSummary(Double.NaN, Double.NaN, Double.NaN, "ps", 0));
        return new VariantResult(name, overrides, summary, reps);
    }
}

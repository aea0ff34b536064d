package org.iommusim.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iommusim.core.experiment.Summaries;
import org.iommusim.core.results.Replication;
import org.iommusim.core.results.ResultsCsv;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.ResultsJson;
import org.iommusim.core.results.Snapshot;
import org.iommusim.core.results.StatValue;
import org.iommusim.core.results.TextListing;
import org.iommusim.core.results.VariantResult;
import org.iommusim.core.stats.StatKind;

/**
 * Hand-built results with every statistic the report draws: a compare document (hardware vs
 * software nesting, 3 replications each, two devices, a time series) and a sweep document
 * (IOTLB entries × nesting), plus a writer for a results folder as the runner leaves it.
 * Values are simple functions of (variant scale, replication) so tests can predict them.
 */
public final class SyntheticResults {
    public static final int REPLICATIONS = 3;
    public static final String[] PERCENTILES = {"p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "p999",
        "p9999"};
    /** Translation-latency percentiles (ps) of scale 1, replication 0, matching {@link #PERCENTILES}. */
    public static final double[] BASE_LATENCY = {50_000, 60_000, 70_000, 90_000, 120_000, 200_000, 400_000, 600_000,
        1_500_000, 4_000_000, 9_000_000};

    private SyntheticResults() {
    }

    /** Hardware (scale 1) against software (scale 2.5) nesting. */
    public static ResultsDocument compare() {
        return ResultsDocument.of("hw-vs-sw", 42, List.of(
                variant("hardware", Map.of("iommu.nesting", "hardware"), 1.0),
                variant("software", Map.of("iommu.nesting", "software"), 2.5)));
    }

    /** IOTLB entries 16 … 16384 (five values, three decades) × nesting hardware/software. */
    public static ResultsDocument sweep() {
        List<VariantResult> vs = new ArrayList<>();
        for (String nesting : List.of("hardware", "software")) {
            for (int entries : new int[] {16, 64, 256, 4096, 16384}) {
                Map<String, String> o = new LinkedHashMap<>();
                o.put("iotlb.entries", Integer.toString(entries));
                o.put("iommu.nesting", nesting);
                double scale = "hardware".equals(nesting) ? 1 + 64.0 / entries : 0.8 + 0.3 * (1 + 64.0 / entries);
                vs.add(variant(nesting + "-" + entries, o, scale));
            }
        }
        return ResultsDocument.of("iotlb-sweep", 7, vs);
    }

    public static VariantResult variant(String name, Map<String, String> overrides, double scale) {
        List<Replication> reps = new ArrayList<>();
        for (int k = 0; k < REPLICATIONS; k++) {
            reps.add(new Replication(k, 42, snapshot(scale, k)));
        }
        return Summaries.variant(name, new LinkedHashMap<>(overrides), reps);
    }

    /** Replication k of a variant of the given scale: every value is scale × (1 + k/100) × base. */
    public static Snapshot snapshot(double scale, int k) {
        double f = scale * (1 + k / 100.0);
        List<StatValue> s = new ArrayList<>();
        s.add(histogram("run.translation-latency", f, 1));
        s.add(histogram("dev.nic0.dma-latency", f, 10));
        s.add(histogram("dev.nvme0.dma-latency", f, 20));
        s.add(derived("run.dma-throughput", "bytes/s", 8e9 / f));
        s.add(derived("run.iotlb-hit-ratio", "ratio", Math.min(0.99, 0.9 / scale)));
        s.add(derived("run.pte-reads-per-walk", "reads", 4 * f));
        s.add(counter("run.control-cpu-time", "ps", 2e9 * f));
        s.add(counter("run.stale-uses", "uses", 0));
        s.add(counter("iommu.faults.not-present.s1", "faults", Math.round(10 * f)));
        s.add(counter("iommu.faults.permission.s2", "faults", Math.round(3 * f)));
        s.add(counter("faultq.overflows", "faults", 1));
        s.add(counter("cp.map.cpu-time", "ps", 1e9 * f));
        s.add(counter("cp.unmap.cpu-time", "ps", 0.6e9 * f));
        s.add(counter("cp.invalidate.cpu-time", "ps", 0.4e9 * f));
        s.add(series("run.iotlb-hit-ratio.series", "ratio", t -> Math.min(0.99, 0.9 / scale * (1 - Math.exp(-t)))));
        s.add(series("run.walk-rate.series", "walks/s", t -> 1e6 * f * Math.exp(-t / 2)));
        return Snapshot.of(10_000_000_000L, s);
    }

    private static StatValue histogram(String name, double f, double base) {
        StatValue.Builder b = StatValue.builder(name, StatKind.HISTOGRAM, "ps", "latency").field("mean",
                base * 300_000 * f).field("count", 1000);
        for (int i = 0; i < PERCENTILES.length; i++) {
            b.field(PERCENTILES[i], base * BASE_LATENCY[i] * f);
        }
        return b.field("min", base * 40_000 * f).field("max", base * 20_000_000 * f).build();
    }

    private static StatValue derived(String name, String unit, double v) {
        return StatValue.builder(name, StatKind.DERIVED, unit, name).field("value", v).build();
    }

    private static StatValue counter(String name, String unit, double v) {
        return StatValue.builder(name, StatKind.COUNTER, unit, name).field("value", v).build();
    }

    private static StatValue series(String name, String unit, java.util.function.DoubleUnaryOperator fn) {
        int n = 20;
        long[] t = new long[n];
        double[] v = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            t[i] = (i + 1) * 500_000_000L;
            v[i] = fn.applyAsDouble(i * 0.5);
            sum += v[i];
        }
        return StatValue.builder(name, StatKind.TIME_SERIES, unit, name).field("mean", sum / n).field("samples", n)
                .series(t, v).build();
    }

    /** Writes a results folder like the runner's: stats.json, stats.csv, stats.txt, manifest, config. */
    public static Path writeFolder(Path dir, ResultsDocument doc, String manifestJson) throws IOException {
        Files.createDirectories(dir);
        ResultsJson.write(doc, dir.resolve("stats.json"));
        Files.writeString(dir.resolve("stats.csv"), ResultsCsv.tidy(doc));
        Files.writeString(dir.resolve("stats.txt"), TextListing.summaries(doc));
        if (manifestJson != null) {
            Files.writeString(dir.resolve("manifest.json"), manifestJson);
        }
        Files.writeString(dir.resolve("config.effective.yaml"),
                "scenario: " + doc.scenario() + "\niommu:\n  nesting: hardware # <b>not bold</b> & co\n");
        return dir;
    }

    public static String manifest(String command, String sweepParameters) {
        return """
                {"tool": "iommusim", "version": "0.1.0-SNAPSHOT", "scenario": "hw-vs-sw",
                 "question": "Does hardware nesting beat a <shadow> table?", "seed": 42, "replications": 3,
                 "warmup": "100us", "eventsExecuted": 123456789, "eventsPerSecond": 2.5e7,
                 "wallTimeSeconds": 4.9, "command": "%s"%s}
                """.formatted(command, sweepParameters == null ? "" : ", \"sweepParameters\": " + sweepParameters);
    }
}

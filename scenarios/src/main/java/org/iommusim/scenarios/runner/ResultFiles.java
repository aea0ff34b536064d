package org.iommusim.scenarios.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.iommusim.core.findings.Findings;
import org.iommusim.core.findings.FindingsEngine;
import org.iommusim.core.findings.FindingsJson;
import org.iommusim.core.findings.WarningSource;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.results.HistogramLog;
import org.iommusim.core.results.ResultsCsv;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.ResultsJson;
import org.iommusim.core.results.StatSummary;
import org.iommusim.core.results.TextListing;
import org.iommusim.core.results.VariantResult;
import org.iommusim.scenarios.schema.Scenario;

/**
 * Writes a run's result files into its {@link OutputFolder}: {@code config.effective.yaml},
 * {@code stats.json} (the versioned contract), {@code findings.json} (what the results say, see
 * {@link FindingsEngine}; its first lines also open {@code stats.txt}), {@code stats.csv} (tidy: one row per variant ×
 * replication × statistic field), {@code stats.txt} (variants side by side with CIs, units and
 * descriptions) — the three marked when the run was interrupted — {@code histograms/v<i>.hlog}
 * (each variant's latency histograms merged over its replications, {@link HistogramLog}),
 * {@code sweep.csv} for sweeps, and last {@code manifest.json} (tool version and git commit,
 * command line, {@code --set} values, {@code --jobs}, seed, replications, warm-up, events,
 * events/s, wall time, start and end, JVM and flags, host and CPU count, whether the run
 * completed).
 */
public final class ResultFiles {
    /** The statistic families shown in the console summary and in {@code sweep.csv}. */
    public static final String HEADLINE_PREFIX = "run.";
    /** How many findings open {@code stats.txt} (all of them are in {@code findings.json}). */
    static final int STATS_TXT_FINDINGS = 20;
    /** How many findings the console prints before the summary table. */
    public static final int CONSOLE_FINDINGS = 5;

    private ResultFiles() {
    }

    /**
     * Writes every result file into {@code out}, {@code manifest.json} last, and returns the run's
     * findings. The files are independent of each other, so their texts are made on up to one
     * thread per processor ({@link Parallel}: the same bytes as one thread's, each file's text
     * built from {@code o} alone).
     */
    public static Findings write(OutputFolder out, Prepared p, Runner.Outcome o, String command, Invocation how) {
        return write(out, p, o, command, how, histogramLogs(o.results()));
    }

    /**
     * The texts of the histogram logs of {@code doc}'s variants ({@link HistogramLog#write}), in
     * variant order, empty for a variant without histograms; made on up to one thread per
     * processor. A run makes them first: its report's charts need them, and are drawn while the
     * other result files are written.
     */
    public static List<String> histogramLogs(ResultsDocument doc) {
        List<Callable<String>> logs = new ArrayList<>();
        for (VariantResult v : doc.variants()) {
            logs.add(() -> HistogramLog.write(v));
        }
        return Parallel.inOrder(logs, "result-files");
    }

    /** {@link #write(OutputFolder, Prepared, Runner.Outcome, String, Invocation)} with the {@link #histogramLogs} made. */
    public static Findings write(OutputFolder out, Prepared p, Runner.Outcome o, String command, Invocation how,
                                 List<String> logs) {
        ResultsDocument doc = o.results();
        List<String> swept = p.plan().sweptKeys();
        List<Callable<Object>> parts = new ArrayList<>();
        parts.add(() -> findings(p, doc));
        parts.add(() -> TextListing.summaries(doc));
        parts.add(file(() -> writeConfigs(out, p)));
        parts.add(file(() -> out.write("stats.json", stream -> { // streamed: 84 MB at 1,000 devices
            java.io.Writer w = buffered(stream);
            ResultsJson.write(doc, w);
            w.flush();
        })));
        parts.add(file(() -> out.write("stats.csv", stream -> { // streamed: 36 MB at 1,000 devices
            java.io.Writer w = buffered(stream);
            w.write(incompleteMark(doc, "# "));
            ResultsCsv.tidy(doc, swept, w);
            w.flush();
        })));
        parts.add(file(() -> {
            for (int v = 0; v < logs.size(); v++) {
                if (!logs.get(v).isEmpty()) {
                    out.write(HistogramLog.FOLDER + "/" + HistogramLog.fileName(v), logs.get(v));
                }
            }
        }));
        if (!swept.isEmpty()) {
            parts.add(file(() -> out.write("sweep.csv", ResultsCsv.summary(doc, swept,
                    k -> k.startsWith(HEADLINE_PREFIX) && !k.contains(".series")))));
        }
        List<Object> made = Parallel.inOrder(parts, "result-files");
        Findings findings = (Findings) made.get(0);
        out.write("findings.json", FindingsJson.toJson(findings));
        out.write("stats.txt", incompleteMark(doc, "") + TextListing.fit(findings.text(STATS_TXT_FINDINGS)) + "\n"
                + made.get(1));
        out.write("manifest.json", manifest(p, o, command, how, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        return findings;
    }

    /** A UTF-8 writer with a 64 KiB buffer on {@code stream} (flushed by the caller, closed by the folder). */
    private static java.io.Writer buffered(java.io.OutputStream stream) {
        return new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream, java.nio.charset.StandardCharsets.UTF_8),
                1 << 16);
    }

    /** A task that writes a file and gives nothing back. */
    private static Callable<Object> file(Runnable write) {
        return () -> {
            write.run();
            return null;
        };
    }

    /**
     * The run's findings ({@link FindingsEngine}): significant differences between its variants
     * or sweep points, crossovers and knees along its swept keys, and the variants' warnings.
     */
    public static Findings findings(Prepared p, ResultsDocument doc) {
        return FindingsEngine.of(doc, p.plan().sweptKeys(), HEADLINE_PREFIX, WarningSource.RECORDED);
    }

    /** Replications that finished, over all variants. */
    public static int finishedReplications(ResultsDocument doc) {
        return doc.variants().stream().mapToInt(v -> v.replications().size()).sum();
    }

    /**
     * The line that opens {@code stats.csv} (as a {@code #} comment) and {@code stats.txt} of an
     * interrupted run, so neither file can pass for a complete result; empty for a complete run
     * ({@code stats.json} says {@code "complete": false}).
     */
    static String incompleteMark(ResultsDocument doc, String prefix) {
        return doc.complete() ? "" : prefix + "INCOMPLETE: the run was interrupted; " + finishedReplications(doc)
                + " replication(s) finished and every figure is from those only\n";
    }

    /**
     * {@code config.effective.yaml}; when several scenarios are compared it holds every one's
     * configuration as its own YAML document, headed by the variant and source, and each is also
     * written alone as {@code config.effective.<variant>.yaml} (runnable as it is).
     */
    private static void writeConfigs(OutputFolder out, Prepared p) {
        for (Prepared.Compared c : p.compared()) {
            out.write(configFile(c), c.config().toYaml());
        }
        out.write("config.effective.yaml", effectiveConfig(p));
    }

    /** The text of {@code config.effective.yaml} for {@code p} (what {@link Resume} compares with). */
    static String effectiveConfig(Prepared p) {
        if (p.compared().isEmpty()) {
            return p.base().toYaml();
        }
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < p.compared().size(); i++) {
            Prepared.Compared c = p.compared().get(i);
            all.append(i == 0 ? "" : "---\n").append("# compared scenario ").append(i + 1).append(" of ")
                    .append(p.compared().size()).append(": variant '").append(c.variant()).append("' from ")
                    .append(c.source().sourceName()).append(" (also in ").append(configFile(c)).append(")\n")
                    .append(c.config().toYaml());
        }
        return all.toString();
    }

    /** {@code config.effective.<variant>.yaml}, the variant name made safe for a file name. */
    static String configFile(Prepared.Compared c) {
        return "config.effective." + c.variant().replaceAll("[^A-Za-z0-9._-]", "_") + ".yaml";
    }

    /**
     * The headline statistics a performance engineer looks at first, most important first: the
     * console summary shows them in this order (a sweep's table takes as many as fit).
     */
    static final List<String> HEADLINE_ORDER = List.of("run.dma-latency", "run.dma-latency.p99",
            "run.dma-throughput", "run.translation-latency", "run.translation-latency.p99", "run.iotlb-hit-ratio",
            "run.control-cpu-time", "run.dma-faults", "run.stale-uses", "run.translations-per-second",
            "run.dmas-completed", "run.pte-reads-per-walk");

    /**
     * The console summary: the headline statistics ({@code run.*}: each one's primary value and
     * the 99th percentile of the latency histograms; stats.txt has every field), those in
     * {@link #HEADLINE_ORDER} first.
     */
    public static String summary(ResultsDocument doc) {
        var names = doc.statistics().keySet();
        List<String> keys = new java.util.ArrayList<>(HEADLINE_ORDER);
        doc.variants().stream().flatMap(v -> v.summary().keySet().stream())
                .filter(k -> k.startsWith(HEADLINE_PREFIX) && !k.contains(".series")
                        && (names.contains(k) || k.endsWith(".p99")))
                .distinct().filter(k -> !keys.contains(k)).forEach(keys::add);
        return TextListing.headline(doc, keys);
    }

    static String manifest(Prepared p, Runner.Outcome o, String command, Invocation how, Instant ended) {
        Scenario s = p.base().value();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", "iommusim");
        m.put("version", how.version());
        how.gitCommit().ifPresent(c -> m.put("gitCommit", c));
        m.put("command", command);
        m.put("commandLine", how.commandLine());
        m.put("arguments", how.args());
        m.put("sets", how.sets());
        m.put("jobs", how.jobs());
        m.put("scenario", p.name());
        m.put("question", s.question());
        m.put("source", p.source().sourceName());
        m.put("seed", s.seed());
        m.put("replications", s.replications());
        m.put("warmup", s.autoWarmup() ? "auto" : SimTime.format(s.warmup()));
        if (s.precision() > 0) {
            m.put("precision", s.precision());
            m.put("maxReplications", s.maxReplications());
        }
        m.put("duration", SimTime.format(s.duration()));
        m.put("variants", p.plan().points().stream().map(Plan.Point::name).toList());
        m.put("sweepParameters", p.plan().sweptKeys());
        if (!p.compared().isEmpty()) {
            m.put("compared", p.compared().stream().map(c -> {
                Map<String, String> e = new LinkedHashMap<>();
                e.put("variant", c.variant());
                e.put("source", c.source().sourceName());
                e.put("config", configFile(c));
                return e;
            }).toList());
        }
        if (o.lengths().stream().anyMatch(l -> l.precision() != null)
                || p.models().stream().anyMatch(x -> x.scenario().autoWarmup())) {
            m.put("runLength", o.lengths().stream().map(ResultFiles::runLength).toList());
        }
        m.put("complete", o.complete());
        m.put("eventsExecuted", o.events());
        m.put("eventsPerSecond", o.wallSeconds() <= 0 ? 0 : Math.round(o.events() / o.wallSeconds()));
        m.put("wallTimeSeconds", Math.round(o.wallSeconds() * 1000) / 1000.0);
        m.put("started", how.started().toString());
        m.put("ended", ended.toString());
        m.putAll(Invocation.environment());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A variant's replications, warm-ups and precision verdict for the manifest. */
    private static Map<String, Object> runLength(RunLength l) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("variant", l.variant());
        e.put("replications", l.replications());
        e.put("warmups", l.warmupsPs().stream().map(SimTime::format).toList());
        if (l.precision() != null) {
            e.put("precisionMet", l.precise());
            if (!l.precise()) {
                e.put("furthestFromTarget", l.unmet());
                e.put("relativeHalfWidth", Double.isFinite(l.unmetHalfWidth()) ? l.unmetHalfWidth() : null);
            }
        }
        return e;
    }
}

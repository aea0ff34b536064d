package org.iommusim.reports.html;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.reports.charts.ChartWriter;
import org.iommusim.reports.io.Manifest;
import org.iommusim.reports.io.MergedHistograms;
import org.iommusim.reports.io.ResultsFolder;

/**
 * Builds {@code report.html} for one results folder from the Mustache template
 * {@code iommusim/report/report.mustache} ({@link PageTemplate}): first what a reader must know
 * before trusting the figures (a run that did not complete, the run's warnings), then the
 * scenario's question, the run's manifest, headline and full summary tables (variants side by
 * side, 95% confidence intervals), every chart placed inline as its SVG element with a caption and
 * links to its SVG (and PNG, when written) files, notes on charts not drawn, the effective
 * configuration in a collapsible block and links to the raw files. The page is self-contained and
 * works offline. A small inline script records, once the page has loaded, how many charts were
 * laid out, how many images decoded and any script or resource error in {@code data-} attributes
 * of {@code <body>}, so a headless browser can check the page. Pure: returns text, writes nothing.
 */
public final class HtmlReport {
    /** Manifest keys shown first, with their labels; other scalar keys follow as they are. */
    private static final Map<String, String> KNOWN = orderedLabels();

    private HtmlReport() {
    }

    /**
     * The page's summary tables (variants, headline, every statistic, percentiles of the merged
     * histograms), which depend on the results alone: a run makes them on their own thread while it
     * writes its other result files (a sweep's tables took a cold JVM ~0.1 s). Compiles the page's
     * template too, so that the page's last step need not.
     */
    public static Map<String, Object> tables(ResultsDocument doc, MergedHistograms histograms) {
        PageTemplate.compile();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variantsTable", SummaryTables.variants(doc));
        m.put("headline", SummaryTables.headline(doc));
        m.put("all", SummaryTables.all(doc));
        m.put("percentiles", SummaryTables.percentiles(doc, histograms));
        return m;
    }

    /**
     * What the page shows besides the charts: the run's status, findings and manifest, read from
     * the folder once its result files are written, and the {@link #tables}.
     */
    public static Map<String, Object> page(ResultsFolder folder, Map<String, Object> tables) {
        ResultsDocument doc = folder.results();
        Manifest manifest = folder.manifest();
        Map<String, Object> m = new LinkedHashMap<>(tables);
        m.put("scenario", doc.scenario());
        m.put("script", PageAssets.CHECK_SCRIPT);
        m.put("css", PageAssets.CSS);
        m.put("question", manifest.question().orElse(null));
        m.put("status", RunStatus.of(folder));
        m.put("findings", FindingsSection.of(folder.dir()));
        m.put("runRows", runRows(folder));
        m.put("manifestProblem", manifest.problem().orElse(null));
        return m;
    }

    /** The page of {@link #page} with {@code charts} and {@code notes} added. */
    public static String render(Map<String, Object> page, ResultsFolder folder, List<ChartWriter.Written> charts,
                                List<String> notes) {
        Map<String, Object> m = new LinkedHashMap<>(page);
        m.put("hasCharts", !charts.isEmpty());
        List<Map<String, String>> figures = new ArrayList<>();
        for (ChartWriter.Written c : charts) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("id", c.spec().id());
            f.put("title", c.spec().title());
            f.put("caption", c.spec().caption());
            f.put("svg", c.svgElement());
            f.put("svgFile", relative(folder.dir(), c.svg()));
            c.png().ifPresent(png -> f.put("pngFile", relative(folder.dir(), png)));
            figures.add(f);
        }
        m.put("charts", figures);
        m.put("hasNotes", !notes.isEmpty());
        m.put("notes", notes);
        m.put("config", folder.config().map(text -> Map.of("name", ResultsFolder.CONFIG, "lines",
                Long.toString(text.lines().count()), "text", text)).orElse(null));
        m.put("configMissing", ResultsFolder.CONFIG + " is not in the results folder.");
        m.put("files", folder.rawFiles());
        return PageTemplate.render(m);
    }

    /** One row of the run table. */
    public record KeyValue(String key, String value) {
    }

    private static List<KeyValue> runRows(ResultsFolder folder) {
        Manifest m = folder.manifest();
        ResultsDocument doc = folder.results();
        List<KeyValue> rows = new ArrayList<>();
        rows.add(new KeyValue("scenario", doc.scenario()));
        rows.add(new KeyValue("master seed", Long.toString(doc.seed())));
        rows.add(new KeyValue("variants", Integer.toString(doc.variants().size())));
        for (Map.Entry<String, String> e : KNOWN.entrySet()) {
            m.get(e.getKey()).ifPresent(v -> rows.add(new KeyValue(e.getValue(), display(e.getKey(), v))));
        }
        for (Map.Entry<String, String> e : m.entries().entrySet()) {
            if (!KNOWN.containsKey(e.getKey()) && !"question".equals(e.getKey()) && !"scenario".equals(e.getKey())
                    && !"seed".equals(e.getKey())) {
                rows.add(new KeyValue(e.getKey(), e.getValue()));
            }
        }
        if (!m.sweepParameters().isEmpty()) {
            rows.add(new KeyValue("swept parameters", String.join(", ", m.sweepParameters())));
        }
        return rows;
    }

    private static String display(String key, String value) {
        try {
            double d = Double.parseDouble(value);
            return switch (key) {
                case "wallTimeSeconds" -> Figures.number(d) + " s";
                case "eventsPerSecond" -> Figures.number(d) + " events/s";
                case "eventsExecuted" -> Figures.number(d);
                default -> value;
            };
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static String relative(Path dir, Path file) {
        return dir.toAbsolutePath().relativize(file.toAbsolutePath()).toString().replace('\\', '/');
    }

    private static Map<String, String> orderedLabels() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("command", "command");
        m.put("commandLine", "command line");
        m.put("replications", "replications");
        m.put("warmup", "warm-up");
        m.put("duration", "duration");
        m.put("jobs", "jobs");
        m.put("eventsExecuted", "events executed");
        m.put("eventsPerSecond", "events per second");
        m.put("wallTimeSeconds", "simulation wall time"); // the replications, not loading or result files
        m.put("started", "started");
        m.put("ended", "ended");
        m.put("version", "version");
        m.put("gitCommit", "git commit");
        m.put("tool", "tool");
        return java.util.Collections.unmodifiableMap(m);
    }
}

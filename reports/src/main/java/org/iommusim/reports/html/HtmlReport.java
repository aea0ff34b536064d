package org.iommusim.reports.html;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.reports.charts.ChartWriter;
import org.iommusim.reports.io.Manifest;
import org.iommusim.reports.io.ResultsFolder;

/**
 * Builds {@code report.html} for one results folder: the scenario and its question, the run's
 * manifest, headline and full summary tables (variants side by side, 95% confidence intervals),
 * every chart embedded as a PNG data URI with a one-line caption and links to its PNG and SVG
 * files, notes on charts not drawn, the effective configuration in a collapsible block and links
 * to the raw files. A small inline script records, once the page has loaded, how many images
 * decoded and any script or resource error in {@code data-} attributes of {@code <body>}, so a
 * headless browser can check the page. Pure: returns text, writes nothing.
 */
public final class HtmlReport {
    /** Manifest keys shown first, with their labels; other keys follow as they are. */
    private static final Map<String, String> KNOWN = orderedLabels();

    private HtmlReport() {
    }

    public static String render(ResultsFolder folder, List<ChartWriter.Written> charts, List<String> notes) {
        ResultsDocument doc = folder.results();
        Manifest manifest = folder.manifest();
        Html h = new Html();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .raw("<title>").text("iommusim report: " + doc.scenario()).raw("</title>\n")
                .raw("<script>").raw(PageAssets.CHECK_SCRIPT).raw("</script>\n")
                .raw("<style>").raw(PageAssets.CSS).raw("</style>\n</head>\n<body>\n<main>\n");
        h.raw("<h1>").text(doc.scenario()).raw("</h1>\n");
        manifest.question().ifPresent(q -> h.element("p", "question", q).nl());
        nav(h, !charts.isEmpty());
        run(h, folder);
        SummaryTables.write(h, doc);
        h.raw("<section id=\"charts\">\n<h2>Charts</h2>\n");
        if (charts.isEmpty()) {
            h.element("p", "No chart could be drawn from these results.").nl();
        }
        for (ChartWriter.Written c : charts) {
            figure(h, folder.dir(), c);
        }
        if (!notes.isEmpty()) {
            h.raw("<h3>Not drawn</h3>\n<ul class=\"notes\">\n");
            notes.forEach(n -> h.raw("<li>").text(n).raw("</li>\n"));
            h.raw("</ul>\n");
        }
        h.raw("</section>\n");
        config(h, folder.config());
        files(h, folder.rawFiles());
        h.raw("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void nav(Html h, boolean charts) {
        h.raw("<nav><a href=\"#run\">Run</a> · <a href=\"#summary\">Summary</a>");
        if (charts) {
            h.raw(" · <a href=\"#charts\">Charts</a>");
        }
        h.raw(" · <a href=\"#config\">Configuration</a> · <a href=\"#files\">Raw files</a></nav>\n");
    }

    private static void run(Html h, ResultsFolder folder) {
        Manifest m = folder.manifest();
        ResultsDocument doc = folder.results();
        h.raw("<section id=\"run\">\n<h2>Run</h2>\n<table class=\"kv\">\n");
        row(h, "scenario", doc.scenario());
        row(h, "master seed", Long.toString(doc.seed()));
        row(h, "variants", Integer.toString(doc.variants().size()));
        for (Map.Entry<String, String> e : KNOWN.entrySet()) {
            m.get(e.getKey()).ifPresent(v -> row(h, e.getValue(), display(e.getKey(), v)));
        }
        for (Map.Entry<String, String> e : m.entries().entrySet()) {
            if (!KNOWN.containsKey(e.getKey()) && !"question".equals(e.getKey()) && !"scenario".equals(e.getKey())
                    && !"seed".equals(e.getKey())) {
                row(h, e.getKey(), e.getValue());
            }
        }
        if (!m.sweepParameters().isEmpty()) {
            row(h, "swept parameters", String.join(", ", m.sweepParameters()));
        }
        h.raw("</table>\n");
        m.problem().ifPresent(p -> h.element("p", "warning", p).nl());
        h.raw("</section>\n");
    }

    private static String display(String key, String value) {
        try {
            double d = Double.parseDouble(value);
            return switch (key) {
                case "wallTimeSeconds" -> Html.number(d) + " s";
                case "eventsPerSecond" -> Html.number(d) + " events/s";
                case "eventsExecuted" -> Html.number(d);
                default -> value;
            };
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static void row(Html h, String key, String value) {
        h.raw("<tr><th>").text(key).raw("</th><td>").text(value).raw("</td></tr>\n");
    }

    private static void figure(Html h, Path dir, ChartWriter.Written c) {
        String png = relative(dir, c.png());
        String svg = relative(dir, c.svg());
        h.raw("<figure id=\"").text(c.spec().id()).raw("\">\n<img src=\"data:image/png;base64,")
                .raw(Base64.getEncoder().encodeToString(c.pngBytes()))
                .raw("\" alt=\"").text(c.spec().title()).raw("\" width=\"1200\" height=\"700\">\n<figcaption>")
                .text(c.spec().caption()).raw(" <span class=\"files\">").link(png, "PNG").raw(" · ").link(svg, "SVG")
                .raw("</span></figcaption>\n</figure>\n");
    }

    private static void config(Html h, Optional<String> config) {
        h.raw("<section id=\"config\">\n<h2>Effective configuration</h2>\n");
        if (config.isPresent()) {
            h.raw("<details><summary>").text(ResultsFolder.CONFIG + " (" + config.get().lines().count() + " lines)")
                    .raw("</summary>\n<pre>").text(config.get()).raw("</pre></details>\n");
        } else {
            h.element("p", "warning", ResultsFolder.CONFIG + " is not in the results folder.").nl();
        }
        h.raw("</section>\n");
    }

    private static void files(Html h, List<String> raw) {
        h.raw("<section id=\"files\">\n<h2>Raw files</h2>\n<ul>\n");
        for (String f : raw) {
            h.raw("<li>").link(f, f).raw("</li>\n");
        }
        h.raw("<li>").link("charts/", "charts/").raw(" (every chart as PNG and SVG)</li>\n</ul>\n</section>\n");
    }

    private static String relative(Path dir, Path file) {
        return dir.toAbsolutePath().relativize(file.toAbsolutePath()).toString().replace('\\', '/');
    }

    private static Map<String, String> orderedLabels() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("command", "command");
        m.put("replications", "replications");
        m.put("warmup", "warm-up");
        m.put("eventsExecuted", "events executed");
        m.put("eventsPerSecond", "events per second");
        m.put("wallTimeSeconds", "wall time");
        m.put("version", "version");
        m.put("tool", "tool");
        return java.util.Collections.unmodifiableMap(m);
    }
}

package org.iommusim.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.iommusim.core.experiment.Summaries;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.VariantResult;
import org.iommusim.reports.Reports;
import org.iommusim.reports.SyntheticResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page from the template: opens with the run's caveats, encodes every value it is given. */
class HtmlReportTest {
    @TempDir
    Path tmp;

    @Test
    void incompleteRun_pageOpensWithTheStatusBeforeAnythingElse() throws Exception {
        String manifest = SyntheticResults.manifest("run", null).replace("\"command\"", "\"complete\": false, \"command\"");
        Path dir = SyntheticResults.writeFolder(tmp.resolve("r"), SyntheticResults.compare(), manifest);
        String html = Files.readString(Reports.render(dir).html());
        int status = html.indexOf("<section class=\"status\"");
        assertThat(status).isPositive();
        assertThat(html.indexOf("<h2>Incomplete run</h2>")).isGreaterThan(status);
        assertThat(status).isLessThan(html.indexOf("<nav>")).isLessThan(html.indexOf("<section id=\"run\">"));
        assertThat(html).contains("only the replications that finished");
    }

    @Test
    void charts_eachPlacedInlineAsItsSvgFilesElement() throws Exception {
        Path dir = SyntheticResults.writeFolder(tmp.resolve("b"), SyntheticResults.compare(),
                SyntheticResults.manifest("run", null));
        var report = Reports.render(dir);
        String html = Files.readString(report.html());
        for (Path file : report.charts()) {
            String svg = Files.readString(file);
            String element = svg.substring(svg.indexOf("<svg "), svg.lastIndexOf("</svg>") + "</svg>".length());
            assertThat(html).as(file.toString()).contains("\">" + element + "</div>\n<figcaption>");
        }
        assertThat(report.charts()).hasSize(12);
    }

    @Test
    void charts_hostileVariantName_escapedInsideTheSvgsAndTheTables() throws Exception {
        String hostile = "</svg><script>alert(1)</script> & co";
        ResultsDocument compare = SyntheticResults.compare();
        List<VariantResult> renamed = new ArrayList<>();
        for (VariantResult v : compare.variants()) {
            renamed.add(Summaries.variant(v.name().equals("hardware") ? hostile : v.name(), Map.of(),
                    v.replications()));
        }
        ResultsDocument doc = ResultsDocument.of("hostile", compare.seed(), renamed);
        Path dir = SyntheticResults.writeFolder(tmp.resolve("x"), doc, SyntheticResults.manifest("run", null));
        String html = Files.readString(Reports.render(dir).html());
        assertThat(html).doesNotContain("<script>alert").doesNotContain("</svg><script>")
                .contains("&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
        int svgs = html.split("<svg xmlns=", -1).length - 1;
        assertThat(svgs).isGreaterThan(5);
        assertThat(html.split("</svg>", -1)).hasSize(svgs + 1);
    }

    @Test
    void mergedHistograms_cdfFromThem_andTheirPercentilesBesideTheMeans() throws Exception {
        ResultsDocument doc = SyntheticResults.compare();
        Path dir = SyntheticResults.writeFolder(tmp.resolve("h"), doc, SyntheticResults.manifest("run", null));
        org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
        for (long v = 40_000; v < 240_000; v += 100) {
            h.recordValue(v);
        }
        for (int i = 0; i < doc.variants().size(); i++) {
            org.iommusim.core.results.StatValue s = org.iommusim.core.results.StatValue.builder(
                    "run.translation-latency", org.iommusim.core.stats.StatKind.HISTOGRAM, "ps", "d")
                    .field("mean", h.getMean()).histogram(h).build();
            VariantResult one = new VariantResult(doc.variants().get(i).name(), Map.of(), Map.of(), List.of(
                    new org.iommusim.core.results.Replication(0, 1,
                            org.iommusim.core.results.Snapshot.of(0, List.of(s)))));
            Files.createDirectories(dir.resolve("histograms"));
            Files.writeString(dir.resolve("histograms/v" + i + ".hlog"),
                    org.iommusim.core.results.HistogramLog.write(one));
        }
        var report = Reports.render(dir);
        String html = Files.readString(report.html());
        assertThat(html).contains("<h3>Percentiles of the merged histograms</h3>")
                .contains("run.translation-latency p99, merged histogram")
                .contains("run.translation-latency p99, mean of replications")
                .contains("the merged histogram of all replications (every recorded value)")
                .contains("href=\"histograms/v0.hlog\"");
        // p99 of 40..240 us in 100 ns steps is about 238 us
        assertThat(html).contains("238");
    }

    @Test
    void ciReachingBelowZero_clippedAtZeroInTheTables_andTheNoteSaysSo() throws Exception {
        // faults 0, 0, 9: mean 3, Student-t interval about [-9.9, 15.9]
        List<org.iommusim.core.results.Replication> reps = new java.util.ArrayList<>();
        double[] faults = {0, 0, 9};
        for (int k = 0; k < faults.length; k++) {
            reps.add(new org.iommusim.core.results.Replication(k, 1, org.iommusim.core.results.Snapshot.of(1000,
                    List.of(org.iommusim.core.results.StatValue.builder("run.dma-faults",
                            org.iommusim.core.stats.StatKind.COUNTER, "faults", "faults")
                            .field("value", faults[k]).build()))));
        }
        VariantResult v = Summaries.variant("only", Map.of(), reps);
        assertThat(v.summary().get("run.dma-faults").ci95Low()).isNegative();
        Path dir = SyntheticResults.writeFolder(tmp.resolve("ci"), ResultsDocument.of("ci", 1, List.of(v)),
                SyntheticResults.manifest("run", null));

        String html = Files.readString(Reports.render(dir).html());

        assertThat(html).contains("<small>[0, 15.91]</small>").doesNotContain("[-9").doesNotContain("[−9")
                .contains("Confidence intervals are clipped at zero (in 1 row)");
    }

    @Test
    void ciAboveZero_noClippingNote() throws Exception {
        Path dir = SyntheticResults.writeFolder(tmp.resolve("noclip"), SyntheticResults.compare(),
                SyntheticResults.manifest("run", null));
        assertThat(Files.readString(Reports.render(dir).html())).doesNotContain("clipped at zero");
    }

    @Test
    void statsJsonSaysIncomplete_statusBoxToo() throws Exception {
        Path dir = SyntheticResults.writeFolder(tmp.resolve("j"), SyntheticResults.compare().withComplete(false),
                SyntheticResults.manifest("run", null));
        String html = Files.readString(Reports.render(dir).html());
        assertThat(html).contains("<h2>Incomplete run</h2>");
        assertThat(html.indexOf("class=\"status\"")).isLessThan(html.indexOf("<section id=\"run\">"));
    }

    @Test
    void runWarnings_listedInTheStatusBoxAtTheTop() throws Exception {
        VariantResult hw = SyntheticResults.compare().variant("hardware");
        VariantResult warned = new VariantResult(hw.name(), hw.overrides(), hw.summary(), hw.replications(),
                List.of(new org.iommusim.core.results.RunWarning("saturated", "host.work-queue",
                        "the host work queue dropped 12 <requests>")));
        Path dir = SyntheticResults.writeFolder(tmp.resolve("w"), ResultsDocument.of("s", 1, List.of(warned)),
                SyntheticResults.manifest("run", null));
        String html = Files.readString(Reports.render(dir).html());
        int status = html.indexOf("class=\"status\"");
        assertThat(status).isPositive().isLessThan(html.indexOf("<nav>"));
        assertThat(html).contains("<h2>Run warnings</h2>")
                .contains("<strong>hardware</strong> · saturated · host.work-queue: the host work queue dropped 12"
                        + " &lt;requests&gt;");
    }

    @Test
    void completeRun_noStatusBox() throws Exception {
        Path dir = SyntheticResults.writeFolder(tmp.resolve("c"), SyntheticResults.compare(),
                SyntheticResults.manifest("run", null));
        assertThat(Files.readString(Reports.render(dir).html())).doesNotContain("class=\"status\"");
    }

    @Test
    void hostileNames_encodedInTextAndAttributes() throws Exception {
        VariantResult base = SyntheticResults.compare().variant("hardware");
        VariantResult evil = Summaries.variant("<script>alert(\"x\")</script> & 'q'",
                Map.of("iommu.nesting", "\"><img src=x onerror=alert(1)>"), base.replications());
        ResultsDocument doc = ResultsDocument.of("s<b>cenario</b>", 1, List.of(evil));
        Path dir = SyntheticResults.writeFolder(tmp.resolve("e"), doc, null);
        String html = Files.readString(Reports.render(dir).html());
        assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<b>cenario")
                .contains("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;q&#39;")
                .contains("<h1>s&lt;b&gt;cenario&lt;/b&gt;</h1>")
                .contains("&#34;&gt;&lt;img src=x onerror=alert(1)&gt;");
    }
    @Test
    void findingsJson_sentencesOpenThePage_warningsLeftToTheStatusBox() throws Exception {
        Path dir = SyntheticResults.writeFolder(tmp.resolve("f"), SyntheticResults.compare(),
                SyntheticResults.manifest("run", null));
        StringBuilder json = new StringBuilder("{\"findingsVersion\": 1, \"findings\": [");
        json.append("{\"kind\": \"warning\", \"sentence\": \"host.cpu is saturated\"}");
        for (int i = 1; i <= FindingsSection.SHOWN + 2; i++) {
            json.append(", {\"kind\": \"difference\", \"sentence\": \"difference number ").append(i)
                    .append(i == 1 ? " <b>" : "").append("\"}");
        }
        Files.writeString(dir.resolve(FindingsSection.FILE), json.append("]}").toString());
        String html = Files.readString(Reports.render(dir).html());
        int section = html.indexOf("<section class=\"findings\"");
        assertThat(section).isPositive().isLessThan(html.indexOf("<nav>"));
        assertThat(html).contains("<li>difference number 1 &lt;b&gt;</li>")
                .contains("<li>difference number " + FindingsSection.SHOWN + "</li>")
                .doesNotContain("difference number " + (FindingsSection.SHOWN + 1) + "<")
                .contains("2 more in <a href=\"findings.json\">findings.json</a>")
                .doesNotContain("host.cpu is saturated");
        assertThat(html.indexOf("difference number 1 ")).isLessThan(html.indexOf("difference number 2<"));
    }

    @Test
    void noFindingsJson_noFindingsSection_emptyOneSaysSo() throws Exception {
        Path dir = SyntheticResults.writeFolder(tmp.resolve("n"), SyntheticResults.compare(),
                SyntheticResults.manifest("run", null));
        assertThat(Files.readString(Reports.render(dir).html())).doesNotContain("class=\"findings\"");
        Files.writeString(dir.resolve(FindingsSection.FILE), "{\"findingsVersion\": 1, \"findings\": []}");
        assertThat(Files.readString(Reports.render(dir).html())).contains("class=\"findings\"")
                .contains("No significant difference");
    }
}

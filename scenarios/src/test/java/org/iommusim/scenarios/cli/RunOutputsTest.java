package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.ResultsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden test of the runner: a fixed-seed small scenario's stats.json is byte-identical across
 * two runs and across --jobs 1 and --jobs 2; the output folder holds every promised file; the
 * stats.json contract (variants, overrides, summary, replications) and the manifest hold.
 */
class RunOutputsTest {
    @TempDir
    Path dir;

    private final CliRig cli = new CliRig();

    private Path run(String out, String... extra) {
        return cli.runScenarioOk(dir, "small.yaml", out, extra);
    }

    @Test
    void statsJson_byteIdentical_acrossRunsAndJobCounts() throws Exception {
        byte[] a = Files.readAllBytes(run("a", "--jobs", "1", "-q").resolve("stats.json"));
        byte[] b = Files.readAllBytes(run("b", "--jobs", "1", "-q").resolve("stats.json"));
        byte[] c = Files.readAllBytes(run("c", "--jobs", "2", "-q").resolve("stats.json"));
        assertThat(b).isEqualTo(a);
        assertThat(c).isEqualTo(a);
        byte[] d = Files.readAllBytes(run("d", "--jobs", "2", "-q", "--seed", "7").resolve("stats.json"));
        assertThat(d).isNotEqualTo(a);
    }

    @Test
    void outputFolder_holdsEveryFile_andTheContract() throws Exception {
        Path out = run("r");
        assertThat(out.resolve("config.effective.yaml")).exists();
        assertThat(out.resolve("stats.csv")).exists();
        assertThat(out.resolve("stats.txt")).exists();
        // each variant's latency histograms, merged over its replications, beside stats.json
        assertThat(out.resolve("histograms/v0.hlog")).content().contains("Tag=run.translation-latency,");
        assertThat(out.resolve("histograms/v1.hlog")).exists();
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
        ResultsDocument doc = ResultsJson.read(out.resolve("stats.json"));
        assertThat(doc.scenario()).isEqualTo("small");
        assertThat(doc.variants()).extracting(v -> v.name()).containsExactly("hardware", "software");
        assertThat(doc.variant("software").overrides()).containsEntry("ioasids.vm.nesting", "software");
        assertThat(doc.variant("hardware").replications()).hasSize(2);
        assertThat(doc.variant("hardware").summary()).containsKeys("run.dma-throughput", "run.translation-latency.p99");
        double hw = doc.variant("hardware").summary().get("run.control-cpu-time").mean();
        double sw = doc.variant("software").summary().get("run.control-cpu-time").mean();
        assertThat(sw).isGreaterThan(hw);
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.get("seed").asLong()).isEqualTo(1);
        assertThat(manifest.get("replications").asInt()).isEqualTo(2);
        assertThat(manifest.get("warmup").asText()).isEqualTo("5us");
        assertThat(manifest.get("complete").asBoolean()).isTrue();
        assertThat(manifest.get("eventsExecuted").asLong()).isPositive();
        assertThat(manifest.get("eventsPerSecond").asLong()).isPositive();
        assertThat(manifest.has("wallTimeSeconds")).isTrue();
        assertThat(cli.out.toString()).contains("run.dma-throughput").contains("hardware").contains("software")
                .contains("results: " + out).containsPattern(" [kMG]B/s ").doesNotContain(" ps ");
        assertThat(manifest.get("commandLine").asText()).startsWith("iommusim run ").contains("--no-report");
        assertThat(manifest.get("jobs").asInt()).as("--jobs left out: one per processor (the run fits the heap)")
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(manifest.get("sets")).isEmpty();
        assertThat(manifest.get("host").get("cpus").asInt()).isPositive();
        assertThat(manifest.get("host").get("name").asText()).isNotEmpty();
        assertThat(manifest.get("jvm").get("version").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(manifest.get("jvm").get("flags").isArray()).isTrue();
        assertThat(java.time.Instant.parse(manifest.get("ended").asText()))
                .isAfterOrEqualTo(java.time.Instant.parse(manifest.get("started").asText()));
    }

    @Test
    void sweep_writesSweepCsv_withSweptParametersInOverrides() throws Exception {
        Path scenario = CliRig.write(dir, "sweep.yaml", CliRig.scenario("sweep.yaml"));
        Path out = dir.resolve("s");
        assertThat(cli.run("sweep", scenario.toString(), "--out", out.toString(), "--no-report", "-q", "--jobs", "2"))
                .as(cli.err.toString()).isZero();
        ResultsDocument doc = ResultsJson.read(out.resolve("stats.json"));
        assertThat(doc.variants()).hasSize(4);
        assertThat(doc.variants().get(1).overrides()).containsEntry("iommu.iotlb.entries", "16")
                .containsEntry("devices.dev0.dma.queueDepth", "8");
        double small = doc.variants().get(0).summary().get("run.iotlb-hit-ratio").mean();
        double large = doc.variants().get(2).summary().get("run.iotlb-hit-ratio").mean();
        assertThat(large).isGreaterThan(small);
        String csv = Files.readString(out.resolve("sweep.csv"));
        long headline = doc.variants().get(0).summary().keySet().stream()
                .filter(k -> k.startsWith("run.") && !k.contains(".series")).count();
        assertThat(csv.lines().count()).isEqualTo(1 + 4 * headline);
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("variant,iommu.iotlb.entries,"
                + "devices.dev0.dma.queueDepth,statistic,unit,mean,ci95Low,ci95High,n");
        // numeric swept values, the variant's own name without the point, full-precision means
        String row = csv.lines().filter(l -> l.startsWith("base,16,8,run.iotlb-hit-ratio,ratio,")).findFirst()
                .orElseThrow();
        assertThat(Double.parseDouble(row.split(",")[5]))
                .isEqualTo(doc.variants().get(1).summary().get("run.iotlb-hit-ratio").mean());
    }

    @Test
    void quiet_printsOnlyTheResultsPath_andManifestKeepsSetsAndJobs() throws Exception {
        Path out = run("q", "-q", "--jobs", "2", "--set", "replications=2");
        assertThat(cli.out.toString()).isEqualTo(out + System.lineSeparator());
        assertThat(cli.err.toString()).isEmpty();
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.get("jobs").asInt()).isEqualTo(2);
        assertThat(manifest.get("sets").get(0).asText()).isEqualTo("replications=2");
        assertThat(manifest.get("arguments").toString()).contains("\"--jobs\",\"2\"");
    }

    @Test
    void sweep_ofScenarioWithoutSweep_isBadInput() {
        Path scenario = CliRig.write(dir, "small.yaml", CliRig.scenario("small.yaml"));
        assertThat(cli.run("sweep", scenario.toString(), "--out", dir.resolve("x").toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains("has no sweep");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}

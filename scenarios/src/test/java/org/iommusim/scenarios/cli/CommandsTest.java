package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.ResultsJson;
import org.iommusim.hw.cache.ReplacementPolicies;
import org.iommusim.scenarios.model.StatisticsCatalog;
import org.iommusim.scenarios.model.ScenarioSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate, config, list and compare: what each prints and returns. */
class CommandsTest {
    @TempDir
    Path dir;

    private final CliRig cli = new CliRig();

    @Test
    void validate_countsVariantsAndRuns() {
        Path s = CliRig.write(dir, "small.yaml", CliRig.scenario("small.yaml"));
        assertThat(cli.run("validate", s.toString())).isZero();
        assertThat(cli.out.toString()).contains("valid (2 variant(s), 4 run(s))");
    }

    @Test
    void config_printsReference_andEffectiveConfigurationWithOverrides() {
        assertThat(cli.run("config", "--reference")).isZero();
        assertThat(cli.out.toString()).isEqualTo(ScenarioSchema.reference());
        Path s = CliRig.write(dir, "small.yaml", CliRig.scenario("small.yaml"));
        assertThat(cli.run("config", "--dump", s.toString(), "--set", "iommu.walkers=7")).isZero();
        assertThat(cli.out.toString()).contains("walkers: 7  # --set iommu.walkers=7").contains("name: small").contains("  preset: intel-vtd  # default");
        assertThat(cli.run("config")).isEqualTo(2);
    }

    @Test
    void list_printsRegistries() {
        assertThat(cli.run("list", "policies")).isZero();
        assertThat(cli.out.toString().lines()).containsExactlyElementsOf(ReplacementPolicies.names());
        assertThat(cli.run("list", "devices")).isZero();
        assertThat(cli.out.toString()).contains("nic", "nvme", "gpu", "dma", "trace");
        assertThat(cli.run("list", "stats")).isZero();
        assertThat(cli.out.toString()).isEqualTo(StatisticsCatalog.markdown());
        assertThat(cli.run("list", "things")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("scenarios");
    }

    @Test
    void compare_twoScenarios_areTwoVariantsNamedAfterThem() throws Exception {
        String one = CliRig.scenario("sweep.yaml").replaceAll("(?s)sweep:.*", "").replace("duration: 200us", "duration: 20us");
        Path a = CliRig.write(dir, "a.yaml", one.replace("name: small-sweep", "name: small-tlb"));
        Path b = CliRig.write(dir, "b.yaml", one.replace("name: small-sweep", "name: large-tlb")
                .replace("ioasids:", "iommu: {iotlb: {entries: 4096}}\nioasids:"));
        Path out = dir.resolve("cmp");
        assertThat(cli.run("compare", a.toString(), b.toString(), "--out", out.toString(), "--no-report", "-q"))
                .as(cli.err.toString()).isZero();
        ResultsDocument doc = ResultsJson.read(out.resolve("stats.json"));
        assertThat(doc.scenario()).isEqualTo("small-tlb-vs-large-tlb");
        assertThat(doc.variants()).extracting(v -> v.name()).containsExactly("small-tlb", "large-tlb");
        assertThat(cli.run("compare", a.toString(), "--out", dir.resolve("x").toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains("single variant");
    }

    @Test
    void compare_threeScenarios_runsAll_andRecordsEachConfigurationAndSource() throws Exception {
        String one = CliRig.scenario("sweep.yaml").replaceAll("(?s)sweep:.*", "").replace("duration: 200us", "duration: 20us")
                .replace("replications: 2", "replications: 1");
        Path a = CliRig.write(dir, "a.yaml", one.replace("name: small-sweep", "name: base"));
        Path b = CliRig.write(dir, "b.yaml", one.replace("name: small-sweep", "name: big-pages")
                .replace("ioasids:", "iommu: {iotlb: {entries: 4096}}\nioasids:"));
        Path c = CliRig.write(dir, "c.yaml", one.replace("name: small-sweep", "name: base")
                .replace("ioasids:", "iommu: {iotlb: {entries: 64}}\nioasids:"));
        Path out = dir.resolve("cmp3");
        assertThat(cli.run("compare", a.toString(), b.toString(), c.toString(), "--out", out.toString(), "--no-report",
                "-q")).as(cli.err.toString()).isZero();
        ResultsDocument doc = ResultsJson.read(out.resolve("stats.json"));
        assertThat(doc.variants()).extracting(v -> v.name()).containsExactly("base-a", "big-pages", "base-b");
        assertThat(Files.readString(out.resolve("config.effective.big-pages.yaml"))).contains("entries: 4096");
        assertThat(Files.readString(out.resolve("config.effective.base-b.yaml"))).contains("entries: 64");
        assertThat(Files.readString(out.resolve("config.effective.yaml"))).contains("entries: 4096", "entries: 64",
                "from " + b, "from " + c);
        var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.get("compared")).hasSize(3);
        assertThat(manifest.get("compared").get(1).get("source").asText()).isEqualTo(b.toString());
        assertThat(manifest.get("compared").get(2).get("config").asText()).isEqualTo("config.effective.base-b.yaml");
    }
}

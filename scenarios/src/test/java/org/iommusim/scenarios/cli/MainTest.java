package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.iommusim.scenarios.config.ConfigException;
import org.iommusim.scenarios.config.Diagnostic;
import org.iommusim.scenarios.config.Origin;
import org.junit.jupiter.api.Test;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void version_printsToolAndJavaVersions() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("iommusim ").contains("Java 17");
    }

    @Test
    void help_listsSubcommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("bench").contains("Usage: iommusim");
    }

    @Test
    void unknownOption_exitsTwoWithMessageAndNoStackTrace() {
        assertThat(run("--frobnicate")).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("Unknown option: '--frobnicate'").doesNotContain("at org.");
    }

    @Test
    void missingSubcommand_exitsTwoNamingTheChoices() {
        assertThat(run()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("Missing subcommand").contains("bench");
        assertThat(run("bench")).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("Missing benchmark").contains("kernel");
    }

    @Test
    void benchKernelBadSize_exitsTwo() {
        assertThat(run("bench", "kernel", "--rounds", "0")).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("--rounds");
        assertThat(run("bench", "kernel", "--rounds", "many")).isEqualTo(Main.EXIT_BAD_INPUT);
    }

    @Test
    void benchKernelJson_reportsEveryModelWithRatiosAndChecks() throws Exception {
        assertThat(run("bench", "kernel", "--json", "--customers", "20000", "--hold-events", "20000",
                "--rounds", "1", "--warmups", "0")).isZero();
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("benchmark").asText()).isEqualTo("kernel");
        JsonNode results = root.get("results");
        assertThat(results).hasSize(4);
        assertThat(results.get(0).get("model").asText()).isEqualTo("mm1");
        assertThat(results.get(0).get("events").asLong()).isEqualTo(40_000);
        for (JsonNode r : results) {
            assertThat(r.get("kernelEventsPerSec").asDouble()).isPositive();
            assertThat(r.get("baselineEventsPerSec").asDouble()).isPositive();
            assertThat(r.get("ratio").asDouble()).isPositive();
        }
        assertThat(results.get(1).get("model").asText()).isEqualTo("mm1-streams");
        assertThat(results.get(2).get("check").asText()).isEqualTo("final clocks agree");
        assertThat(results.get(3).get("model").asText()).isEqualTo("hold-100000");
    }

    @Test
    void benchTranslateJson_reportsWalkRatesAndHeapPerPage() throws Exception {
        assertThat(run("bench", "translate", "--json", "--pages", "2000", "--walks", "20000")).isZero();
        JsonNode f = new ObjectMapper().readTree(out.toString()).get("figures");
        assertThat(f.get("mappedPages").asLong()).isEqualTo(2000);
        assertThat(f.get("singleStageWalksPerSecond").asDouble()).isPositive();
        assertThat(f.get("nestedWalksPerSecond").asDouble()).isPositive();
        assertThat(f.get("nestedReadsPerWalk").asDouble()).isEqualTo(24.0);
    }

    @Test
    void benchModelJson_reportsEveryWorkloadWithItsFigures() throws Exception {
        assertThat(run("bench", "model", "--json", "--workload", "iotlb-hit", "--set", "duration=10us",
                "--rounds", "1", "--warmups", "0")).isZero();
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("benchmark").asText()).isEqualTo("model");
        assertThat(root.get("loadAverage")).isNotNull();
        assertThat(root.get("cpus").asInt()).isPositive();
        JsonNode results = root.get("results");
        assertThat(results).hasSize(1);
        JsonNode r = results.get(0);
        assertThat(r.get("workload").asText()).isEqualTo("iotlb-hit");
        for (String f : new String[] {"translationsPerSecond", "translationsPerCpuSecond", "eventsPerSecond", "kernelEventsPerSecond",
            "ratioToKernel", "peakHeapBytes", "liveHeapBytes", "targetTranslationsPerCpuSecond"}) {
            assertThat(r.get(f).asDouble()).as(f).isPositive();
        }
        assertThat(r.get("allocatedBytesPerTranslation").asDouble()).isNotNegative();
        assertThat(r.get("liveHeapBytesTenfold").asLong()).isEqualTo(-1);
        assertThat(r.get("targetMet").isBoolean()).isTrue();
    }

    @Test
    void benchModelUnknownWorkload_exitsTwo() {
        assertThat(run("bench", "model", "--workload", "nope")).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("no workload 'nope'");
    }

    @Test
    void benchTranslateBadSize_exitsTwo() {
        assertThat(run("bench", "translate", "--pages", "0")).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("--pages");
    }

    @Test
    void configException_isBadInputWithMessageOnly() {
        PrintWriter w = new PrintWriter(err);
        int code = Main.report(new ConfigException(new Diagnostic(Origin.file("s.yaml", 2, 3), "cache.entires",
                "key 'cache.entires' is unknown; did you mean 'entries'?")), w);
        w.flush();
        assertThat(code).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("s.yaml:2:3").contains("did you mean 'entries'").doesNotContain("at org.");
    }

    @Test
    void unexpectedException_isInternalErrorWithStackTrace() {
        PrintWriter w = new PrintWriter(err);
        assertThat(Main.report(new IllegalStateException("boom"), w)).isEqualTo(Main.EXIT_INTERNAL);
        w.flush();
        assertThat(err.toString()).contains("internal error").contains("boom").contains("at org.");
    }

    @Test
    void outOfMemoryOnAWorkerThread_saysHowToRaiseTheHeap_noStackTrace() {
        PrintWriter w = new PrintWriter(err);
        Exception wrapped = new java.util.concurrent.ExecutionException(new OutOfMemoryError("Java heap space"));
        assertThat(Main.report(new IllegalStateException("replication failed", wrapped), w))
                .isEqualTo(Main.EXIT_BAD_INPUT);
        w.flush();
        assertThat(err.toString()).startsWith("iommusim: out of memory").contains("MiB").contains("IOMMUSIM_HEAP=4g")
                .contains("--jobs 1").doesNotContain("at org.").doesNotContain("internal error");
    }
}

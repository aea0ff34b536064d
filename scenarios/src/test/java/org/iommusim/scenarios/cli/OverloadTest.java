package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.iommusim.core.results.Replication;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.ResultsJson;
import org.iommusim.core.results.RunWarning;
import org.iommusim.core.results.VariantResult;
import org.iommusim.hw.iommu.control.HostCpuConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overload is bounded and reported: a guest mapping and invalidating at 1000/us on one host core
 * (each operation costs microseconds) is held back at the host's queue limit — the work waiting
 * for the core never exceeds the limit and is as long at the end as at mid-run (flat: counted in
 * queued items, not timed) — the refusals are counted against the workload, and the run warns
 * that host.cpu is saturated, in stats.json (read back), stats.txt and on stderr.
 */
class OverloadTest {
    @TempDir
    Path dir;

    @Test
    void guestMapsAt1000PerUsOnOneCore_queueBounded_refusalsCounted_saturationReported() throws Exception {
        Path out = new CliRig().runScenarioOk(dir, "overload.yaml", "out", "-q");
        ResultsDocument doc = ResultsJson.read(out.resolve("stats.json"));
        VariantResult v = doc.variants().get(0);
        int limit = HostCpuConfig.DEFAULT_QUEUE_LIMIT;
        for (Replication r : v.replications()) {
            var s = r.snapshot().scalars();
            // + one tick's two operations, + the NVMe driver's per-I/O work of its 8 outstanding I/Os
            // (a driver's completion work is never refused, like interrupt-driven work)
            assertThat(s.get("host.cores.queue-length.max")).as("never more waiting than the limit (+ one tick's two"
                    + " operations and the drive's 8 I/Os)").isLessThanOrEqualTo(limit + 2.0 + 8)
                    .isGreaterThan(limit / 2.0);
            assertThat(s.get("watch.host.cpu.queue-end")).as("flat: as many queued at the end as at mid-run")
                    .isBetween(s.get("watch.host.cpu.queue-mid") - 2 - 8, (double) limit + 2 + 8);
            assertThat(s.get("wl.guest.refused")).as("ticks held back").isPositive();
            assertThat(s.get("cp.refused")).isEqualTo(s.get("wl.guest.refused"));
            assertThat(s.get("watch.host.cpu.utilisation")).isGreaterThan(0.98);
        }
        assertThat(v.warnings()).extracting(RunWarning::kind, RunWarning::resource)
                .contains(org.assertj.core.groups.Tuple.tuple("saturated", "host.cpu"));
        RunWarning w = v.warnings().get(0);
        assertThat(w.message()).contains("host.cpu").contains("'" + v.name() + "'").contains("utilisation");
        // stats.txt wraps lines at 120 columns (issue 18): compare with line breaks folded
        assertThat(Files.readString(out.resolve("stats.txt")).replaceAll("\\s+", " ")).contains("warnings")
                .contains(w.message().replaceAll("\\s+", " "));
        assertThat(Files.readString(out.resolve("stats.json"))).contains("\"warnings\"");
    }

    @Test
    void anUnloadedRun_hasNoWarnings_andNoWarningsKeyInStatsJson() throws Exception {
        CliRig cli = new CliRig();
        String text = CliRig.scenario("overload.yaml").replace("rate: 1000/us", "rate: 100000/s")
                .replace("cores: 1", "cores: 4");
        Path out = dir.resolve("out");
        assertThat(cli.run("run", CliRig.write(dir, "s.yaml", text).toString(), "--out", out.toString(), "--no-report",
                "-q")).as(cli.err.toString()).isZero();
        ResultsDocument doc = ResultsJson.read(out.resolve("stats.json"));
        assertThat(doc.variants().get(0).warnings()).isEmpty();
        assertThat(Files.readString(out.resolve("stats.json"))).doesNotContain("\"warnings\"");
        assertThat(Files.readString(out.resolve("stats.txt"))).doesNotContain("\nwarnings\n");
    }
}

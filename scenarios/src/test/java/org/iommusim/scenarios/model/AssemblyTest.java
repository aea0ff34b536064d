package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.experiment.ReplicationContext;
import org.iommusim.core.results.Snapshot;
import org.iommusim.scenarios.config.ConfigException;
import org.iommusim.scenarios.model.ScenarioSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the assembly adds to the models: stop conditions, headline sums, page requests, trace replay. */
class AssemblyTest {
    private static final String HOST = """
            duration: 200us
            warmup: 10us
            ioasids:
              - name: host
                maps:
                  - {iova: 256MiB, pa: 256GiB, bytes: 4MiB}
            devices:
              - {name: a, kind: dma, ioasid: host, dma: {span: 4MiB}}
              - {name: b, kind: dma, ioasid: host, dma: {span: 4MiB, requestBytes: 8KiB, queueDepth: 2}}
            """;

    @TempDir
    Path dir;

    private static Snapshot run(String yaml, Path baseDir, String... sets) {
        var c = ScenarioSchema.loader().load(yaml, "t.yaml", List.of(sets));
        ScenarioModel m = new ScenarioModel(c, baseDir);
        m.check();
        return m.run(new ReplicationContext(c.value().seed(), 0));
    }

    private static double v(Snapshot s, String name) {
        return s.get(name).primary();
    }

    @Test
    void headlineSums_equalTheDevicesFigures() {
        Snapshot s = run(HOST, dir);
        assertThat(v(s, "run.dmas-completed")).isEqualTo(v(s, "dev.a.completed") + v(s, "dev.b.completed")).isPositive();
        assertThat(s.get("run.translation-latency").field("count"))
                .isEqualTo(s.get("dev.a.translation-latency").field("count") + s.get("dev.b.translation-latency").field("count"));
        double bytes = v(s, "dev.a.bytes") + v(s, "dev.b.bytes");
        assertThat(v(s, "run.dma-throughput")).isCloseTo(bytes / 200e-6, org.assertj.core.data.Percentage.withPercentage(1e-6));
        assertThat(s.get("run.walk-rate.series").hasSeries()).isTrue();
        assertThat(s.get("run.walk-rate.series").seriesTimes()).hasSize(20);
    }

    @Test
    void translationNone_bypassesTheIommu_passThroughOnlyLooksUpTheContext() {
        // generic: its out-of-order IOTLB misses cost the device throughput here; intel-vtd's do not
        Snapshot iommu = run(HOST, dir, "iommu.preset=generic");
        Snapshot none = run(HOST, dir, "devices.a.translation=none", "devices.b.translation=none");
        Snapshot pt = run(HOST, dir, "devices.a.translation=pass-through", "devices.b.translation=pass-through");
        assertThat(v(iommu, "iommu.translations")).isPositive();
        assertThat(v(none, "iommu.translations")).as("no IOMMU on the path").isZero();
        assertThat(v(none, "dev.a.translations")).isZero();
        assertThat(v(none, "dev.a.completed")).isGreaterThan(v(iommu, "dev.a.completed"));
        assertThat(v(pt, "iommu.translations")).isPositive();
        assertThat(v(pt, "iommu.walk.count")).as("identity: no walks").isZero();
        assertThat(v(pt, "iommu.iotlb-served")).as("no IOTLB").isZero();
        assertThat(v(pt, "dev.a.aborted")).isZero();
    }

    @Test
    void maxDmas_stopsMeasurementOnceReached() {
        Snapshot full = run(HOST, dir);
        Snapshot capped = run(HOST, dir, "maxDmas=500");
        assertThat(v(full, "run.dmas-completed")).isGreaterThan(1000);
        assertThat(v(capped, "run.dmas-completed")).isBetween(500.0, 500.0 + v(full, "run.dmas-completed") / 200);
        assertThat(capped.simulatedTime()).isLessThan(full.simulatedTime());
    }

    @Test
    void pageRequests_mapFaultingPages_andTheDmasComplete() {
        String unmapped = HOST.replace("dma: {span: 4MiB}}", "dma: {span: 4MiB, base: 512MiB}}")
                .replace("    maps:", "    pageRequests: true\n    pageRequestOffset: 255GiB\n    maps:");
        // PCIe PRI requires ATS (PriRules): the devices have ATS in both runs
        Snapshot off = run(unmapped, dir, "devices.a.ats.enabled=true", "devices.b.ats.enabled=true");
        Snapshot on = run(unmapped, dir, "iommu.pri.enabled=true", "devices.a.ats.enabled=true",
                "devices.b.ats.enabled=true");
        assertThat(v(off, "dev.a.completed")).isZero();
        assertThat(v(off, "dev.a.aborted")).isPositive();
        assertThat(v(on, "dev.a.aborted")).isZero();
        assertThat(v(on, "dev.a.completed")).isPositive();
        assertThat(v(on, "pri.requests")).isPositive();
    }

    @Test
    void traceDevice_replaysItsFile_relativeToTheScenario() throws Exception {
        List<String> lines = new ArrayList<>(List.of("time,device,pasid,iova,size,dir"));
        for (int i = 0; i < 100; i++) {
            lines.add((i * 1000) + ",1,0," + (0x1000_0000L + i * 4096L) + ",4096," + (i % 2 == 0 ? "R" : "W"));
        }
        Files.write(dir.resolve("t.csv"), lines);
        String yaml = HOST.replaceAll("(?s)devices:.*", "devices:\n  - {name: t, kind: trace, ioasid: host, trace: {file: t.csv}}\n");
        Snapshot s = run(yaml, dir, "warmup=0ps");
        assertThat(v(s, "dev.t.completed")).isEqualTo(100);
        assertThat(v(s, "dev.t.read-bytes")).isEqualTo(50 * 4096);
    }

    @Test
    void missingTraceFile_isLocatedBadInput() {
        String yaml = HOST.replaceAll("(?s)devices:.*", "devices:\n  - {name: t, kind: trace, ioasid: host, trace: {file: nope.csv}}\n");
        var c = ScenarioSchema.loader().load(yaml, "t.yaml", List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ScenarioModel(c, dir).check())
                .isInstanceOf(ConfigException.class).hasMessageContaining("devices.t.trace.file")
                .hasMessageContaining("nope.csv");
    }
}

package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.iommusim.core.experiment.ReplicationContext;
import org.iommusim.core.results.Snapshot;
import org.iommusim.hw.device.NvmeConfig;

import org.junit.jupiter.api.Test;

/**
 * The {@code nvme} preset's driver CPU per I/O ({@code devices[].driver.perPacket}): by default
 * {@link NvmeConfig#HOST_PER_IO_PS} per completed I/O in {@code cp.cpu.driver}, a set value
 * replaces it, 0 removes it; no driver work is free (HostPathsTest's rule).
 */
class NvmeDriverCpuTest {
    private static final String YAML = """
            name: nvme-cpu
            question: Does the NVMe driver pay its per-I/O CPU?
            duration: 200us
            warmup: 50us
            replications: 1
            ioasids:
              - name: host
                maps:
                  - {iova: 1GiB, pa: 256GiB, bytes: 16MiB, pageSize: 4KiB}
            devices:
              - name: nvme
                kind: nvme
                ioasid: host
                nvme: {workingSet: 16MiB, iovaBase: 1GiB, queueDepth: 8}
            """;

    private static Snapshot run(String... sets) {
        var c = ScenarioSchema.loader().load(YAML, "nvme-cpu.yaml", List.of(sets));
        ScenarioModel m = new ScenarioModel(c, Path.of("."));
        m.check();
        Snapshot s = m.run(new ReplicationContext(c.value().seed(), 0));
        HostPathsTest.noFreeWorkAndCategoriesAddUp(s, false);
        return s;
    }

    private static double v(Snapshot s, String stat) {
        return s.get(stat).primary();
    }

    @Test
    void defaultDriver_paysTheLinuxBlockPathPerIo() {
        Snapshot s = run();
        double driverOps = v(s, "cp.op.driver.count");
        assertThat(v(s, "dev.nvme.io.completed")).isPositive();
        assertThat(driverOps).as("one driver work per I/O, up to the I/Os at the window's edges")
                .isCloseTo(v(s, "dev.nvme.io.completed"), org.assertj.core.data.Offset.offset(9.0));
        assertThat(v(s, "cp.op.driver.cpu-time")).isEqualTo(driverOps * NvmeConfig.HOST_PER_IO_PS);
    }

    @Test
    void calibrationScenario_everyVariantBuilds() throws java.io.IOException {
        // the scenario behind CALIBRATION.md's NVMe IOPS table stays loadable as the schema evolves
        HostPathsTest.everyVariantBuilds("nvme-qd.yaml", 3);
    }

    @Test
    void setCost_replacesTheDefault_andZeroRemovesIt() {
        Snapshot paid = run("devices.nvme.driver.perPacket=3us");
        assertThat(v(paid, "cp.op.driver.cpu-time")).isEqualTo(v(paid, "cp.op.driver.count") * 3_000_000);
        Snapshot free = run("devices.nvme.driver.perPacket=0ps");
        assertThat(v(free, "cp.op.driver.count")).isZero();
        assertThat(v(free, "cp.cpu.driver")).isZero();
    }
}

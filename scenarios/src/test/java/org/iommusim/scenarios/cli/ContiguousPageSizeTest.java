package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 64 KiB pages exist where the page-table format encodes them (Arm SMMUv3's Contiguous hint,
 * AMD-Vi's v1 tables) and are bad input under VT-d: exit 2, the key, what the preset allows and
 * the rule, no stack trace.
 */
class ContiguousPageSizeTest {
    private static final String SCENARIO = """
            duration: 20us
            ioasids:
              - {name: host, levels: 4, maps: [{iova: 1GiB, pa: 256GiB, bytes: 1MiB, pageSize: 64KiB}]}
            devices:
              - {name: dev0, kind: dma, ioasid: host, dma: {base: 1GiB, span: 1MiB}}
            """;

    @TempDir
    Path dir;

    private final CliRig cli = new CliRig();

    @Test
    void pageSize64K_isRefusedUnderVtd_namingTheRule() {
        Path s = CliRig.write(dir, "s.yaml", SCENARIO);
        assertThat(cli.run("validate", s.toString(), "--set", "iommu.preset=intel-vtd")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("ioasids.host.maps.0.pageSize").contains("65536 bytes")
                .contains("preset 'intel-vtd'").contains("allows pages of 4KiB, 2MiB, 1GiB")
                .contains("VT-d has no 64KiB page").doesNotContain("Exception");
    }

    @Test
    void pageSize64K_runsUnderSmmuv3AndAmdVi() {
        Path s = CliRig.write(dir, "s.yaml", SCENARIO);
        for (String p : new String[] {"arm-smmuv3", "amd-vi"}) {
            assertThat(cli.run("validate", s.toString(), "--set", "iommu.preset=" + p)).as(p + ": " + cli.err).isZero();
        }
        assertThat(cli.run("run", s.toString(), "--set", "iommu.preset=arm-smmuv3", "--no-report", "-q", "--out",
                dir.resolve("out").toString())).as(cli.err.toString()).isZero();
    }

    /** sva-gpu's process tables in 64 KiB pages: arm64's contpte folios under SMMUv3; neither VT-d nor AMD-Vi's v2 tables. */
    @Test
    void gpuProcessTables64K_runUnderSmmuv3_refusedUnderVtdAndAmdVi() {
        String[] args = {"--set", "devices.gpu0.gpu.guestPageSize=64KiB", "--set", "duration=20us", "--set",
            "warmup=10us", "--set", "replications=1", "--no-report", "-q"};
        assertThat(cli.run(concat(new String[] {"run", "sva-gpu", "--set", "iommu.preset=intel-vtd"}, args))).isEqualTo(2);
        assertThat(cli.err.toString()).contains("devices.gpu0.gpu.guestPageSize").contains("VT-d has no 64KiB page")
                .doesNotContain("Exception");
        assertThat(cli.run(concat(new String[] {"run", "sva-gpu", "--set", "iommu.preset=amd-vi"}, args))).isEqualTo(2);
        assertThat(cli.err.toString()).contains("AMD_IOMMU_PGSIZES_V2").doesNotContain("Exception");
        assertThat(cli.run(concat(new String[] {"run", "sva-gpu", "--set", "iommu.preset=arm-smmuv3", "--out",
            dir.resolve("gpu").toString()}, args))).as(cli.err.toString()).isZero();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}

package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.iommusim.scenarios.model.ScenarioSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config --reference --preset X and config --dump's provenance column. */
class ConfigPresetTest {
    @TempDir
    Path dir;

    private final CliRig cli = new CliRig();

    @Test
    void referenceWithPreset_printsThatPresetsDefaults() {
        assertThat(cli.run("config", "--reference", "--preset", "arm-smmuv3")).as(cli.err.toString()).isZero();
        String arm = cli.out.toString();
        assertThat(arm).contains("  preset: arm-smmuv3\n").contains("  contextWalkReads: 3\n")
                .contains("    format: arm-smmuv3\n").contains("    depth: 65536\n")
                .isNotEqualTo(ScenarioSchema.reference());
        assertThat(cli.run("config", "--reference", "--preset", "intel-vtd")).isZero();
        assertThat(cli.out.toString()).contains("  preset: intel-vtd\n").contains("    latency: 270ns\n")
                .isNotEqualTo(arm);
    }

    /** The fault and page-request queues are the preset's (FaultFormats), not one architecture's for all. */
    @Test
    void referenceWithPreset_printsThatArchitecturesFaultAndPageRequestQueues() {
        String[][] expect = {{"intel-vtd", "8", "2047"}, {"arm-smmuv3", "32768", "65536"}, {"amd-vi", "512", "512"},
            {"generic", "128", "2047"}};
        for (String[] e : expect) {
            assertThat(cli.run("config", "--reference", "--preset", e[0])).as(cli.err.toString()).isZero();
            String out = cli.out.toString();
            String fault = out.substring(out.indexOf("  faultQueue:\n"));
            String pri = out.substring(out.indexOf("  pri:\n"));
            assertThat(fault).as(e[0]).contains("    capacity: " + e[1] + "\n");
            assertThat(pri).as(e[0]).contains("    queueDepth: " + e[2] + "\n");
        }
    }

    @Test
    void unknownPreset_isBadInput_namingTheAllowedOnes() {
        assertThat(cli.run("config", "--reference", "--preset", "power9")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("power9").contains("intel-vtd, arm-smmuv3, amd-vi, generic");
        assertThat(cli.out.toString()).isEmpty();
    }

    @Test
    void presetWithDump_isBadInput_pointingToSet() {
        Path s = CliRig.write(dir, "s.yaml", "duration: 10us\n");
        assertThat(cli.run("config", "--dump", s.toString(), "--preset", "amd-vi")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("--set iommu.preset=amd-vi");
    }

    @Test
    void dump_showsWhereEachValueCameFrom() {
        Path s = CliRig.write(dir, "s.yaml", "duration: 10us\niommu:\n  preset: amd-vi\n  walkers: 4\n"
                + "ioasids:\n  - {name: host, maps: [{iova: 0, pa: 1GiB, bytes: 1MiB}]}\n"
                + "devices:\n  - {name: d, kind: dma, ioasid: host, dma: {span: 1MiB}}\n");
        assertThat(cli.run("config", "--dump", s.toString(), "--set", "iommu.maxInFlight=32"))
                .as(cli.err.toString()).isZero();
        String out = cli.out.toString();
        assertThat(out).contains("duration: 10us  # scenario " + s + ":1:11\n")
                .contains("  preset: amd-vi  # scenario ")
                .contains("  walkers: 4  # scenario " + s + ":4:12\n")
                .contains("  maxInFlight: 32  # --set iommu.maxInFlight=32\n")
                .contains("  contextWalkReads: 1  # preset amd-vi\n")
                .contains("seed: 1  # default\n");
    }
}

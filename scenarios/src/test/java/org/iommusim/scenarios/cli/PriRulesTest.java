package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PCIe rules on who may wait for the host (scenarios' {@code PriRules}): a device sending
 * page requests without ATS, and a lazy-fill IOASID used by a device without PRI, are refused at
 * load — exit 2, the key and the rule named, no stack trace, no output — while the same scenario
 * with ATS on runs.
 */
class PriRulesTest {
    @TempDir
    Path dir;

    private int validate(CliRig cli, String resource, boolean ats) {
        String text = CliRig.scenario(resource);
        assertThat(text).contains("    ats: {enabled: true}\n");
        String edited = ats ? text : text.replace("    ats: {enabled: true}\n", "");
        return cli.run("validate", CliRig.write(dir, "s.yaml", edited).toString());
    }

    @Test
    void pageRequestsWithoutAts_exitTwo_namingTheDeviceAndTheRule() throws Exception {
        CliRig cli = new CliRig();
        assertThat(validate(cli, "host-work-pri.yaml", false)).as(cli.err.toString()).isEqualTo(2);
        assertThat(cli.err.toString()).contains("s.yaml:").contains("key 'devices.dev0'")
                .contains("sends page requests").contains("rule: PCIe PRI requires ATS").doesNotContain("\tat ");
        Path out = dir.resolve("out");
        assertThat(cli.run("run", dir.resolve("s.yaml").toString(), "--out", out.toString(), "-q")).isEqualTo(2);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("s.yaml");
        }
    }

    @Test
    void pageRequestsWithAts_isValid() {
        CliRig cli = new CliRig();
        assertThat(validate(cli, "host-work-pri.yaml", true)).as(cli.err.toString()).isZero();
    }

    @Test
    void lazyFillForADeviceWithoutPri_exitTwo_namingTheKeyAndTheRule() {
        CliRig cli = new CliRig();
        assertThat(validate(cli, "host-work-lazy-fill.yaml", false)).as(cli.err.toString()).isEqualTo(2);
        assertThat(cli.err.toString()).contains("key 'ioasids.vm.lazyFill'").contains("device 'dev0'")
                .contains("only a device with PRI, which requires ATS, can wait for it").doesNotContain("\tat ");
    }

    @Test
    void lazyFillWithoutPriEnabled_exitTwo() {
        CliRig cli = new CliRig();
        String text = CliRig.scenario("host-work-lazy-fill.yaml").replace("pri: {enabled: true}", "pri: {enabled: false}");
        assertThat(cli.run("validate", CliRig.write(dir, "s.yaml", text).toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains("key 'ioasids.vm.lazyFill'").contains("iommu.pri.enabled false");
    }

    @Test
    void lazyFillForAPriDevice_isValid() {
        CliRig cli = new CliRig();
        assertThat(validate(cli, "host-work-lazy-fill.yaml", true)).as(cli.err.toString()).isZero();
    }
}

package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages that say what is wrong and what is allowed: the declared range of a key rather than
 * the Java type's, "out of range" for a duration beyond the key's range, and the reason a file
 * could not be read or written.
 */
class MessagesTest {
    private static final String SMALL = "src/test/resources/scenarios/small.yaml";

    @TempDir
    Path dir;

    private static String validate(String... sets) {
        CliRig cli = new CliRig();
        String[] args = new String[2 + 2 * sets.length];
        args[0] = "validate";
        args[1] = SMALL;
        for (int i = 0; i < sets.length; i++) {
            args[2 + 2 * i] = "--set";
            args[3 + 2 * i] = sets[i];
        }
        assertThat(cli.run(args)).as(cli.err.toString()).isEqualTo(2);
        assertThat(cli.err.toString()).doesNotContain("\tat ");
        return cli.err.toString();
    }

    @Test
    void integerBeyondTheType_statesTheKeysRange() {
        assertThat(validate("iommu.iotlb.entries=1099511627776"))
                .contains("1099511627776 is out of range; allowed: 1 to 16777216").doesNotContain("2147483647");
    }

    @Test
    void durationBeyondSimulatedTime_isOutOfRange_withTheKeysRange() {
        assertThat(validate("duration=3153600000s")) // 100 years
                .contains("3153600000s is out of range; allowed: 1ns to 1000s").doesNotContain("expected a duration");
    }

    @Test
    void durationBeyondSimulatedTime_withoutDeclaredRange_statesTheTimeRange() throws Exception {
        var type = new org.iommusim.scenarios.config.FieldSpec.ScalarType(
                org.iommusim.scenarios.config.FieldSpec.ScalarKind.DURATION, long.class, java.util.List.of());
        try {
            org.iommusim.scenarios.config.Scalars.parse(type, "3153600000s");
            throw new AssertionError("parsed");
        } catch (org.iommusim.scenarios.config.Scalars.OutOfRange e) {
            assertThat(e.getMessage()).contains("out of range; allowed: 0ps to ");
        }
    }

    @Test
    void missingTraceFile_saysNoSuchFile() throws Exception {
        String text = Files.readString(Path.of(SMALL)).replace("kind: nvme", "kind: trace\n    trace: {file: absent.trace}");
        Path file = CliRig.write(dir, "t.yaml", text);
        CliRig cli = new CliRig();
        assertThat(cli.run("validate", file.toString())).as(cli.err.toString()).isEqualTo(2);
        assertThat(cli.err.toString()).contains("absent.trace").contains("no such file").doesNotContain("\tat ");
    }

    @Test
    void missingScenarioFileGivenAsPath_isNamed() {
        CliRig cli = new CliRig();
        assertThat(cli.run("validate", dir.resolve("absent.yaml").toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains("absent.yaml").doesNotContain("\tat ");
    }

    @Test
    void unwritableOut_saysPermissionDenied() throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(locked), "running as root: permissions are not enforced");
            CliRig cli = new CliRig();
            assertThat(cli.run("run", SMALL, "--out", locked.resolve("out").toString(), "-q")).isEqualTo(2);
            assertThat(cli.err.toString()).contains("permission denied").doesNotContain("\tat ");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}

package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A scenario that would simulate nothing — an empty file, a file of comments only, a scenario
 * without devices — is bad input for {@code run} and {@code validate} alike: exit 2, "nothing to
 * simulate: no devices", and no output folder.
 */
class NothingToSimulateTest {
    @TempDir
    Path dir;

    static Stream<Arguments> scenarios() {
        String noDevices = CliRig.scenario("small.yaml").replaceAll("(?s)devices:.*?workloads:", "workloads:");
        return Stream.of(
                Arguments.of("empty file", ""),
                Arguments.of("comments only", "# nothing here yet\n# still nothing\n"),
                Arguments.of("no devices", noDevices),
                Arguments.of("empty device list", "devices: []\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenarioWithoutDevices_isRefused_byRunAndValidate(String what, String text) throws Exception {
        assertThat(text).doesNotContain("kind: nvme");
        Path file = CliRig.write(dir, "s.yaml", text);
        CliRig cli = new CliRig();
        assertThat(cli.run("validate", file.toString())).as(cli.err.toString()).isEqualTo(2);
        assertThat(cli.err.toString()).contains("nothing to simulate: no devices").doesNotContain("\tat ")
                .doesNotContain("default of");
        Path out = dir.resolve("out");
        assertThat(cli.run("run", file.toString(), "--out", out.toString(), "-q")).as(cli.err.toString()).isEqualTo(2);
        assertThat(cli.err.toString()).contains("nothing to simulate: no devices").doesNotContain("\tat ");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("s.yaml");
        }
    }
}

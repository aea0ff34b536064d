package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An {@code --out} a run could not end in is refused before the scenario runs: exit 2 with the
 * reason. The scenario here would simulate 1000 s, so a check made only after running would
 * time the test out.
 */
class OutputPathTest {
    @TempDir
    static Path dir;

    static Stream<Arguments> paths() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("old.txt"), "old");
        return Stream.of(
                Arguments.of("empty", "", "--out is empty"),
                Arguments.of("current folder", ".", "is the current folder or contains it"),
                Arguments.of("parent of the current folder", "..", "is the current folder or contains it"),
                Arguments.of("a file", file.toString(), "exists and is a file"),
                Arguments.of("below a file", file.resolve("out").toString(), "is a file, not a folder"),
                Arguments.of("a folder with files", full.toString(), "already exists and is not empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void unusableOut_isRefusedBeforeRunning(String what, String out, String reason) throws Exception {
        String text = CliRig.scenario("small.yaml").replace("duration: 30us", "duration: 1000s");
        Path scenario = CliRig.write(dir, "long.yaml", text);
        for (String command : new String[] {"run", "compare", "sweep"}) {
            CliRig cli = new CliRig();
            assertThat(cli.run(command, scenario.toString(), "--out", out, "-q")).as(cli.err.toString()).isEqualTo(2);
            assertThat(cli.err.toString()).contains(reason).doesNotContain("\tat ").doesNotContain("Exception");
        }
        assertThat(Files.readString(dir.resolve("full").resolve("old.txt"))).isEqualTo("old");
    }
}

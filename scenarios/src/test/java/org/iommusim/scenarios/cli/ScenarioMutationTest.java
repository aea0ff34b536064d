package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Robustness: 10^4 random mutations of a valid scenario (deleted or renamed keys, wrong types,
 * huge numbers, garbage bytes, truncation, duplicated lines) through {@code validate}: the exit
 * code is always 0 or 2, never an internal error, and bad input never prints a stack trace. The
 * seed is printed on failure.
 */
class ScenarioMutationTest {
    private static final int MUTATIONS = 10_000;
    private static final long SEED = 20261124L;
    private static final String[] VALUES = {"0", "-1", "99999999999999999999", "1e308", "4KiB", "3", "true", "~",
        "[]", "{}", "[1, 2", "x", "\"\"", "80ns", "NaN", "software", "2MiB", "0x10", "1/us", "-5us"};

    @TempDir
    Path dir;

    @Test
    void mutatedScenarios_exitZeroOrTwo_never_internalError() throws Exception {
        String base = CliRig.scenario("mutation.yaml");
        SplittableRandom rnd = new SplittableRandom(SEED);
        Path file = dir.resolve("m.yaml");
        CliRig cli = new CliRig();
        int bad = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] mutated = mutate(base, rnd);
            Files.write(file, mutated);
            int code = cli.run("validate", file.toString());
            String text = new String(mutated, StandardCharsets.UTF_8);
            assertThat(code).as("mutation %d (seed %d):%n%s%n%s", i, SEED, text, cli.err).isIn(0, 2);
            assertThat(cli.err.toString()).as("mutation %d (seed %d)", i, SEED).doesNotContain("\tat ");
            bad += code == 2 ? 1 : 0;
        }
        assertThat(bad).as("most mutations are bad input").isGreaterThan(MUTATIONS / 2);
    }

    private static byte[] mutate(String text, SplittableRandom rnd) {
        String[] lines = text.split("\n", -1);
        int i = rnd.nextInt(lines.length);
        String line = lines[i];
        switch (rnd.nextInt(7)) {
            case 0 -> lines[i] = "";
            case 1 -> lines[i] = line.replaceFirst("[a-zA-Z]", "q");
            case 2 -> lines[i] = line.replaceFirst(":\\s*[^{\\[]+$", ": " + VALUES[rnd.nextInt(VALUES.length)]);
            case 3 -> lines[i] = line + lines[rnd.nextInt(lines.length)];
            case 4 -> lines[i] = " ".repeat(rnd.nextInt(5)) + line.trim();
            case 5 -> {
                byte[] b = text.getBytes(StandardCharsets.UTF_8);
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                return b;
            }
            default -> {
                return text.substring(0, rnd.nextInt(text.length())).getBytes(StandardCharsets.UTF_8);
            }
        }
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }
}

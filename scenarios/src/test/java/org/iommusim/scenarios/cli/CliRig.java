package org.iommusim.scenarios.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the CLI in-process with captured output, and reads the test scenarios. */
final class CliRig {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    /** Runs the resource scenario into {@code dir/out}, asserting success (stderr shown otherwise); the folder. */
    Path runScenarioOk(Path dir, String resource, String out, String... extra) {
        org.assertj.core.api.Assertions.assertThat(runScenario(dir, resource, out, extra)).as(err.toString()).isZero();
        return dir.resolve(out);
    }

    /**
     * Runs {@code run SCENARIO --out DIR/OUT --no-report EXTRA...} with the test scenario
     * {@code resource} written into {@code dir}; returns the exit code (the folder is {@code dir/out}).
     */
    int runScenario(Path dir, String resource, String out, String... extra) {
        Path scenario = write(dir, resource, scenario(resource));
        String[] args = new String[5 + extra.length];
        args[0] = "run";
        args[1] = scenario.toString();
        args[2] = "--out";
        args[3] = dir.resolve(out).toString();
        args[4] = "--no-report";
        System.arraycopy(extra, 0, args, 5, extra.length);
        return run(args);
    }

    static String scenario(String name) {
        try (var in = CliRig.class.getResourceAsStream("/scenarios/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

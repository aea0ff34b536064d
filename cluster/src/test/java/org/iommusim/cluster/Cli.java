package org.iommusim.cluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.iommusim.scenarios.cli.Main;

/** Runs the iommusim CLI in-process (the cluster jar's class path: Spark included) with captured output. */
final class Cli {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    /** Copies the test scenario {@code name} into {@code dir}. */
    static Path scenario(Path dir, String name) {
        try (var in = Cli.class.getResourceAsStream("/scenarios/" + name)) {
            return Files.writeString(dir.resolve(name), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

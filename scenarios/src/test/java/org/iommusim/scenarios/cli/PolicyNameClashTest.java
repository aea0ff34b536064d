package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.iommusim.hw.cache.ReplacementPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replacement policy installed from outside the model under a built-in's name: the CLI, in a
 * JVM of its own whose class path adds a {@code META-INF/services} file registering
 * {@link LruNamed}, prints what clashes and exits with code 2, without a stack trace.
 */
class PolicyNameClashTest {
    @TempDir
    Path dir;

    /** Registered (only in the child JVM) as {@code lru}, which the built-in LRU policy already uses. */
    public static final class LruNamed implements ReplacementPolicy.Type {
        @Override
        public String name() {
            return "lru";
        }

        @Override
        public ReplacementPolicy create(int sets, int ways, RandomGenerator rng) {
            throw new UnsupportedOperationException("never built: the name clash stops the CLI first");
        }
    }

    private Process cli(String... args) throws Exception {
        Path plugin = dir.resolve("plugin");
        Path services = plugin.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(ReplacementPolicy.Type.class.getName()), LruNamed.class.getName() + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = plugin + File.pathSeparator + System.getProperty("java.class.path");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", classPath, Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log.txt").toFile()).start();
    }

    @Test
    void registeredPolicy_namedLikeBuiltIn_exits2NamingTheClash() throws Exception {
        Process p = cli("list", "policies");
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve("log.txt"));
        assertThat(p.exitValue()).as(log).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(log).startsWith("iommusim: the replacement policy " + LruNamed.class.getName())
                .contains("named 'lru', which a built-in policy already uses; give it another name")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void registeredPolicy_namedLikeBuiltIn_stopsARunBeforeAnyOutput() throws Exception {
        Path out = dir.resolve("out");
        Process p = cli("run", "walk-cost", "--out", out.toString(), "--no-report");
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve("log.txt"));
        assertThat(p.exitValue()).as(log).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(log).contains("named 'lru'").doesNotContain("\tat ");
        assertThat(out).doesNotExist();
    }
}

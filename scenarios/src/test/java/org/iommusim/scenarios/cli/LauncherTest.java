package org.iommusim.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code iommusim} launcher's JVM flags: C1-only compilation and a bounded heap for the
 * commands that run scenarios, full tiered compilation and the JVM's own heap for {@code bench},
 * and the user's {@code IOMMUSIM_JAVA_OPTS} after the defaults (a later flag wins). The launcher
 * runs in a copy of the repository's root holding only a built jar, with a {@code java} on the
 * PATH that prints its arguments instead of starting a JVM, so nothing is built or run.
 */
class LauncherTest {
    @TempDir
    Path root;

    @Test
    void run_c1OnlyAndBoundedHeap() throws Exception {
        List<String> args = launch(Map.of(), "run", "hw-vs-sw");
        assertThat(args).contains("-XX:TieredStopAtLevel=1", "-Xmx768m", "-XX:+UseParallelGC");
        assertThat(args.subList(args.indexOf("-jar"), args.size())).endsWith("run", "hw-vs-sw");
    }

    @Test
    void optionsBeforeTheCommand_stillARun() throws Exception {
        assertThat(launch(Map.of(), "--quiet-unknown", "report", "DIR")).contains("-XX:TieredStopAtLevel=1", "-Xmx768m");
    }

    @Test
    void bench_fullTieredCompilationAndTheJvmsHeap() throws Exception {
        List<String> args = launch(Map.of(), "bench", "model");
        assertThat(args).contains("-XX:+UseParallelGC")
                .noneMatch(a -> a.startsWith("-XX:TieredStopAtLevel") || a.startsWith("-Xmx"));
    }

    @Test
    void heapAndJavaOpts_overrideTheDefaults() throws Exception {
        List<String> args = launch(Map.of("IOMMUSIM_HEAP", "3g",
                "IOMMUSIM_JAVA_OPTS", "-XX:TieredStopAtLevel=4 -Xmx5g"), "run", "x.yaml");
        assertThat(args).contains("-Xmx3g").doesNotContain("-Xmx768m");
        // the user's options come after the defaults, so the JVM takes theirs
        assertThat(args.lastIndexOf("-XX:TieredStopAtLevel=4")).isGreaterThan(args.indexOf("-XX:TieredStopAtLevel=1"));
        assertThat(args.lastIndexOf("-Xmx5g")).isGreaterThan(args.indexOf("-Xmx3g"));
    }

    /** The arguments the launcher hands to {@code java} for {@code cli}. */
    private List<String> launch(Map<String, String> env, String... cli) throws IOException, InterruptedException {
        Path launcher = Path.of("..", "iommusim").toAbsolutePath().normalize();
        assertThat(launcher).exists();
        Files.copy(launcher, root.resolve("iommusim"));
        Path jar = root.resolve("scenarios/target/iommusim.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "not a jar: the stub java never opens it");
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(root.resolve("iommusim"), PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("iommusim").toString()));
        command.addAll(List.of(cli));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("IOMMUSIM_CDS", "0");
        pb.environment().remove("IOMMUSIM_JAVA_OPTS");
        pb.environment().remove("IOMMUSIM_HEAP");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().toList();
    }
}

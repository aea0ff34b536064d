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
 * the user's {@code IOMMUSIM_JAVA_OPTS} after the defaults (a later flag wins), and the start-up
 * archive (class-data sharing) made once per build and used by every later run. The launcher
 * runs in a copy of the repository's root holding only a built jar, with a {@code java} on the
 * PATH that prints its arguments instead of starting a JVM (and logs each call; for the archive's
 * training and dump it writes the file it is asked for), so nothing is built or run.
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

    @Test
    void firstRunAfterABuild_makesTheArchiveOnce_everyRunUsesIt() throws Exception {
        Map<String, String> cds = Map.of("IOMMUSIM_CDS", "1");
        Path jsa = root.resolve("scenarios/target/iommusim.jsa");
        List<String> first = launch(cds, "run", "hw-vs-sw");
        List<String> calls = Files.readAllLines(root.resolve("calls"));
        assertThat(calls).hasSize(3);
        assertThat(calls.get(0)).contains("-XX:DumpLoadedClassList=").contains(" run hw-vs-sw ");
        assertThat(calls.get(1)).contains("-Xshare:dump", "-XX:SharedClassListFile=", "-cp " + jar());
        assertThat(jsa).content().isEqualTo("archive");
        assertThat(first).contains("-XX:SharedArchiveFile=" + jsa, "-XX:TieredStopAtLevel=1");
        assertThat(first.subList(first.indexOf("-jar"), first.size())).endsWith("run", "hw-vs-sw");

        assertThat(launch(cds, "compare", "a.yaml", "b.yaml")).contains("-XX:SharedArchiveFile=" + jsa);
        assertThat(Files.readAllLines(root.resolve("calls"))).as("no second training").hasSize(4);

        assertThat(jar().toFile().setLastModified(System.currentTimeMillis() + 5000)).isTrue(); // a new build
        launch(cds, "run", "hw-vs-sw");
        assertThat(Files.readAllLines(root.resolve("calls"))).as("trained again for the new jar").hasSize(7);
    }

    @Test
    void trainingFails_runsWithoutAnArchive_andDoesNotTryAgainBeforeTheNextBuild() throws Exception {
        stubFails = "DumpLoadedClassList";
        Map<String, String> cds = Map.of("IOMMUSIM_CDS", "1");
        assertThat(launch(cds, "run", "hw-vs-sw")).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
        assertThat(root.resolve("scenarios/target/iommusim.jsa")).isEmptyFile();
        assertThat(launch(cds, "run", "hw-vs-sw")).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
        assertThat(Files.readAllLines(root.resolve("calls"))).hasSize(3); // one failed training, two runs
    }

    @Test
    void cdsOff_noArchiveMadeOrUsed() throws Exception {
        assertThat(launch(Map.of("IOMMUSIM_CDS", "0"), "run", "hw-vs-sw"))
                .noneMatch(a -> a.startsWith("-XX:SharedArchiveFile") || a.startsWith("-XX:DumpLoadedClassList"));
        assertThat(Files.readAllLines(root.resolve("calls"))).hasSize(1);
        assertThat(root.resolve("scenarios/target/iommusim.jsa")).doesNotExist();
    }

    /** The argument of the stub's calls that makes it fail (exit 1), or null. */
    private String stubFails;

    private Path jar() {
        return root.resolve("scenarios/target/iommusim.jar");
    }

    /** The arguments the launcher hands to {@code java} for {@code cli}. */
    private List<String> launch(Map<String, String> env, String... cli) throws IOException, InterruptedException {
        Path launcher = Path.of("..", "iommusim").toAbsolutePath().normalize();
        assertThat(launcher).exists();
        if (!Files.exists(root.resolve("iommusim"))) {
            Files.copy(launcher, root.resolve("iommusim"));
        }
        Path jar = jar();
        Files.createDirectories(jar.getParent());
        if (!Files.exists(jar)) {
            Files.writeString(jar, "not a jar: the stub java never opens it");
        }
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path java = bin.resolve("java");
        // prints its arguments, logs the call, writes the class list or archive it is asked for
        Files.writeString(java, "#!/bin/bash\necho \"$*\" >> '" + root.resolve("calls") + "'\n"
                + (stubFails == null ? "" : "case \"$*\" in *" + stubFails + "*) exit 1 ;; esac\n")
                + "for a in \"$@\"; do case \"$a\" in -XX:DumpLoadedClassList=*) echo x > \"${a#*=}\" ;;"
                + " -XX:SharedArchiveFile=*) case \"$*\" in *-Xshare:dump*) printf archive > \"${a#*=}\" ;; esac ;;"
                + " esac; done\n"
                + "for a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
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

package org.iommusim.scenarios.runner;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a run was started, for {@code manifest.json} (what gem5 records beside its statistics):
 * the command line as typed, the {@code --set} overrides, {@code --jobs}, the start time, and
 * the build (version, git commit when built from a checkout). {@link #environment} adds the JVM
 * with its flags and the host (name, CPU count, OS) as they are when asked.
 */
public record Invocation(List<String> args, List<String> sets, int jobs, Instant started, String version,
        Optional<String> gitCommit) {
    public Invocation {
        args = List.copyOf(args);
        sets = List.copyOf(sets);
    }

    /** An invocation starting now. */
    public static Invocation now(List<String> args, List<String> sets, int jobs, String version,
            Optional<String> gitCommit) {
        return new Invocation(args, sets, jobs, Instant.now().truncatedTo(ChronoUnit.MILLIS), version, gitCommit);
    }

    /** The command line as one string, each argument quoted when it holds a space or a quote. */
    public String commandLine() {
        StringBuilder sb = new StringBuilder("iommusim");
        for (String a : args) {
            sb.append(' ').append(a.isEmpty() || a.matches(".*[\\s'\"\\\\$`].*") ? "'" + a.replace("'", "'\\''") + "'" : a);
        }
        return sb.toString();
    }

    /** The JVM (version, vendor, flags) and the host (name, CPU count, OS), in manifest order. */
    static Map<String, Object> environment() {
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("version", System.getProperty("java.version"));
        jvm.put("vendor", System.getProperty("java.vendor"));
        jvm.put("vm", System.getProperty("java.vm.name"));
        jvm.put("flags", ManagementFactory.getRuntimeMXBean().getInputArguments());
        jvm.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("name", hostName());
        host.put("cpus", Runtime.getRuntime().availableProcessors());
        host.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("jvm", jvm);
        env.put("host", host);
        return env;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "unknown" : env;
        }
    }
}

package org.iommusim.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on 127.0.0.1 for tests: a master and one worker, each a child JVM
 * started from the Spark jars on this test's class path ({@code org.apache.spark.deploy.master.Master},
 * {@code org.apache.spark.deploy.worker.Worker}), on free loopback ports. {@link #close} stops
 * both and the executors the worker started, always within bounded time.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private final List<Process> processes = new ArrayList<>();
    private final Path dir;
    final int port;

    StandaloneCluster(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        this.port = freePort();
        Path sparkHome = Files.createDirectories(dir.resolve("spark-home/jars"));
        // INFO on stdout: the start-up lines awaited below (iommusim's own config says WARN)
        Files.writeString(dir.resolve("log4j2.properties"), String.join("\n", "rootLogger.level = info",
                "rootLogger.appenderRef.out.ref = out", "appender.out.type = Console", "appender.out.name = out",
                "appender.out.layout.type = PatternLayout", "appender.out.layout.pattern = %d %p %c{1}: %m%n%ex", ""));
        try {
            Process master = start("master", "org.apache.spark.deploy.master.Master", sparkHome.getParent(),
                    "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port",
                    Integer.toString(freePort()));
            awaitLog(master, "master", "I have been elected leader");
            Process worker = start("worker", "org.apache.spark.deploy.worker.Worker", sparkHome.getParent(),
                    "--host", "127.0.0.1", "--cores", "2", "--memory", "1g", "--webui-port",
                    Integer.toString(freePort()), "--work-dir", Files.createDirectories(dir.resolve("work")).toString(),
                    url());
            awaitLog(worker, "worker", "Successfully registered with master");
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    String url() {
        return "spark://127.0.0.1:" + port;
    }

    String logs() {
        StringBuilder sb = new StringBuilder();
        for (String name : List.of("master", "worker")) {
            try {
                sb.append("--- ").append(name).append(":\n").append(Files.readString(dir.resolve(name + ".log")));
            } catch (IOException e) {
                sb.append("--- ").append(name).append(": ").append(e).append('\n');
            }
        }
        return sb.toString();
    }

    private Process start(String name, String mainClass, Path sparkHome, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m"));
        // the --add-opens flags this JVM was started with (surefire's argLine): Spark needs them on Java 17
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("-Dio.netty") || a.startsWith("-Djdk.reflect")) {
                cmd.add(a);
            }
        }
        cmd.add("-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_LOCAL_DIRS", dir.toString());
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private void awaitLog(Process p, String name, String line) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Path log = dir.resolve(name + ".log");
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("the Spark " + name + " exited (" + p.exitValue() + ")\n" + logs());
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the Spark " + name + " did not log '" + line + "' within " + START_TIMEOUT
                + "\n" + logs());
    }

    /** Stops the worker (and its executors), then the master: SIGTERM, then SIGKILL after 10 s. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
        processes.clear();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

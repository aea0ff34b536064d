package org.iommusim.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on 127.0.0.1 (a master and one worker started by the test from
 * the Spark jars; the executors are JVMs the worker starts): a small sweep submitted to it gives
 * the same stats.json bytes as the local runner.
 */
class StandaloneClusterTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void sweep_onStandaloneCluster_writesTheSameStatsJsonAsTheLocalRunner() throws Exception {
        Path scenario = Cli.scenario(dir, "sweep.yaml");
        Cli cli = new Cli();
        assertThat(cli.run("sweep", scenario.toString(), "--no-report", "-q", "--out", dir.resolve("local").toString()))
                .as(cli.err.toString()).isZero();
        try (StandaloneCluster cluster = new StandaloneCluster(Files.createDirectories(dir.resolve("cluster")))) {
            // executors get this class path (iommusim's classes are not in a jar during tests)
            Map<String, String> conf = Map.of("spark.executor.extraClassPath", System.getProperty("java.class.path"),
                    "spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1",
                    "spark.executor.memory", "512m", "spark.cores.max", "2", "spark.ui.enabled", "false");
            conf.forEach(System::setProperty);
            int code;
            try {
                code = cli.run("sweep", scenario.toString(), "--spark", cluster.url(), "--no-report", "-q",
                        "--out", dir.resolve("cluster-out").toString());
            } finally {
                conf.keySet().forEach(System::clearProperty);
            }
            assertThat(code).as(cli.err + "\n" + cluster.logs()).isZero();
            assertThat(cluster.logs()).contains("Launching executor");
        }
        assertThat(Files.readAllBytes(dir.resolve("cluster-out/stats.json")))
                .isEqualTo(Files.readAllBytes(dir.resolve("local/stats.json")));
    }
}

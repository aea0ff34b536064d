package org.iommusim.cluster;

import java.util.List;
import java.util.Locale;
import org.iommusim.core.results.ResultsJson;
import org.iommusim.scenarios.runner.Prepared;
import org.iommusim.scenarios.runner.Progress;
import org.iommusim.scenarios.runner.Runner;
import org.iommusim.scenarios.runner.ScenarioSource;

/**
 * The figures of docs/PERFORMANCE.md "Sweeps on Spark", measured in one JVM so that the two
 * paths share the machine's load: rounds alternating the local runner on 2 threads and Spark
 * local[2] on the 64-point bench sweep (Spark's context start timed apart), then the same with
 * 1 us points (the per-task overhead). Not a test: run by hand, see PERFORMANCE.md.
 */
public final class SparkSweepBench {
    private SparkSweepBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        ScenarioSource s = ScenarioSource.resolve(args.length > 1 ? args[1]
                : "scenarios/src/main/resources/iommusim/bench/sweep-64.yaml");
        Prepared full = Prepared.of(s, List.of(), 2);
        Prepared tiny = Prepared.of(s, List.of("duration=1us", "warmup=0ps", "replications=4"), 2);
        for (int r = 1; r <= rounds; r++) {
            for (Prepared p : List.of(full, tiny)) {
                long t0 = System.nanoTime();
                Runner.Outcome local = new Runner().run(p, 2, Progress.silent());
                double localS = (System.nanoTime() - t0) / 1e9;
                SparkTaskExecutor spark = new SparkTaskExecutor(SparkMaster.parse("local[2]"));
                long t1 = System.nanoTime();
                Runner.Outcome remote = new Runner().run(p, spark, Progress.silent());
                double sparkS = (System.nanoTime() - t1) / 1e9;
                boolean same = ResultsJson.toJson(local.results()).equals(ResultsJson.toJson(remote.results()));
                int tasks = p.runs();
                System.out.printf(Locale.ROOT, "round %d %-5s tasks %3d  jobs2 %6.2f s  spark %6.2f s (context start"
                        + " %5.2f s, tasks %6.2f s)  spark/jobs2 %.2f (without start %.2f)  per-task extra %.1f ms"
                        + "  identical %s  load %s%n", r, p == full ? "64pt" : "tiny", tasks, localS, sparkS,
                        spark.startSeconds(), sparkS - spark.startSeconds(), sparkS / localS,
                        (sparkS - spark.startSeconds()) / localS,
                        (sparkS - spark.startSeconds() - localS) * 1e3 * 2 / tasks, same, load());
            }
        }
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}

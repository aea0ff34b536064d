package org.iommusim.scenarios.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.experiment.ReplicationContext;
import org.iommusim.core.input.UserInputException;
import org.iommusim.scenarios.catalog.Catalog;
import org.iommusim.scenarios.model.Assembly;
import org.iommusim.scenarios.model.ScenarioModel;
import org.iommusim.scenarios.runner.Prepared;
import org.iommusim.scenarios.runner.ScenarioSource;

/**
 * The catalog part of {@code bench model}: what a run of each catalog scenario costs, as
 * simulated time per wall-clock second.
 *
 * <p>Method: each scenario is loaded and checked as {@code iommusim run} does it ({@link Prepared},
 * with the same {@code --set} overrides), then replication 0 of every plan point (variants and
 * sweep points) runs once, serially on this thread, with the scenario's seed. Timed per point:
 * building the model, simulating (a {@code warmup: auto} pilot run included) and taking the
 * statistics snapshot, as wall time and as this thread's CPU time; the simulated time is what the
 * kernel advanced (warm-up included). Not timed: loading and checking, the report. A scenario's
 * full run repeats this for each of its {@code replications} ({@link Row#replications}), on up to
 * {@code --jobs} threads. One measurement per scenario, after no warm-up: the first scenario
 * measured pays some of the JIT's compilation, so its ratio is a little low.
 */
public final class CatalogBench {
    /**
     * One catalog scenario's cost.
     *
     * @param scenario     its catalog name
     * @param points       plan points run (variants × sweep points), replication 0 of each
     * @param replications replications per point in a full run (not all measured)
     * @param simulatedPs  simulated time summed over the points' runs
     * @param wallSeconds  wall time of building, simulating and snapshotting them
     * @param cpuSeconds   CPU time of this thread meanwhile (not inflated by other load)
     */
    public record Row(String scenario, int points, int replications, long simulatedPs, double wallSeconds,
                      double cpuSeconds) {
        /** Simulated seconds per wall-clock second. */
        public double simulatedPerWallSecond() {
            return simulatedPs / 1e12 / wallSeconds;
        }

        /** Simulated seconds per CPU-second of the simulating thread. */
        public double simulatedPerCpuSecond() {
            return simulatedPs / 1e12 / cpuSeconds;
        }
    }

    private CatalogBench() {
    }

    /**
     * Measures each of {@code names} (catalog names; unknown ones are bad input naming the
     * catalog) with {@code sets} applied, in the order given.
     */
    public static List<Row> run(List<String> names, List<String> sets) {
        for (String n : names) {
            if (!Catalog.NAMES.contains(n)) {
                throw new UserInputException("no catalog scenario '" + n + "'; the catalog: "
                        + String.join(", ", Catalog.NAMES));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (String n : names) {
            rows.add(measure(n, sets));
        }
        return rows;
    }

    private static Row measure(String name, List<String> sets) {
        Prepared p = Prepared.of(ScenarioSource.resolve(name), sets);
        long[] simulated = new long[1];
        Assembly.Monitor monitor = new Assembly.Monitor() {
            @Override
            public void progressed(long simulatedPs, long events) {
                simulated[0] += simulatedPs;
            }
        };
        long wall = 0;
        long cpu = 0;
        for (ScenarioModel m : p.models()) {
            long w0 = System.nanoTime();
            long c0 = cpuNanos();
            m.runMeasured(new ReplicationContext(m.scenario().seed(), 0), monitor);
            cpu += cpuNanos() - c0;
            wall += System.nanoTime() - w0;
        }
        return new Row(name, p.models().size(), p.base().value().replications(), simulated[0], wall / 1e9,
                cpu / 1e9);
    }

    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /**
     * The table: per scenario the plan points run, replications of a full run, simulated time, wall
     * and CPU seconds, and simulated time per wall second and per CPU-second ({@code 1.52ms/s}).
     */
    public static void print(PrintWriter out, List<Row> rows) {
        out.printf(Locale.ROOT, "%ncatalog scenarios: replication 0 of every variant, serially%n");
        out.printf(Locale.ROOT, "%-22s %6s %5s %12s %9s %9s %14s %14s%n", "scenario", "points", "reps",
                "simulated", "wall s", "cpu s", "sim/wall-s", "sim/cpu-s");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-22s %6d %5d %12s %9.2f %9.2f %14s %14s%n", r.scenario(), r.points(),
                    r.replications(), SimTime.format(r.simulatedPs()), r.wallSeconds(), r.cpuSeconds(),
                    perSecond(r.simulatedPerWallSecond()), perSecond(r.simulatedPerCpuSecond()));
        }
    }

    /** Simulated seconds per second as a duration per second, e.g. {@code 1.52ms/s}. */
    public static String perSecond(double simulatedSeconds) {
        if (!Double.isFinite(simulatedSeconds)) {
            return "-";
        }
        return SimTime.format(Math.round(simulatedSeconds * 1e12)) + "/s";
    }
}

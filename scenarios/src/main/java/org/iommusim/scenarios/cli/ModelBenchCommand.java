package org.iommusim.scenarios.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.iommusim.core.input.UserInputException;
import org.iommusim.scenarios.bench.CatalogBench;
import org.iommusim.scenarios.bench.ModelBench;
import org.iommusim.scenarios.bench.ModelWorkload;
import org.iommusim.scenarios.catalog.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench model}: the whole model's speed on three fixed workloads ({@link ModelBench}) and
 * what a run of each catalog scenario costs in simulated time per wall second
 * ({@link CatalogBench}), printed as two tables or one JSON object with the machine's load
 * average at the start. The catalog part runs unless {@code --no-catalog}, or unless workloads or
 * device counts were chosen without {@code --scenario}; the workloads run unless only
 * {@code --scenario} was given.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = {"Translations and events per second of the whole model.",
            "Simulated page translations and kernel events per wall-clock second of the whole model (devices, IOTLB,"
                + " walkers, memory, statistics) on three fixed workloads: (a) iotlb-hit, (b) nested-miss, (c)"
                + " shadow-churn; allocation, peak and live heap; next to a same-run M/M/1 kernel yardstick. Medians"
                + " of --rounds after --warmups unmeasured runs.",
            "Then, for each catalog scenario, simulated time per wall-clock second of one replication of every"
                + " variant (what a run costs); skipped with --no-catalog or when only --workload/--devices are given."})
final class ModelBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--workload", paramLabel = "NAME",
            description = "Run only this workload (repeatable): iotlb-hit, nested-miss, shadow-churn.")
    List<String> workloads = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a key of every workload's scenario (e.g. duration=5ms, sampling=0ps).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds; medians are reported (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmups", defaultValue = "2", description = "Unmeasured JIT warm-up runs (default ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--devices", split = ",", paramLabel = "N",
            description = "Instead of the three workloads, the device-scaling curve: N DMA engines on one IOASID for"
                    + " each N given (e.g. 1,10,100,1000).")
    List<Integer> devices = new ArrayList<>();

    @Option(names = "--memory", description = "Also measure the live heap after a run ten times as long.")
    boolean memory;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "Measure only this catalog scenario (repeatable); without --workload, no workload runs.")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--no-catalog", description = "Skip the catalog scenarios' table.")
    boolean noCatalog;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || warmups < 0) {
            throw new UserInputException("--rounds must be >= 1 and --warmups >= 0");
        }
        List<ModelWorkload> chosen = new ArrayList<>();
        for (String n : scenarios) {
            if (!Catalog.NAMES.contains(n)) {
                throw new UserInputException("no catalog scenario '" + n + "'; the catalog: "
                        + String.join(", ", Catalog.NAMES));
            }
        }
        for (String n : workloads) {
            chosen.add(ModelWorkload.named(n).orElseThrow(() -> new UserInputException("no workload '" + n
                    + "'; choose iotlb-hit, nested-miss or shadow-churn")));
        }
        for (int n : devices) {
            if (n < 1) {
                throw new UserInputException("--devices needs counts >= 1");
            }
            chosen.add(ModelWorkload.devices(n));
        }
        boolean catalog = !noCatalog && (chosen.isEmpty() || !scenarios.isEmpty());
        boolean model = chosen.size() > 0 || scenarios.isEmpty();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<ModelBench.Result> results = model ? ModelBench.run(new ModelBench.Options(
                chosen.isEmpty() ? ModelWorkload.ALL : chosen, sets, warmups, rounds, 200_000, memory)) : List.of();
        List<CatalogBench.Row> rows = catalog
                ? CatalogBench.run(scenarios.isEmpty() ? Catalog.NAMES : scenarios, sets) : List.of();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = BenchCommand.jsonHeader("model");
            root.put("rounds", rounds);
            root.put("warmups", warmups);
            root.put("cpus", Runtime.getRuntime().availableProcessors());
            root.put("loadAverage", load);
            root.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
            ArrayNode setArr = root.putArray("sets");
            sets.forEach(setArr::add);
            ArrayNode arr = root.putArray("results");
            for (ModelBench.Result r : results) {
                arr.addPOJO(r);
            }
            ArrayNode cat = root.putArray("catalog");
            for (CatalogBench.Row r : rows) {
                cat.addObject().put("scenario", r.scenario()).put("points", r.points())
                        .put("replications", r.replications()).put("simulatedPs", r.simulatedPs())
                        .put("wallSeconds", r.wallSeconds()).put("cpuSeconds", r.cpuSeconds())
                        .put("simulatedPerWallSecond", r.simulatedPerWallSecond())
                        .put("simulatedPerCpuSecond", r.simulatedPerCpuSecond());
            }
            out.println(BenchCommand.json(root));
            return 0;
        }
        out.printf(Locale.ROOT, "load average %.2f on %d cpus; medians of %d rounds after %d warm-ups%n", load,
                Runtime.getRuntime().availableProcessors(), rounds, warmups);
        out.printf(Locale.ROOT, "%-14s %12s %12s %12s %7s %10s %9s %9s %9s %9s %9s %10s  %s%n", "workload", "transl/s",
                "transl/cpu-s", "events/s", "ev/tr", "B/transl", "setup s", "snap s", "peak MiB", "live MiB",
                "x kernel", "cpu target", "met");
        for (ModelBench.Result r : results) {
            out.printf(Locale.ROOT, "%-14s %12.0f %12.0f %12.0f %7.2f %10.1f %9.3f %9.3f %9.1f %9.1f %9.3f %10.0f  %s%n",
                    r.workload(), r.translationsPerSecond(), r.translationsPerCpuSecond(), r.eventsPerSecond(), r.eventsPerTranslation(),
                    r.allocatedBytesPerTranslation(), r.setupSeconds(), r.snapshotSeconds(), r.peakHeapBytes() / 1048576.0,
                    r.liveHeapBytes() / 1048576.0, r.ratioToKernel(), r.targetTranslationsPerCpuSecond(),
                    r.targetTranslationsPerCpuSecond() == 0 ? "-" : r.targetMet() ? "yes" : "NO");
            if (r.liveHeapBytesTenfold() >= 0) {
                out.printf(Locale.ROOT, "%-14s live heap after a 10x longer run: %.1f MiB (1x: %.1f MiB)%n", "",
                        r.liveHeapBytesTenfold() / 1048576.0, r.liveHeapBytes() / 1048576.0);
            }
        }
        if (!results.isEmpty()) {
            out.printf(Locale.ROOT, "kernel yardstick (M/M/1 events/s, median): %.0f%n",
                    results.get(0).kernelEventsPerSecond());
        }
        if (!rows.isEmpty()) {
            CatalogBench.print(out, rows);
        }
        return 0;
    }
}

package org.iommusim.scenarios.cli;

import org.iommusim.core.input.UserInputException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.iommusim.scenarios.bench.KernelBench;
import org.iommusim.scenarios.bench.TranslateBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code iommusim bench …}: performance figures of the simulator's parts (never pass/fail tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the simulator's speed.",
        subcommands = {BenchCommand.Kernel.class, BenchCommand.Translate.class, ModelBenchCommand.class,
            BenchCommand.Merge.class})
final class BenchCommand implements Runnable {
    /** Made on first use: picocli builds every command at start-up, and `run` needs no mapper. */
    private static final class Mapper {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing benchmark: choose one of " + String.join(", ", spec.subcommands().keySet()));
    }

    /** The fields every {@code --json} benchmark object starts with. */
    static ObjectNode jsonHeader(String benchmark) {
        ObjectNode root = Mapper.MAPPER.createObjectNode();
        root.put("benchmark", benchmark);
        root.put("java", System.getProperty("java.version"));
        return root;
    }

    /** Indented JSON text of {@code root}. */
    static String json(ObjectNode root) throws java.io.IOException {
        return Mapper.MAPPER.writeValueAsString(root);
    }

    /** {@code bench kernel}: M/M/1 and hold models against a primitive-heap loop. */
    @Command(name = "kernel", mixinStandardHelpOptions = true,
            description = {"Events per second of the event kernel.",
                "Runs an M/M/1 queue (10^6 customers) and a hold model, each next to a minimal primitive-heap loop"
                    + " doing the same work in this JVM, and reports their ratio."})
    static final class Kernel implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print one JSON object instead of a table.")
        boolean json;

        @Option(names = "--customers", defaultValue = "1000000", description = "M/M/1 customers (default ${DEFAULT-VALUE}).")
        long customers;

        @Option(names = "--hold-events", defaultValue = "2000000", description = "Events per hold run (default ${DEFAULT-VALUE}).")
        long holdEvents;

        @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds; the median is reported (default ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--warmups", defaultValue = "3", description = "Unmeasured JIT warm-up rounds (default ${DEFAULT-VALUE}).")
        int warmups;

        @Override
        public Integer call() throws Exception {
            if (customers < 1 || holdEvents < 1 || rounds < 1 || warmups < 0) {
                throw new UserInputException("--customers, --hold-events and --rounds must be >= 1 and --warmups >= 0");
            }
            KernelBench.Options o = new KernelBench.Options(customers, holdEvents, new int[] {1_000, 100_000},
                    warmups, rounds, 42);
            List<KernelBench.Result> results = KernelBench.run(o);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = jsonHeader("kernel");
                root.put("rounds", rounds);
                root.put("warmups", warmups);
                ArrayNode arr = root.putArray("results");
                for (KernelBench.Result r : results) {
                    arr.addPOJO(r);
                }
                out.println(Mapper.MAPPER.writeValueAsString(root));
            } else {
                out.printf(Locale.ROOT, "%-12s %12s %16s %16s %8s  %s%n", "model", "events", "kernel ev/s",
                        "baseline ev/s", "ratio", "check");
                for (KernelBench.Result r : results) {
                    out.printf(Locale.ROOT, "%-12s %12d %16.0f %16.0f %8.2f  %s%n", r.model(), r.events(),
                            r.kernelEventsPerSec(), r.baselineEventsPerSec(), r.ratio(), r.check());
                }
            }
            return 0;
        }
    }

    /** {@code bench translate}: functional page walks per second and heap per mapped page. */
    @Command(name = "translate", mixinStandardHelpOptions = true,
            description = {"Page walks per second, single-stage and 2D.",
                "Single-stage and 2D (4x4) page walks per second on populated tables, and heap bytes per mapped"
                    + " 4 KiB page."})
    static final class Translate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print one JSON object instead of a listing.")
        boolean json;

        @Option(names = "--pages", defaultValue = "1000000", description = "Mapped 4 KiB pages per stage (default ${DEFAULT-VALUE}).")
        int pages;

        @Option(names = "--walks", defaultValue = "10000000", description = "Timed walks of each kind (default ${DEFAULT-VALUE}).")
        long walks;

        @Override
        public Integer call() throws Exception {
            if (pages < 1 || walks < 1) {
                throw new UserInputException("--pages and --walks must be >= 1");
            }
            TranslateBench.Figures f = TranslateBench.run(pages, walks);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = jsonHeader("translate");
                root.putPOJO("figures", f);
                out.println(Mapper.MAPPER.writeValueAsString(root));
            } else {
                out.println(f);
            }
            return 0;
        }
    }

    /** {@code bench merge}: the driver-side cost of a large sweep run on a cluster. */
    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = {"Driver-side cost of a sampled sweep of N points run on a cluster.",
                "Measures preparing and checking the points, the bytes per shipped task and returned result,"
                        + " decoding, merging and writing stats.json."})
    static final class Merge implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--points", defaultValue = "10000", description = "Sweep points (default ${DEFAULT-VALUE}).")
        int points;

        @Option(names = "--jobs", defaultValue = "1", description = "Threads checking the points (default ${DEFAULT-VALUE}).")
        int jobs;

        @Override
        public Integer call() {
            if (points < 1 || points > 100_000 || jobs < 1) {
                throw new UserInputException("--points must be 1 to 100000 and --jobs at least 1");
            }
            spec.commandLine().getOut().println(org.iommusim.scenarios.bench.MergeBench.run(points, jobs));
            return 0;
        }
    }
}

package org.iommusim.scenarios.cli;

import org.iommusim.core.input.UserInputException;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.iommusim.core.input.BadInput;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine.Spec;

/**
 * The {@code iommusim} command line. Exit codes: 0 success, 2 bad input (a usage error or a
 * {@link BadInput}: the message alone, never a stack trace, also when it is the cause of a class
 * that failed to initialise; also a run that outgrew the Java heap), 1 internal error, 130 interrupted.
 * Results go to stdout; progress, warnings and errors to stderr.
 *
 * <p>The subcommands are added in code ({@link #commandLine(String...)}), not listed in the
 * annotation: picocli builds the model of every command it is given (reflection over each
 * command's options, mixins and descriptions) before it parses anything, and a run needs one. A
 * command line whose first argument names a command builds that command only; any other (no
 * argument, {@code --help}, {@code help run}, a mistyped command) builds all of them, so help,
 * the command list and "did you mean" see every command. Building all nine took ~0.1 s of the
 * main thread before a run could start (docs/PERFORMANCE.md, "Whole runs, round 7").
 */
@Command(name = "iommusim",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Discrete-event simulator of an IOMMU with DMA-issuing PCI devices.")
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_BAD_INPUT = 2;
    /** A run stopped by Ctrl-C (128 + SIGINT); finished replications were kept. */
    public static final int EXIT_INTERRUPTED = 130;

    /** The commands by name, in the order the help lists them (then {@code help}). */
    private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("run", RunCommand::new);
        COMMANDS.put("compare", CompareCommand::new);
        COMMANDS.put("sweep", SweepCommand::new);
        COMMANDS.put("report", ReportCommand::new);
        COMMANDS.put("validate", ValidateCommand::new);
        COMMANDS.put("config", ConfigCommand::new);
        COMMANDS.put("list", ListCommand::new);
        COMMANDS.put("bench", BenchCommand::new);
    }

    @Spec
    CommandSpec spec;

    /** The whole command line: every command and {@code help}. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        COMMANDS.forEach((name, command) -> cl.addSubcommand(name, command.get()));
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        return cl;
    }

    /**
     * The command line {@code args} need: the command that {@code args[0]} names alone, or
     * {@link #commandLine() every command} when it names none.
     */
    static CommandLine commandLine(String... args) {
        Supplier<Object> named = args.length == 0 ? null : COMMANDS.get(args[0]);
        if (named == null) {
            return commandLine();
        }
        CommandLine cl = new CommandLine(new Main());
        cl.addSubcommand(args[0], named.get());
        return cl;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * Prints a failure and returns its exit code: bad input (any {@link BadInput}: a scenario's
     * configuration error, a bad argument, a folder without results) is the message alone and exit
     * 2; anything else is an internal error, exit 1, with the stack trace for the bug report.
     */
    static int report(Exception ex, PrintWriter err) {
        OutOfMemoryError oom = outOfMemoryCause(ex);
        if (oom != null) {
            return outOfMemory(err);
        }
        if (ex instanceof BadInput) {
            err.println("iommusim: " + ex.getMessage());
            return EXIT_BAD_INPUT;
        }
        err.println("iommusim: internal error: " + ex);
        ex.printStackTrace(err);
        return EXIT_INTERNAL;
    }

    /** Runs the CLI with the given streams and returns the exit code (for tests and main). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        try {
            return parseAndRun(out, err, args);
        } catch (OutOfMemoryError e) {
            return outOfMemory(err);
        } catch (LinkageError e) {
            BadInput cause = badInputCause(e);
            if (cause == null) {
                throw e;
            }
            err.println("iommusim: " + cause.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
    }

    /**
     * A run that outgrew the Java heap (the launcher bounds it; {@code MemoryEstimate} refuses
     * most such scenarios before they start, but not every structure is estimated): what to do,
     * without a stack trace, exit 2 like the estimate's refusal.
     */
    static int outOfMemory(PrintWriter err) {
        err.println("iommusim: out of memory: the scenario needed more than the Java heap of "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MiB. Give Java a larger heap (IOMMUSIM_HEAP=4g with"
                + " the iommusim launcher, or IOMMUSIM_JAVA_OPTS=-Xmx4g), run fewer replications at once (--jobs 1),"
                + " or make the scenario smaller (fewer devices, a shorter duration or sampling)");
        err.flush();
        return EXIT_BAD_INPUT;
    }

    /** The out-of-memory error behind {@code t} (e.g. thrown on a replication thread), or null. */
    static OutOfMemoryError outOfMemoryCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError o) {
                return o;
            }
        }
        return null;
    }

    /**
     * The bad input behind a class that failed to initialise (e.g. a replacement policy
     * registered from outside the model under a name already taken, found when the policy
     * registry is first built), or null when the failure is a bug.
     */
    static BadInput badInputCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BadInput b) {
                return b;
            }
        }
        return null;
    }

    private static int parseAndRun(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("iommusim: " + ex.getMessage());
            if (ex instanceof UnmatchedArgumentException u) {
                Typos.suggestion(c, u.getUnmatched()).ifPresent(s -> c.getErr().println(s));
            }
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> report(ex, c.getErr()));
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}

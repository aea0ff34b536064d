package org.iommusim.scenarios.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.iommusim.scenarios.runner.Prepared;
import org.iommusim.scenarios.runner.ScenarioSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code iommusim run SCENARIO}: every variant and sweep point of a scenario, with replications. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a scenario (a catalog name or a YAML file): every variant and sweep point,",
            "each with its replications; writes a results folder and prints a summary."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "A catalog name (see 'list scenarios') or a scenario file.")
    String scenario;

    @Mixin
    ScenarioOptions scenarioOptions;

    @Mixin
    OutputOptions outputOptions;

    @Override
    public Integer call() {
        Prepared p = Prepared.of(ScenarioSource.resolve(scenario), scenarioOptions.sets(), outputOptions.jobs);
        return SimulateCommand.execute(p, outputOptions, "run", spec.commandLine().getOut());
    }
}

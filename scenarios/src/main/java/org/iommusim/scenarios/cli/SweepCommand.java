package org.iommusim.scenarios.cli;

import org.iommusim.core.input.UserInputException;

import java.util.concurrent.Callable;
import org.iommusim.scenarios.runner.Prepared;
import org.iommusim.scenarios.runner.ScenarioSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code iommusim sweep SCENARIO}: a scenario's sweep, run in parallel with {@code --jobs}; writes sweep.csv. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a scenario's sweep (its 'sweep' section: axes or points) with replications,",
            "in parallel with --jobs (results are identical whatever the job count); writes sweep.csv too."})
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "A catalog name or a scenario file with a 'sweep' section.")
    String scenario;

    @Mixin
    ScenarioOptions scenarioOptions;

    @Mixin
    OutputOptions outputOptions;

    @Override
    public Integer call() {
        Prepared p = Prepared.of(ScenarioSource.resolve(scenario), scenarioOptions.sets(), outputOptions.jobs);
        if (p.plan().sweptKeys().isEmpty()) {
            throw new UserInputException(scenario + " has no sweep: add a 'sweep' section with axes (key and values)"
                    + " or points, or use 'run'");
        }
        return SimulateCommand.execute(p, outputOptions, "sweep", spec.commandLine().getOut());
    }
}

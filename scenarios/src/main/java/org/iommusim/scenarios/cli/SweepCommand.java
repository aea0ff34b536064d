package org.iommusim.scenarios.cli;

import org.iommusim.core.input.UserInputException;

import org.iommusim.scenarios.runner.Prepared;
import org.iommusim.scenarios.runner.ScenarioSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code iommusim sweep SCENARIO}: a scenario's sweep, run in parallel with {@code --jobs}; writes sweep.csv. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a scenario's sweep (axes or points) and write sweep.csv too.",
            "Runs in parallel with --jobs; results are identical whatever the job count."})
final class SweepCommand extends SimulatingCommand {
    @Parameters(paramLabel = "SCENARIO", description = "A catalog name or a scenario file with a 'sweep' section.")
    String scenario;

    @Override
    public Integer call() {
        checkOutputOptions();
        Prepared p = Prepared.of(ScenarioSource.resolve(scenario), scenarioOptions.sets(), outputOptions.requestedJobs());
        if (p.plan().sweptKeys().isEmpty()) {
            throw new UserInputException(scenario + " has no sweep: add a 'sweep' section with axes (key and values)"
                    + " or points, or use 'run'");
        }
        return simulate(p, "sweep");
    }
}

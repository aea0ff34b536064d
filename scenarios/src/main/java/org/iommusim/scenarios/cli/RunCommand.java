package org.iommusim.scenarios.cli;

import org.iommusim.scenarios.runner.Prepared;
import org.iommusim.scenarios.runner.ScenarioSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code iommusim run SCENARIO}: every variant and sweep point of a scenario, with replications. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a scenario (a catalog name or a YAML file): every variant and sweep point,",
            "each with its replications; writes a results folder and prints a summary."})
final class RunCommand extends SimulatingCommand {
    @Parameters(paramLabel = "SCENARIO", description = "A catalog name (see 'list scenarios') or a scenario file.")
    String scenario;

    @Override
    public Integer call() {
        Prepared p = Prepared.of(ScenarioSource.resolve(scenario), scenarioOptions.sets());
        return simulate(p, "run");
    }
}

package org.iommusim.scenarios.cli;

import org.iommusim.scenarios.runner.Prepared;
import org.iommusim.scenarios.runner.ScenarioSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code iommusim run SCENARIO}: every variant and sweep point of a scenario, with replications. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a scenario: every variant and sweep point, with replications.",
            "SCENARIO is a catalog name or a YAML file. Writes a results folder (files, charts, report.html)"
                + " and prints a summary with 95%% confidence intervals."})
final class RunCommand extends SimulatingCommand {
    @Parameters(paramLabel = "SCENARIO", description = "A catalog name (see 'list scenarios') or a scenario file.")
    String scenario;

    @Override
    public Integer call() {
        checkOutputOptions();
        Prepared p = Prepared.of(ScenarioSource.resolve(scenario), scenarioOptions.sets(), outputOptions.requestedJobs());
        return simulate(p, "run");
    }
}

package org.iommusim.scenarios.cli;

import java.util.concurrent.Callable;
import org.iommusim.scenarios.runner.Prepared;
import org.iommusim.scenarios.runner.ScenarioSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code iommusim validate SCENARIO}: every check a run makes before simulating, and nothing else. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a scenario without running it (exit 0 or 2).",
            "Checks keys, types, units, ranges and references, and builds every variant's model once (impossible"
                + " nestings, cache shapes, overlapping maps)."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "A catalog name or a scenario file.")
    String scenario;

    @Mixin
    ScenarioOptions scenarioOptions;

    @Override
    public Integer call() {
        Prepared p = Prepared.of(ScenarioSource.resolve(scenario), scenarioOptions.sets());
        spec.commandLine().getOut().println(p.source().sourceName() + ": valid (" + p.plan().points().size()
                + " variant(s), " + p.runs() + " run(s))");
        return Main.EXIT_OK;
    }
}

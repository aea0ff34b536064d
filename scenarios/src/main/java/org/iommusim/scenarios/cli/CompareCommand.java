package org.iommusim.scenarios.cli;

import org.iommusim.core.input.UserInputException;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.scenarios.runner.Prepared;
import org.iommusim.scenarios.runner.ScenarioSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code iommusim compare A [B...]}: a scenario's variants side by side, or several scenarios as one variant each. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare variants of one scenario, or two or more scenarios, side by side.",
            "With several scenarios each becomes one variant named after it; the same --set applies to all.",
            "Each scenario's effective configuration is written to config.effective.<variant>.yaml."})
final class CompareCommand extends SimulatingCommand {
    @Parameters(paramLabel = "SCENARIO", arity = "1..*", description = "One scenario with variants, or two or more scenarios.")
    List<String> scenarios;

    @Override
    public Integer call() {
        checkOutputOptions();
        Prepared p;
        if (scenarios.size() == 1) {
            p = Prepared.of(ScenarioSource.resolve(scenarios.get(0)), scenarioOptions.sets(), outputOptions.requestedJobs());
            if (p.plan().points().size() < 2) {
                throw new UserInputException(scenarios.get(0) + " has a single variant; give it 'variants' or a"
                        + " 'sweep', or compare two scenarios: compare A B");
            }
        } else {
            List<Prepared> each = new ArrayList<>();
            for (String s : scenarios) {
                each.add(Prepared.of(ScenarioSource.resolve(s), scenarioOptions.sets(), outputOptions.requestedJobs()));
            }
            p = Prepared.group(each);
        }
        return simulate(p, "compare");
    }
}

package org.iommusim.scenarios.cli;

import java.util.concurrent.Callable;
import org.iommusim.scenarios.config.EffectiveConfig;
import org.iommusim.scenarios.runner.ScenarioSource;
import org.iommusim.scenarios.schema.Scenario;
import org.iommusim.scenarios.model.ScenarioSchema;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code iommusim config --reference | --dump SCENARIO}: the documented keys, or a scenario's effective configuration. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Print reference.yaml or a scenario's effective configuration.",
            "reference.yaml documents every key with its default, unit and meaning; --dump shows a scenario after"
                + " defaults, the file and --set."})
final class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--reference", required = true, description = "Print reference.yaml.")
        boolean reference;

        @Option(names = "--dump", paramLabel = "SCENARIO", required = true,
                description = "Print the effective configuration of SCENARIO (a catalog name or a file).")
        String dump;
    }

    @Mixin
    ScenarioOptions scenarioOptions;

    @Override
    public Integer call() {
        if (what.reference) {
            spec.commandLine().getOut().print(ScenarioSchema.reference());
            return Main.EXIT_OK;
        }
        ScenarioSource source = ScenarioSource.resolve(what.dump);
        EffectiveConfig<Scenario> c = ScenarioSchema.loader().load(source.text(), source.sourceName(),
                scenarioOptions.sets());
        spec.commandLine().getOut().print(c.toYaml());
        return Main.EXIT_OK;
    }
}

package org.iommusim.scenarios.cli;

import java.util.concurrent.Callable;
import org.iommusim.hw.iommu.arch.ArchPreset;
import org.iommusim.hw.iommu.arch.ArchPresets;
import org.iommusim.scenarios.config.EffectiveConfig;
import org.iommusim.scenarios.config.ProvenanceWriter;
import org.iommusim.scenarios.runner.ScenarioSource;
import org.iommusim.scenarios.schema.Scenario;
import org.iommusim.scenarios.model.ScenarioSchema;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code iommusim config --reference [--preset X] | --dump SCENARIO}: the documented keys (with a
 * preset's defaults), or a scenario's effective configuration with where each value came from.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Print reference.yaml or a scenario's effective configuration.",
            "reference.yaml documents every key with its default, unit and meaning; --preset X prints it with the"
                + " iommu defaults of architecture preset X. --dump shows a scenario after defaults, its iommu preset,"
                + " the file and --set, each value with where it came from (# default, # preset X, # scenario"
                + " FILE:LINE:COL, # --set KEY=VALUE)."})
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

    @Option(names = "--preset", paramLabel = "PRESET",
            description = "With --reference: the IOMMU architecture preset whose defaults to print (one of: ${COMPLETION-CANDIDATES}).",
            completionCandidates = PresetNames.class)
    String preset;

    @Mixin
    ScenarioOptions scenarioOptions;

    @Override
    public Integer call() {
        if (what.reference) {
            if (preset == null) {
                spec.commandLine().getOut().print(ScenarioSchema.reference());
                return Main.EXIT_OK;
            }
            ArchPreset p = ArchPresets.find(preset).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "unknown preset '" + preset + "' for --preset; allowed: " + String.join(", ", ArchPresets.names())));
            spec.commandLine().getOut().print(ScenarioSchema.renderReference(p));
            return Main.EXIT_OK;
        }
        if (preset != null) {
            throw new ParameterException(spec.commandLine(), "--preset goes with --reference; for a scenario use"
                    + " --set iommu.preset=" + preset);
        }
        ScenarioSource source = ScenarioSource.resolve(what.dump);
        EffectiveConfig<Scenario> c = ScenarioSchema.loader().load(source.text(), source.sourceName(),
                scenarioOptions.sets());
        spec.commandLine().getOut().print(ProvenanceWriter.write(c, REFERENCE_NAME));
        return Main.EXIT_OK;
    }

    /** The reference's source name in origins. */
    private static final String REFERENCE_NAME = ScenarioSchema.REFERENCE_RESOURCE.substring(
            ScenarioSchema.REFERENCE_RESOURCE.lastIndexOf('/') + 1);

    /** The preset names, for the help text. */
    static final class PresetNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ArchPresets.names().iterator();
        }
    }
}

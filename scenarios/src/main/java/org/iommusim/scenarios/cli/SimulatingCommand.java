package org.iommusim.scenarios.cli;

import java.util.concurrent.Callable;
import org.iommusim.scenarios.runner.Invocation;
import org.iommusim.scenarios.runner.Prepared;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The shape {@code run}, {@code compare} and {@code sweep} share: scenario options
 * ({@code --set}, {@code --seed}), output options ({@code --out}, {@code --jobs}, {@code --quiet},
 * {@code --no-report}, {@code --png}), and {@link #simulate}, which hands a prepared scenario to
 * {@link SimulateCommand}. Each subclass only says how it prepares its scenario.
 */
abstract class SimulatingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions scenarioOptions;

    @Mixin
    OutputOptions outputOptions;

    /**
     * Refuses unusable output options ({@code --out} that cannot become the results folder,
     * {@code --jobs} below 1) before the scenario is loaded, so nothing is built or run first;
     * then, when a report will be drawn, starts readying the drawing ({@code WarmUp}).
     */
    void checkOutputOptions() {
        SimulateCommand.checkOptions(outputOptions);
        if (!outputOptions.noReport) {
            // the report's drawing machinery loads while the scenario loads (a cold JVM's AWT,
            // fonts and chart classes were a large part of a short run's report)
            org.iommusim.reports.WarmUp.start(outputOptions.chartFiles());
        }
    }

    /** Runs {@code p} as command {@code command} (recorded in the manifest). */
    int simulate(Prepared p, String command) {
        int jobs = SimulateCommand.jobs(p, outputOptions);
        Invocation how = Invocation.now(spec.root().commandLine().getParseResult().originalArgs(),
                scenarioOptions.sets(), jobs, VersionProvider.version(), VersionProvider.gitCommit());
        return SimulateCommand.execute(p, outputOptions, jobs, command, how, spec.commandLine().getOut());
    }
}

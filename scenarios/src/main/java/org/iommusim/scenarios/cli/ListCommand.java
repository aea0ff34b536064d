package org.iommusim.scenarios.cli;

import java.util.concurrent.Callable;
import org.iommusim.scenarios.catalog.Catalog;
import org.iommusim.scenarios.model.Extensions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code iommusim list WHAT}: the names the registries accept. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List catalog scenarios, replacement policies, device presets, address patterns, control-plane workloads, or statistics.")
final class ListCommand implements Callable<Integer> {
    enum What { scenarios, policies, devices, patterns, workloads, stats }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "WHAT", description = "One of: ${COMPLETION-CANDIDATES}.")
    What what;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        switch (what) {
            case scenarios -> Catalog.NAMES.forEach(n -> out.printf("%-16s %s%n", n, Catalog.summary(n)));
            case policies -> Extensions.INSTALLED.policies().names().forEach(out::println);
            case devices -> Extensions.BUILT_IN.presets().names().forEach(out::println);
            case patterns -> Extensions.BUILT_IN.names(Extensions.ADDRESS_PATTERNS).forEach(out::println);
            case workloads -> Extensions.BUILT_IN.workloads().names().forEach(out::println);
            case stats -> out.print(org.iommusim.scenarios.model.StatisticsCatalog.markdown());
        }
        return Main.EXIT_OK;
    }
}

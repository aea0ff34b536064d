package org.iommusim.scenarios.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every scenario command takes: {@code --set} (repeatable) and {@code --seed}. */
final class ScenarioOptions {
    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a key (dotted path; named list elements by name, e.g. devices.nic0.nic.rxRing=512). Repeatable; wins over the scenario and its variants.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Master seed (the scenario's 'seed' key).")
    Long seed;

    /** The --set arguments, with --seed as one more. */
    List<String> sets() {
        List<String> all = new ArrayList<>(sets);
        if (seed != null) {
            all.add("seed=" + seed);
        }
        return all;
    }
}
